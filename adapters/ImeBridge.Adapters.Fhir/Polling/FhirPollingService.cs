using Microsoft.Extensions.Hosting;

namespace ImeBridge.Adapters.Fhir.Polling;

/// <summary>Runs <see cref="FhirPollRunner"/> for as long as the host runs (<c>imebridge serve</c>).</summary>
public sealed class FhirPollingService(FhirPollRunner runner, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan ShortestSleep = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await runner.RunDueAsync(stoppingToken);
                var sleep = runner.UntilNextDue();
                await Task.Delay(sleep < ShortestSleep ? ShortestSleep : sleep, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
