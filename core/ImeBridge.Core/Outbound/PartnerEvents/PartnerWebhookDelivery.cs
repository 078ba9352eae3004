namespace ImeBridge.Core.Outbound.PartnerEvents;

/// <summary>
/// Queue message: send delivery <see cref="DeliveryId"/> (its event is in the <see cref="IWebhookDeliveryLog"/>).
/// Session <c>webhook:{subscriptionId}:{referralId}</c>: one referral's events reach one subscription in order, and a
/// slow partner's retries never hold up the referral's own session.
/// </summary>
/// <param name="Replay">True when an operator asked for it again: it is sent even if it was delivered before.</param>
public sealed record PartnerWebhookDelivery(string DeliveryId, string SubscriptionId, string ReferralId, bool Replay = false)
{
    public const string MessageType = nameof(PartnerWebhookDelivery);

    public static string SessionFor(string subscriptionId, string referralId) => $"webhook:{subscriptionId}:{referralId}";
}
