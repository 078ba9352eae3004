using ImeBridge.Core.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Core.Messaging;

/// <summary>
/// Pulls due messages from the embedded queue and dispatches them, one per session at a time
/// (the queue guarantees that), several sessions in parallel.
/// </summary>
public sealed class QueuePump(
    IMessageQueue queue,
    MessageDispatcher dispatcher,
    TimeProvider time,
    ILogger<QueuePump> logger) : BackgroundService
{
    /// <summary>How long to wait after finding the queue empty.</summary>
    public static readonly TimeSpan IdleDelay = TimeSpan.FromMilliseconds(200);

    private const int BatchSize = 32;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var batch = await queue.ReceiveAsync(BatchSize, stoppingToken);
                if (batch.Count == 0)
                {
                    await Task.Delay(IdleDelay, time, stoppingToken);
                    continue;
                }

                await Task.WhenAll(batch.Select(m => dispatcher.DispatchAsync(m, stoppingToken)));
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
