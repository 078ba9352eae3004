using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using ImeBridge.Core.Workflow;

namespace ImeBridge.Core.Outbound.PartnerEvents;

/// <summary>Tells the partner's webhooks of every workflow move of its referral (<see cref="PartnerEventTypes.ReferralStatusChanged"/>).</summary>
public sealed class ReferralStatusChangedPartnerEvents(IPartnerEventPublisher publisher, IReferralStore referrals) : IMessageHandler
{
    public string MessageType => MessageTypes.ReferralStatusChanged;

    public async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        var changed = WorkflowMessages.Read<ReferralStatusChanged>(message);
        var data = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["referralId"] = changed.ReferralId,
            ["status"] = changed.Status,
        };
        if (!string.IsNullOrEmpty(changed.Reason))
        {
            data["reason"] = changed.Reason;
        }

        await PartnerEventData.AddExternalIdAsync(data, referrals, changed.ReferralId, cancellationToken);
        var evt = new PartnerEvent(
            PartnerEventIds.For(PartnerEventTypes.ReferralStatusChanged, message.MessageId),
            PartnerEventTypes.ReferralStatusChanged,
            changed.ReferralId,
            changed.PartnerId,
            changed.At,
            data);
        await publisher.PublishAsync(evt, ledgerMessageId: null, cancellationToken);
    }
}
