using ImeBridge.Core.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Core.Messaging;

/// <summary>
/// Pulls due messages from the embedded queue and dispatches them, one per session at a time
/// (the queue guarantees that), several sessions in parallel. While referrals are arriving
/// (<see cref="IntakePressure"/>) it handles one message at a time and then pauses for <see cref="GiveWayFactor"/>
/// times as long as that took (at least <see cref="GiveWayMinimumDelay"/>), so that on a small machine the workflow
/// behind intake does not lengthen intake's answers; it never stops, so the workflow still moves.
/// </summary>
public sealed class QueuePump(
    IMessageQueue queue,
    MessageDispatcher dispatcher,
    IntakePressure intakePressure,
    TimeProvider time,
    ILogger<QueuePump> logger) : BackgroundService
{
    /// <summary>How long to wait after finding the queue empty.</summary>
    public static readonly TimeSpan IdleDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>While intake is busy the pump pauses this many times as long as its last message took: a fifth of one core.</summary>
    public const int GiveWayFactor = 4;

    /// <summary>The shortest pause while intake is busy.</summary>
    public static readonly TimeSpan GiveWayMinimumDelay = TimeSpan.FromMilliseconds(5);

    private const int BatchSize = 32;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var givingWay = intakePressure.IsHigh;
                var started = time.GetTimestamp();
                var batch = await queue.ReceiveAsync(givingWay ? 1 : BatchSize, stoppingToken);
                if (batch.Count == 0)
                {
                    await Task.Delay(IdleDelay, time, stoppingToken);
                    continue;
                }

                await Task.WhenAll(batch.Select(m => dispatcher.DispatchAsync(m, stoppingToken)));
                if (givingWay)
                {
                    var pause = time.GetElapsedTime(started) * GiveWayFactor;
                    await Task.Delay(pause > GiveWayMinimumDelay ? pause : GiveWayMinimumDelay, time, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError("Queue pump failed with {ExceptionType}; retrying", ex.GetType().Name);
                await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
