using System.Collections.Concurrent;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.PartnerWebhooks.Tests.Support;

/// <summary>A queue that keeps what is sent (ignoring a known message id, as the real ones do) and how each delivery was settled.</summary>
internal sealed class RecordingQueue : IMessageQueue
{
    private readonly ConcurrentDictionary<string, QueueMessage> byId = new(StringComparer.Ordinal);

    public ConcurrentQueue<QueueMessage> Sent { get; } = new();

    public ConcurrentQueue<(string MessageId, TimeSpan RetryAfter)> Abandoned { get; } = new();

    public ConcurrentQueue<(string MessageId, string Reason)> DeadLettered { get; } = new();

    public ConcurrentQueue<string> Completed { get; } = new();

    public IReadOnlyList<QueueMessage> OfType(string type) => [.. Sent.Where(m => m.Type == type)];

    public Task SendAsync(IReadOnlyList<QueueMessage> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            if (byId.TryAdd(message.MessageId, message))
            {
                Sent.Enqueue(message);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ReceivedMessage>> ReceiveAsync(int maxMessages, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ReceivedMessage>>([]);

    public Task CompleteAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        Completed.Enqueue(message.MessageId);
        return Task.CompletedTask;
    }

    public Task AbandonAsync(ReceivedMessage message, string error, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        Abandoned.Enqueue((message.MessageId, retryAfter));
        return Task.CompletedTask;
    }

    public Task DeadLetterAsync(ReceivedMessage message, string reason, string? description, CancellationToken cancellationToken)
    {
        DeadLettered.Enqueue((message.MessageId, reason));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<DeadLetteredMessage>> PeekDeadLettersAsync(int maxMessages, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<DeadLetteredMessage>>([]);

    public Task<bool> ReplayDeadLetterAsync(long sequenceNumber, CancellationToken cancellationToken) => Task.FromResult(false);

    public static ReceivedMessage Receive(QueueMessage message, int deliveryCount) =>
        new(1, message.MessageId, message.Type, message.SessionId, message.Body, deliveryCount, DateTimeOffset.UnixEpoch, "lock");
}
