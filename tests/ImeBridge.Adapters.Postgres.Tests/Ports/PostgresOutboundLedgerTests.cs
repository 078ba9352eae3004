using ImeBridge.Adapters.Tests.Contracts;

namespace ImeBridge.Adapters.Postgres.Tests.Ports;

public sealed class PostgresOutboundLedgerTests : OutboundLedgerContract
{
    protected override Task<PortsDatabase> CreateDatabaseAsync() => PostgresPortsDatabase.CreateAsync();
}
