using ImeBridge.Core.Polling;

namespace ImeBridge.Adapters.Fhir.Polling;

/// <summary>Runs <see cref="FhirPollRunner"/> for as long as the host runs (<c>imebridge serve</c>), sleeping until the next partner is due.</summary>
public sealed class FhirPollingService(FhirPollRunner runner, TimeProvider time) : DuePollingService(time)
{
    protected override Task RunDueAsync(CancellationToken cancellationToken) => runner.RunDueAsync(cancellationToken);

    protected override TimeSpan UntilNextDue() => runner.UntilNextDue();
}
