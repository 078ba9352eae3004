using ImeBridge.Adapters.Tests.Contracts;

namespace ImeBridge.Adapters.Tests.Sqlite;

public sealed class SqliteLeaseStoreTests : LeaseStoreContract
{
    protected override Task<PortsDatabase> CreateDatabaseAsync() => SqlitePortsDatabase.CreateAsync();
}
