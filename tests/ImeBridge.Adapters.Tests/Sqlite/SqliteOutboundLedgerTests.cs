using ImeBridge.Adapters.Tests.Contracts;

namespace ImeBridge.Adapters.Tests.Sqlite;

public sealed class SqliteOutboundLedgerTests : OutboundLedgerContract
{
    protected override Task<PortsDatabase> CreateDatabaseAsync() => SqlitePortsDatabase.CreateAsync();
}
