using ImeBridge.Adapters.Sqlite;
using ImeBridge.Adapters.Tests.Contracts;
using ImeBridge.Core.Outbound;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Logging.Abstractions;

namespace ImeBridge.Adapters.Tests.Sqlite;

/// <summary>The port contracts' database as a SQLite file in a temp folder (<see cref="SqliteFixture"/>).</summary>
public sealed class SqlitePortsDatabase : PortsDatabase
{
    private readonly SqliteFixture fixture = new();

    public static Task<PortsDatabase> CreateAsync() => Task.FromResult<PortsDatabase>(new SqlitePortsDatabase());

    public override IPortsInstance Open() => new Instance(fixture.Open());

    public override async Task<IPortsInstance> ReopenAsync() => new Instance(await fixture.ReopenAsync());

    public override Task<long> CountAsync(string table, string where = "1 = 1") => Task.FromResult(SqlitePeek.Count(fixture.Current, table, where));

    public override string Instant(DateTimeOffset at) => at.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    public override ValueTask DisposeAsync() => fixture.DisposeAsync();

    private sealed class Instance(SqliteDatabase database) : IPortsInstance
    {
        public ILeaseStore Leases(TimeProvider time) => new SqliteLeaseStore(database, time);

        public ICheckpointStore Checkpoints(TimeProvider time) => new SqliteCheckpointStore(database, time);

        public IExpertDirectory Experts(TimeProvider time) => new SqliteExpertDirectory(database, time);

        public IOutboundLedger Ledger(TimeProvider time) => new SqliteOutboundLedger(database, time);

        public IOperatorAlerts Alerts(TimeProvider time) => new SqliteOperatorAlerts(database, time, NullLogger<SqliteOperatorAlerts>.Instance);
    }
}
