namespace ImeBridge.Core.Outbound.PartnerEvents;

/// <summary>
/// Sends a <see cref="PartnerEvent"/> to every enabled webhook subscription of the event's partner that wants its
/// type: one queued delivery per subscription, each retried and logged on its own. Idempotent on the event id.
/// </summary>
public interface IPartnerEventPublisher
{
    /// <param name="ledgerMessageId">
    /// The caller's record in the <see cref="IOutboundLedger"/> (claimed by the caller, channel webhook): each delivery
    /// updates it and emits <see cref="DeliverySettled"/> when it succeeds or is given up. Null when nobody waits for it.
    /// </param>
    /// <returns>How many subscriptions it went to; 0 means the partner has no enabled webhook for this type.</returns>
    Task<int> PublishAsync(PartnerEvent evt, string? ledgerMessageId, CancellationToken cancellationToken);
}
