using Microsoft.Extensions.Hosting;

namespace ImeBridge.Core.Polling;

/// <summary>
/// The background loop of a channel poller in a long-running host (<c>imebridge serve</c>): poll what is due, sleep
/// until the next partner is due (at least a second), until the host stops.
/// </summary>
public abstract class DuePollingService(TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan ShortestSleep = TimeSpan.FromSeconds(1);

    protected abstract Task RunDueAsync(CancellationToken cancellationToken);

    protected abstract TimeSpan UntilNextDue();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await RunDueAsync(stoppingToken);
                var sleep = UntilNextDue();
                await Task.Delay(sleep < ShortestSleep ? ShortestSleep : sleep, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
