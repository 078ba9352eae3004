using Azure.Messaging.ServiceBus;
using ImeBridge.Core.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Adapters.ServiceBus;

/// <summary>
/// Consumes the workflow queue with a <see cref="ServiceBusSessionProcessor"/> and feeds each message to the same
/// <see cref="MessageDispatcher"/> the embedded pump uses, one message at a time per session (referral), several
/// sessions at once. The dispatcher settles through <see cref="ServiceBusMessageQueue"/>, which settles through the
/// processor's session, so handlers and settlement rules are identical on both engines. The processor renews the
/// session lock while a handler runs (up to <see cref="ServiceBusQueueOptions.MaxAutoLockRenewalDuration"/>), so long
/// handlers keep their referral. Deliberately small: it is what a Functions Service Bus trigger would replace.
/// </summary>
public sealed class ServiceBusSessionPump(
    ServiceBusClient client,
    ServiceBusMessageQueue queue,
    MessageDispatcher dispatcher,
    ServiceBusQueueOptions options,
    ILogger<ServiceBusSessionPump> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var processor = client.CreateSessionProcessor(queue.QueueName, new ServiceBusSessionProcessorOptions
        {
            AutoCompleteMessages = false,
            MaxConcurrentSessions = options.MaxConcurrentSessions,
            MaxConcurrentCallsPerSession = 1,
            MaxAutoLockRenewalDuration = options.MaxAutoLockRenewalDuration,
            SessionIdleTimeout = options.SessionIdleTimeout,
            PrefetchCount = 0,
        });
        processor.ProcessMessageAsync += HandleAsync;
        processor.ProcessErrorAsync += OnErrorAsync;
        await processor.StartProcessingAsync(stoppingToken);
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the processor finishes its handlers below.
        }

        await processor.StopProcessingAsync(CancellationToken.None);
    }

    private async Task HandleAsync(ProcessSessionMessageEventArgs args)
    {
        var message = queue.Track(args);
        try
        {
            await dispatcher.DispatchAsync(message, args.CancellationToken);
        }
        finally
        {
            queue.Forget(message.LockToken);
        }
    }

    private Task OnErrorAsync(ProcessErrorEventArgs args)
    {
        // The reason and the exception type only: exception messages may quote message content.
        logger.LogWarning(
            "Service Bus session pump error in {ErrorSource} on {EntityPath}: {Reason} ({ExceptionType})",
            args.ErrorSource,
            args.EntityPath,
            (args.Exception as ServiceBusException)?.Reason.ToString() ?? "n/a",
            args.Exception.GetType().Name);
        return Task.CompletedTask;
    }
}
