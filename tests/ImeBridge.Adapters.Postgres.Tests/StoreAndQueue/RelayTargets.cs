using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Postgres.Tests.StoreAndQueue;

/// <summary>
/// A bus that passes sends to <paramref name="inner"/> and then fails, as a process would that died after the bus
/// accepted a batch and before the outbox rows were deleted. Only sending is used by the relay.
/// </summary>
internal sealed class CrashAfterSendQueue(IMessageQueue inner) : IMessageQueue
{
    public int Sends { get; private set; }

    public async Task SendAsync(IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken)
    {
        await inner.SendAsync(messages, cancellationToken);
        Sends++;
        throw new IOException("connection reset after the send");
    }

    public Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task AbandonAsync(ReceivedMessage message, string error, TimeSpan retryAfter, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task DeadLetterAsync(ReceivedMessage message, string reason, string? description, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<DeadLetteredMessage>> PeekDeadLettersAsync(int maxMessages, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> ReplayDeadLetterAsync(long sequenceNumber, CancellationToken cancellationToken) => throw new NotSupportedException();
}

/// <summary>A bus that refuses every send with an error quoting what it was sent, as a careless client library might.</summary>
internal sealed class RefusingQueue(string quoted) : IMessageQueue
{
    public Task SendAsync(IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("rejected message for " + quoted);

    public Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task AbandonAsync(ReceivedMessage message, string error, TimeSpan retryAfter, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task DeadLetterAsync(ReceivedMessage message, string reason, string? description, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<DeadLetteredMessage>> PeekDeadLettersAsync(int maxMessages, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> ReplayDeadLetterAsync(long sequenceNumber, CancellationToken cancellationToken) => throw new NotSupportedException();
}
