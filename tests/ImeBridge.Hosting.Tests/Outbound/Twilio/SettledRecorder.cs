using System.Collections.Concurrent;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Outbound;
using ImeBridge.Core.Workflow;

namespace ImeBridge.Hosting.Tests.Outbound.Twilio;

/// <summary>Records the <see cref="DeliverySettled"/> messages the pump dispatches (beside the app's own handlers).</summary>
internal sealed class SettledRecorder : IMessageHandler
{
    private readonly ConcurrentQueue<(string SessionId, DeliverySettled Settled)> seen = new();

    public string MessageType => DeliverySettled.MessageType;

    public IReadOnlyList<(string SessionId, DeliverySettled Settled)> Seen => [.. seen];

    public Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        seen.Enqueue((message.SessionId, WorkflowMessages.Read<DeliverySettled>(message)));
        return Task.CompletedTask;
    }
}
