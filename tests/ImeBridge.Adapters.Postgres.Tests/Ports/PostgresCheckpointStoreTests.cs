using ImeBridge.Adapters.Tests.Contracts;

namespace ImeBridge.Adapters.Postgres.Tests.Ports;

public sealed class PostgresCheckpointStoreTests : CheckpointStoreContract
{
    protected override Task<PortsDatabase> CreateDatabaseAsync() => PostgresPortsDatabase.CreateAsync();
}
