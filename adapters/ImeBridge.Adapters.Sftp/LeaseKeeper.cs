using ImeBridge.Core.Leases;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Adapters.Sftp;

/// <summary>
/// Holds a lease for the length of a poll: renews it every third of its duration and, should a renewal fail
/// (another instance took it over after an expiry), cancels <see cref="Lost"/> so the poll stops at once.
/// Disposing stops renewing and releases the lease.
/// </summary>
internal sealed class LeaseKeeper : IAsyncDisposable
{
    private readonly ILeaseStore store;
    private readonly string name;
    private readonly string owner;
    private readonly TimeSpan duration;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly string partnerId;
    private readonly CancellationTokenSource stop = new();
    private readonly CancellationTokenSource lost = new();
    private Task renewing = Task.CompletedTask;

    private LeaseKeeper(ILeaseStore store, string partnerId, string owner, TimeSpan duration, TimeProvider time, ILogger logger)
    {
        this.store = store;
        this.partnerId = partnerId;
        name = NameFor(partnerId);
        this.owner = owner;
        this.duration = duration;
        this.time = time;
        this.logger = logger;
    }

    public CancellationToken Lost => lost.Token;

    public static string NameFor(string partnerId) => "sftp:" + partnerId;

    /// <summary>The kept lease, or null when another owner holds it.</summary>
    public static async Task<LeaseKeeper?> TryTakeAsync(
        ILeaseStore store,
        string partnerId,
        string owner,
        TimeSpan duration,
        TimeProvider time,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        if (!await store.TryAcquireAsync(NameFor(partnerId), owner, duration, ProcessLeaseOwner.IsGone, cancellationToken))
        {
            return null;
        }

        var keeper = new LeaseKeeper(store, partnerId, owner, duration, time, logger);
        keeper.renewing = keeper.RenewUntilStoppedAsync();
        return keeper;
    }

    private async Task RenewUntilStoppedAsync()
    {
        try
        {
            while (true)
            {
                await Task.Delay(duration / 3, time, stop.Token);
                if (!await store.TryAcquireAsync(name, owner, duration, stop.Token))
                {
                    logger.LogWarning(SftpLogEvents.LeaseLost, "SFTP poll of partner {PartnerId} lost its lease to another instance; stopping.", partnerId);
                    await lost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogWarning(SftpLogEvents.LeaseLost, ex, "SFTP poll of partner {PartnerId} could not renew its lease; stopping.", partnerId);
            await lost.CancelAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await renewing;
        try
        {
            await store.ReleaseAsync(name, owner, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The lease expires on its own; the next poll waits for that at worst.
            logger.LogWarning(ex, "SFTP poll of partner {PartnerId} could not release its lease.", partnerId);
        }

        stop.Dispose();
        lost.Dispose();
    }
}
