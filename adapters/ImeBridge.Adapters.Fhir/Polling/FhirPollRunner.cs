using System.Collections.Concurrent;
using ImeBridge.Adapters.Fhir.Partners;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImeBridge.Adapters.Fhir.Polling;

/// <summary>
/// Polls, one after the other, every partner whose <c>fhir.polling.interval</c> is due; a partner whose poll throws
/// is logged and waits its interval. <see cref="FhirPollingService"/> drives it in <c>imebridge serve</c>; the Azure
/// Functions timer calls <see cref="RunDueAsync"/> on each tick.
/// </summary>
public sealed class FhirPollRunner(IServiceScopeFactory scopes, IOptions<FhirOptions> options, TimeProvider time, ILogger<FhirPollRunner> logger)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> nextDue = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<FhirPollSummary>> RunDueAsync(CancellationToken cancellationToken)
    {
        var summaries = new List<FhirPollSummary>();
        foreach (var (partnerId, fhir) in options.Value.PollingPartners)
        {
            var now = time.GetUtcNow();
            if (nextDue.GetValueOrDefault(partnerId, DateTimeOffset.MinValue) > now)
            {
                continue;
            }

            nextDue[partnerId] = now + fhir.Polling!.Interval;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                summaries.Add(await scope.ServiceProvider.GetRequiredService<FhirPoller>().PollAsync(partnerId, cancellationToken));
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogError("FHIR poll of partner {PartnerId} failed with {ExceptionType}", partnerId, ex.GetType().Name);
            }
        }

        return summaries;
    }

    /// <summary>How long until the next partner is due; a minute when none polls.</summary>
    public TimeSpan UntilNextDue()
    {
        var due = options.Value.PollingPartners.Select(p => nextDue.GetValueOrDefault(p.PartnerId, DateTimeOffset.MinValue)).ToList();
        if (due.Count == 0)
        {
            return TimeSpan.FromMinutes(1);
        }

        var wait = due.Min() - time.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }
}
