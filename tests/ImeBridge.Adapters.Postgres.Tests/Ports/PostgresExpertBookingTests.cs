using ImeBridge.Adapters.Tests.Contracts;

namespace ImeBridge.Adapters.Postgres.Tests.Ports;

public sealed class PostgresExpertBookingTests : ExpertBookingContract
{
    protected override Task<PortsDatabase> CreateDatabaseAsync() => PostgresPortsDatabase.CreateAsync();
}
