using System.Text.Json;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Workflow;

namespace ImeBridge.Adapters.Fhir.WriteBack;

/// <summary>Turns a FHIR referral's intake into a Task write-back.</summary>
public sealed class ReferralReceivedToFhirTask(FhirTaskWriteBack writeBack) : IMessageHandler
{
    public string MessageType => MessageTypes.ReferralReceived;

    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var received = JsonSerializer.Deserialize<ReferralReceived>(message.Body.Span, MessageJson.Options)
            ?? throw new InvalidOperationException("empty ReferralReceived body");
        if (received.Channel == FhirChannel.Name)
        {
            await writeBack.QueueForReferralAsync(received.ReferralId, received.PartnerId, ReferralStatus.Received, received.ReceivedAt, message.MessageId, null, null, cancellationToken);
        }
    }
}

/// <summary>Turns each workflow state change of a FHIR referral into a Task write-back.</summary>
public sealed class ReferralStatusChangedToFhirTask(FhirTaskWriteBack writeBack) : IMessageHandler
{
    public string MessageType => MessageTypes.ReferralStatusChanged;

    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var changed = JsonSerializer.Deserialize<ReferralStatusChanged>(message.Body.Span, MessageJson.Options)
            ?? throw new InvalidOperationException("empty ReferralStatusChanged body");
        if (changed.Channel == FhirChannel.Name)
        {
            await writeBack.QueueForReferralAsync(changed.ReferralId, changed.PartnerId, changed.Status, changed.At, message.MessageId, changed.Reason, changed.ReportSha256, cancellationToken);
        }
    }
}
