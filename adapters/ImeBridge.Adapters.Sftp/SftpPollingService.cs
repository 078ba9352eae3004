using Microsoft.Extensions.Hosting;

namespace ImeBridge.Adapters.Sftp;

/// <summary>Runs <see cref="SftpPollRunner"/> for as long as the host runs (<c>imebridge serve</c>), sleeping until the next partner is due.</summary>
public sealed class SftpPollingService(SftpPollRunner runner, TimeProvider time) : BackgroundService
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
