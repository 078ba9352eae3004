using System.Collections.Concurrent;
using System.Text.Json;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Outbound;

namespace ImeBridge.Hosting.Tests.Outbound.SendGrid;

/// <summary>Records the <see cref="DeliverySettled"/> messages the pump dispatches, once per message id.</summary>
internal sealed class SettledRecorder : IMessageHandler
{
    private readonly ConcurrentDictionary<string, (string SessionId, DeliverySettled Settled)> seen = new(StringComparer.Ordinal);

    public string MessageType => DeliverySettled.MessageType;

    public IReadOnlyDictionary<string, (string SessionId, DeliverySettled Settled)> Seen => seen;

    public Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        seen.TryAdd(message.MessageId, (message.SessionId, JsonSerializer.Deserialize<DeliverySettled>(message.Body.Span, MessageJson.Options)!));
        return Task.CompletedTask;
    }
}
