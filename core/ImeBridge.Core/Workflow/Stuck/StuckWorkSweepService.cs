using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ImeBridge.Core.Workflow.Stuck;

/// <summary>How often a long-running host sweeps for stuck work (<c>sweeps:interval</c>).</summary>
public sealed class StuckWorkOptions
{
    public const string Section = "sweeps";

    /// <summary>Between two sweeps; the shortest limit is 15 minutes, so every 5 minutes tells operators soon enough.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// <see cref="StuckWorkSweep"/> on a loop for <c>imebridge serve</c>: a sweep at start, then one per
/// <see cref="StuckWorkOptions.Interval"/> on the host's clock. A failed sweep (the store unreachable) is logged and
/// tried again at the next interval. The Functions app runs the same sweep from a timer trigger instead.
/// </summary>
public sealed class StuckWorkSweepService(
    IServiceScopeFactory scopes,
    IOptions<StuckWorkOptions> options,
    TimeProvider time,
    ILogger<StuckWorkSweepService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Interval > TimeSpan.Zero ? options.Value.Interval : TimeSpan.FromMinutes(5);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await SweepOnceAsync(stoppingToken);
                await Task.Delay(interval, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SweepOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<StuckWorkSweep>().SweepAsync(stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The type only: a driver's message may carry a host name or a statement.
            logger.LogError("Stuck-work sweep failed: {ExceptionType}; next try in {Interval}", ex.GetType().Name, options.Value.Interval);
        }
    }
}
