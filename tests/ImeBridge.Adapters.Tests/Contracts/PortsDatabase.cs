using ImeBridge.Core.Outbound;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Tests.Contracts;

/// <summary>
/// One database that the port contracts (leases, checkpoints, experts, outbound ledger) run against: a SQLite file or a
/// PostgreSQL database. Every instance opened on it is disposed with it.
/// </summary>
public abstract class PortsDatabase : IAsyncDisposable
{
    /// <summary>Opens one more adapter instance over the same database, as another process would.</summary>
    public abstract IPortsInstance Open();

    /// <summary>Closes the newest instance (finishing its writes) and opens another over the same database.</summary>
    public abstract Task<IPortsInstance> ReopenAsync();

    /// <summary>The rows of <paramref name="table"/> matching <paramref name="where"/>, a condition both engines read alike.</summary>
    public abstract Task<long> CountAsync(string table, string where = "1 = 1");

    /// <summary>An instant as a SQL literal in the form the adapter stores it.</summary>
    public abstract string Instant(DateTimeOffset at);

    public abstract ValueTask DisposeAsync();
}

/// <summary>The adapters of one open instance of a <see cref="PortsDatabase"/>.</summary>
public interface IPortsInstance
{
    ILeaseStore Leases(TimeProvider time);

    ICheckpointStore Checkpoints(TimeProvider time);

    IExpertDirectory Experts(TimeProvider time);

    IOutboundLedger Ledger(TimeProvider time);

    IOperatorAlerts Alerts(TimeProvider time);
}
