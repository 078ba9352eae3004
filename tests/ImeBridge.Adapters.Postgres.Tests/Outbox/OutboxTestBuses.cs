using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Postgres.Tests.Outbox;

/// <summary>
/// A bus in front of <paramref name="inner"/> that fails a whole send, atomically as Service Bus does, when
/// <see cref="Fail"/> returns an exception for any message in it; it counts every send it was asked for.
/// </summary>
internal sealed class JudgingQueue(IMessageQueue inner) : IMessageQueue
{
    /// <summary>The failure for one message, or null to accept it. Accepts everything until set.</summary>
    public Func<QueueMessage, Exception?> Fail { get; set; } = _ => null;

    public int Sends { get; private set; }

    public async Task SendAsync(IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken)
    {
        Sends++;
        if (messages.Select(Fail).FirstOrDefault(failure => failure is not null) is { } refused)
        {
            throw refused;
        }

        await inner.SendAsync(messages, cancellationToken);
    }

    public Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task AbandonAsync(ReceivedMessage message, string error, TimeSpan retryAfter, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task DeadLetterAsync(ReceivedMessage message, string reason, string? description, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<IReadOnlyList<DeadLetteredMessage>> PeekDeadLettersAsync(int maxMessages, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> ReplayDeadLetterAsync(long sequenceNumber, CancellationToken cancellationToken) => throw new NotSupportedException();
}
