using ImeBridge.Adapters.Tests.Contracts;

namespace ImeBridge.Adapters.Postgres.Tests.Ports;

public sealed class PostgresLeaseStoreTests : LeaseStoreContract
{
    protected override Task<PortsDatabase> CreateDatabaseAsync() => PostgresPortsDatabase.CreateAsync();
}
