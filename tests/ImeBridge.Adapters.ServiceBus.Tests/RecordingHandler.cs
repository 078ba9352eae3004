using System.Collections.Concurrent;
using ImeBridge.Core.Messaging;

namespace ImeBridge.Adapters.ServiceBus.Tests;

/// <summary>Records what it handled, in order; can be told to fail a message once or to take its time.</summary>
internal sealed class RecordingHandler : IMessageHandler
{
    private readonly ConcurrentQueue<(string SessionId, string MessageId, int DeliveryCount, bool Succeeded)> handled = new();
    private readonly ConcurrentDictionary<string, int> failuresLeft = new(StringComparer.Ordinal);

    public string MessageType => "TestEvent";

    public TimeSpan Duration { get; init; } = TimeSpan.Zero;

    public IReadOnlyList<(string SessionId, string MessageId, int DeliveryCount, bool Succeeded)> Handled => [.. handled];

    public void FailOnce(string messageId) => failuresLeft[messageId] = 1;

    public IReadOnlyList<string> SucceededIn(string sessionId) =>
        Handled.Where(h => h.SessionId == sessionId && h.Succeeded).Select(h => h.MessageId).ToList();

    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        if (Duration > TimeSpan.Zero)
        {
            await Task.Delay(Duration, cancellationToken);
        }

        if (failuresLeft.TryRemove(message.MessageId, out _))
        {
            handled.Enqueue((message.SessionId, message.MessageId, message.DeliveryCount, false));
            throw new TimeoutException("partner did not answer");
        }

        handled.Enqueue((message.SessionId, message.MessageId, message.DeliveryCount, true));
    }
}
