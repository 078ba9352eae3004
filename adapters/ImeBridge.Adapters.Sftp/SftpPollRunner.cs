using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImeBridge.Adapters.Sftp;

/// <summary>
/// Polls every SFTP partner whose interval is due, a few at a time; one partner's failure (a host key mismatch,
/// an unreachable server) is logged and the others go on. <see cref="SftpPollingService"/> calls it in
/// <c>imebridge serve</c>; the Azure Functions timer calls <see cref="RunDueAsync"/> once per tick.
/// </summary>
public sealed class SftpPollRunner
{
    private const int MaxConcurrentPolls = 2;

    private readonly SftpBatchPoller poller;
    private readonly IOptions<SftpOptions> options;
    private readonly TimeProvider time;
    private readonly ILogger<SftpPollRunner> logger;
    private readonly ConcurrentDictionary<string, DateTimeOffset> nextDue = new(StringComparer.Ordinal);

    public SftpPollRunner(SftpBatchPoller poller, IOptions<SftpOptions> options, TimeProvider time, ILogger<SftpPollRunner> logger)
    {
        this.poller = poller;
        this.options = options;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Polls the partners that are due (all of them on the first call) and returns what each poll did.</summary>
    public async Task<IReadOnlyList<SftpPollResult>> RunDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = options.Value.SftpPartners
            .Where(p => nextDue.GetValueOrDefault(p.Id!, DateTimeOffset.MinValue) <= now)
            .ToList();
        foreach (var partner in due)
        {
            // Set before polling: a failing partner waits its interval rather than being retried on every tick.
            nextDue[partner.Id!] = now + partner.Sftp!.PollInterval;
        }

        var results = new ConcurrentQueue<SftpPollResult>();
        await Parallel.ForEachAsync(
            due,
            new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentPolls, CancellationToken = cancellationToken },
            async (partner, ct) => results.Enqueue(await PollOneAsync(partner, ct)));
        return [.. results.OrderBy(r => r.PartnerId, StringComparer.Ordinal)];
    }

    /// <summary>How long until the next partner is due; zero when one is due now, a minute when there is none.</summary>
    public TimeSpan UntilNextDue()
    {
        var partners = options.Value.SftpPartners.ToList();
        if (partners.Count == 0)
        {
            return TimeSpan.FromMinutes(1);
        }

        var now = time.GetUtcNow();
        var soonest = partners.Min(p => nextDue.GetValueOrDefault(p.Id!, DateTimeOffset.MinValue));
        return soonest <= now ? TimeSpan.Zero : soonest - now;
    }

    private async Task<SftpPollResult> PollOneAsync(SftpPartnerEntry partner, CancellationToken cancellationToken)
    {
        try
        {
            return new SftpPollResult(partner.Id!, await poller.PollAsync(partner, cancellationToken), null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (SftpHostKeyMismatchException ex)
        {
            // Already logged at Critical by the connector, with both fingerprints.
            return new SftpPollResult(partner.Id!, null, ex);
        }
        catch (Exception ex)
        {
            logger.LogError(
                SftpLogEvents.PollFailed,
                "SFTP poll of partner {PartnerId} failed: {ErrorType}. Files stay where they are for the next poll.",
                partner.Id,
                SafeError.Describe(ex));
            return new SftpPollResult(partner.Id!, null, ex);
        }
    }
}
