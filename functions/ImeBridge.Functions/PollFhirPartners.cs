using ImeBridge.Adapters.Fhir.Polling;
using Microsoft.Azure.Functions.Worker;

namespace ImeBridge.Functions;

/// <summary>
/// Every minute: searches the FHIR servers of the partners whose <c>fhir.polling.interval</c> is due for new
/// ServiceRequests. A lease keeps one poll per partner at a time across instances; the watermark is in the store.
/// </summary>
public sealed class PollFhirPartners(FhirPollRunner runner)
{
    public const string Schedule = "0 */1 * * * *";

    [Function(nameof(PollFhirPartners))]
    public Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        runner.RunDueAsync(cancellationToken);
}
