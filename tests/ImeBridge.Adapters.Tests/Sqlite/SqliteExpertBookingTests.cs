using ImeBridge.Adapters.Tests.Contracts;

namespace ImeBridge.Adapters.Tests.Sqlite;

/// <summary>Expert slots held by referrals (migration 0006), as <see cref="ExpertBookingContract"/> states them.</summary>
public sealed class SqliteExpertBookingTests : ExpertBookingContract
{
    protected override Task<PortsDatabase> CreateDatabaseAsync() => SqlitePortsDatabase.CreateAsync();
}
