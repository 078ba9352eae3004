using System.Text.Json;
using ImeBridge.Core.Messaging;

namespace ImeBridge.Core.Workflow;

/// <summary>Applies a <see cref="TransitionRequested"/> message through <see cref="ReferralWorkflow"/>.</summary>
public sealed class TransitionRequestedHandler(ReferralWorkflow workflow) : IMessageHandler
{
    public string MessageType => TransitionRequested.MessageType;

    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = JsonSerializer.Deserialize<TransitionRequested>(message.Body.Span, MessageJson.Options)
            ?? throw new InvalidOperationException("empty TransitionRequested body");
        await workflow.MoveAsync(request.ReferralId, request.To, request.Actor, request.Reason, message.MessageId, cancellationToken);
    }
}
