using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;

namespace ImeBridge.Core.Outbound.PartnerEvents;

/// <summary>Tells the partner's webhooks that its referral was accepted (<see cref="PartnerEventTypes.ReferralReceived"/>).</summary>
public sealed class ReferralReceivedPartnerEvents(IPartnerEventPublisher publisher, IReferralStore referrals) : IMessageHandler
{
    public string MessageType => MessageTypes.ReferralReceived;

    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        var received = WorkflowMessages.Read<ReferralReceived>(message);
        var data = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["referralId"] = received.ReferralId,
            ["channel"] = received.Channel,
        };
        await PartnerEventData.AddExternalIdAsync(data, referrals, received.ReferralId, cancellationToken);
        var evt = new PartnerEvent(
            PartnerEventIds.For(PartnerEventTypes.ReferralReceived, message.MessageId),
            PartnerEventTypes.ReferralReceived,
            received.ReferralId,
            received.PartnerId,
            received.ReceivedAt,
            data);
        await publisher.PublishAsync(evt, ledgerMessageId: null, cancellationToken);
    }
}
