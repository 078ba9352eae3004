using ImeBridge.Adapters.Tests.Contracts;

namespace ImeBridge.Adapters.Postgres.Tests.Ports;

public sealed class PostgresExpertDirectoryTests : ExpertDirectoryContract
{
    protected override Task<PortsDatabase> CreateDatabaseAsync() => PostgresPortsDatabase.CreateAsync();
}
