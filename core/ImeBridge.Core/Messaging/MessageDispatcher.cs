using ImeBridge.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Core.Messaging;

/// <summary>
/// Hands a received message to the handlers of its type, then settles it: complete on success,
/// abandon with back-off on failure (the queue dead-letters after its maximum delivery count).
/// A type nobody handles is completed: messages are events, and an event nobody listens to yet is not an error.
/// Shared by the embedded pump and the Service Bus processor. With an <see cref="IMessageInbox"/>, a message already
/// recorded as handled is completed without calling its handlers, and a message is recorded once its handlers succeed.
/// </summary>
public sealed class MessageDispatcher
{
    private readonly ILookup<string, IMessageHandler> handlers;
    private readonly IMessageQueue queue;
    private readonly ILogger<MessageDispatcher> logger;
    private readonly IMessageInbox? inbox;

    /// <param name="inbox">Makes consumption idempotent when registered; null to rely on the handlers alone.</param>
    public MessageDispatcher(IEnumerable<IMessageHandler> handlers, IMessageQueue queue, ILogger<MessageDispatcher> logger, IMessageInbox? inbox = null)
    {
        this.handlers = handlers.ToLookup(h => h.MessageType, StringComparer.Ordinal);
        this.queue = queue;
        this.logger = logger;
        this.inbox = inbox;
    }

    public async Task DispatchAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        var recorded = inbox is not null && handlers.Contains(message.Type);
        if (recorded && await inbox!.HasProcessedAsync(message.MessageId, message.Type, cancellationToken))
        {
            logger.LogInformation("Message {MessageId} of type {MessageType} was handled before; completing it", message.MessageId, message.Type);
            await queue.CompleteAsync(message, cancellationToken);
            return;
        }

        try
        {
            foreach (var handler in handlers[message.Type])
            {
                await handler.HandleAsync(message, cancellationToken);
            }

            if (recorded)
            {
                await inbox!.RecordProcessedAsync(message.MessageId, message.Type, cancellationToken);
            }
        }
        catch (OutboundDeliveryException ex)
        {
            await SettleFailedDeliveryAsync(message, ex, cancellationToken);
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var retryAfter = RetryBackoff.For(message.DeliveryCount);
            // The exception type only: exception messages may quote message content.
            logger.LogWarning(
                "Message {MessageId} of type {MessageType} failed on delivery {DeliveryCount} with {ExceptionType}; retry in {RetryAfter}",
                message.MessageId,
                message.Type,
                message.DeliveryCount,
                ex.GetType().Name,
                retryAfter);
            await queue.AbandonAsync(message, ex.GetType().Name, retryAfter, cancellationToken);
            return;
        }

        await queue.CompleteAsync(message, cancellationToken);
    }

    private async Task SettleFailedDeliveryAsync(ReceivedMessage message, OutboundDeliveryException failure, CancellationToken cancellationToken)
    {
        var retryAfter = failure.IsTransient ? OutboundRetrySchedule.After(message.DeliveryCount, failure.RetryAfter) : null;
        if (retryAfter is null)
        {
            // The alert: an operator must look at a delivery that will not be tried again.
            logger.LogError(
                "Delivery {MessageId} of type {MessageType} dead-lettered after attempt {DeliveryCount}: {Failure}",
                message.MessageId,
                message.Type,
                message.DeliveryCount,
                failure.Message);
            await queue.DeadLetterAsync(message, failure.IsTransient ? "DeliveryAttemptsExhausted" : "DeliveryRefused", failure.Message, cancellationToken);
            return;
        }

        logger.LogWarning(
            "Delivery {MessageId} of type {MessageType} failed on attempt {DeliveryCount}: {Failure}; retry in {RetryAfter}",
            message.MessageId,
            message.Type,
            message.DeliveryCount,
            failure.Message,
            retryAfter);
        await queue.AbandonAsync(message, failure.Message, retryAfter.Value, cancellationToken);
    }
}
