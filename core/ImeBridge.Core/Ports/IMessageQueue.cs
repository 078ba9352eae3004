using ImeBridge.Core.Messaging;

namespace ImeBridge.Core.Ports;

/// <summary>
/// The workflow queue. Semantics follow Azure Service Bus with sessions so that the embedded queue
/// and the Service Bus adapter pass one contract suite:
/// <list type="bullet">
/// <item>Per-session order: of the messages of one session that are due, only the oldest is delivered,
/// and nothing else of that session is delivered while it is locked.</item>
/// <item>Scheduled messages are not due (and block nothing) before their <c>NotBefore</c>.</item>
/// <item>Each receive increments <c>DeliveryCount</c>; an abandon at <c>MaxDeliveryCount</c> dead-letters.</item>
/// <item>A lock that expires (consumer died) makes the message deliverable again.</item>
/// <item>Sending a <c>MessageId</c> that was already sent is a no-op.</item>
/// </list>
/// </summary>
public interface IMessageQueue
{
    Task SendAsync(IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken);

    /// <summary>Receives up to <paramref name="maxMessages"/> due messages, at most one per session, and locks them.</summary>
    Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, CancellationToken cancellationToken);

    /// <summary>Removes a handled message. Fails when the lock was lost.</summary>
    Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Gives a message back after a failure. It stays at the head of its session (order is kept) and is
    /// delivered again after <paramref name="retryAfter"/>; at <c>MaxDeliveryCount</c> it is dead-lettered
    /// with reason <c>MaxDeliveryCountExceeded</c> and <paramref name="error"/> as description.
    /// </summary>
    Task AbandonAsync(ReceivedMessage message, string error, TimeSpan retryAfter, CancellationToken cancellationToken);

    Task DeadLetterAsync(ReceivedMessage message, string reason, string? description, CancellationToken cancellationToken);

    Task<IReadOnlyList<DeadLetteredMessage>> PeekDeadLettersAsync(int maxMessages, CancellationToken cancellationToken);

    /// <summary>
    /// Puts a dead-lettered message back to be delivered again (an operator fixed what made it fail), with a fresh
    /// delivery count, at the head of its session as when it was first sent. False when no dead letter has that sequence number.
    /// </summary>
    Task<bool> ReplayDeadLetterAsync(long sequenceNumber, CancellationToken cancellationToken);
}
