namespace ImeBridge.Core.Outbound;

/// <summary>
/// Queue message a channel emits when one outbound message reached a final outcome (delivered, accepted by the
/// partner's endpoint, written to its FHIR server, bounced, given up). Report delivery listens to it to record the
/// receipt of each recipient. Session: the referral id.
/// </summary>
/// <param name="MessageId">The outbound message's id in the <see cref="IOutboundLedger"/>.</param>
/// <param name="Outcome">One of <see cref="OutboundStatuses"/>: Sent, Delivered, Outbox on success; the others when it failed.</param>
public sealed record DeliverySettled(
    string MessageId,
    string ReferralId,
    string Channel,
    string Purpose,
    string Outcome,
    DateTimeOffset At,
    string? ProviderId = null,
    string? Detail = null)
{
    public const string MessageType = "DeliverySettled";

    public bool Succeeded => Outcome is OutboundStatuses.Sent or OutboundStatuses.Delivered or OutboundStatuses.Outbox;
}
