using System.Text.Json;
using ImeBridge.Core.Messaging;
using ImeBridge.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ImeBridge.Core.Outbound.PartnerEvents;

/// <summary>
/// Fans an event out: for each enabled subscription of the event's partner that wants the type, a delivery in the log
/// and a <see cref="PartnerWebhookDelivery"/> message (id = delivery id, so publishing twice queues nothing twice).
/// A partner only ever gets events of its own referrals because only its own subscriptions are read.
/// </summary>
public sealed class PartnerEventPublisher(
    IWebhookSubscriptions subscriptions,
    IWebhookDeliveryLog log,
    IMessageQueue queue,
    TimeProvider time,
    ILogger<PartnerEventPublisher> logger) : IPartnerEventPublisher
{
    public async Task<int> PublishAsync(PartnerEvent evt, string? ledgerMessageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evt);
        var targets = (await subscriptions.ListForPartnerAsync(evt.PartnerId, cancellationToken))
            .Where(s => s.Enabled && s.Wants(evt.Type))
            .ToList();
        if (targets.Count == 0)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var messages = new List<QueueMessage>(targets.Count);
        foreach (var subscription in targets)
        {
            var deliveryId = WebhookDelivery.IdFor(subscription.Id, evt.EventId);
            await log.AddAsync(
                new WebhookDelivery(deliveryId, subscription.Id, evt.EventId, evt.Type, evt.ReferralId, evt.PartnerId, evt.OccurredAt, evt.Data, ledgerMessageId, WebhookDeliveryStatuses.Pending, now, now),
                cancellationToken);
            messages.Add(Message(deliveryId, subscription.Id, evt.ReferralId, deliveryId, replay: false));
        }

        await queue.SendAsync(messages, cancellationToken);
        logger.LogInformation("Partner event {EventId} ({EventType}) of referral {ReferralId} queued for {Subscriptions} webhook subscriptions", evt.EventId, evt.Type, evt.ReferralId, targets.Count);
        return targets.Count;
    }

    /// <summary>The queue message that sends <paramref name="deliveryId"/>; a replay uses a new message id and the same event.</summary>
    public static QueueMessage Message(string messageId, string subscriptionId, string referralId, string deliveryId, bool replay) =>
        new(
            messageId,
            PartnerWebhookDelivery.MessageType,
            PartnerWebhookDelivery.SessionFor(subscriptionId, referralId),
            JsonSerializer.SerializeToUtf8Bytes(new PartnerWebhookDelivery(deliveryId, subscriptionId, referralId, replay), MessageJson.Options));
}
