namespace ImeBridge.Core.Outbound.PartnerEvents;

/// <summary>Every webhook delivery and every attempt at it, for operators and for replay.</summary>
public interface IWebhookDeliveryLog
{
    /// <summary>Adds a delivery unless its id is known; true when added.</summary>
    Task<bool> AddAsync(WebhookDelivery delivery, CancellationToken cancellationToken);

    /// <summary>The delivery with its attempts, or null.</summary>
    Task<WebhookDelivery?> FindAsync(string deliveryId, CancellationToken cancellationToken);

    /// <summary>Records one attempt (numbered after the ones before it) and sets the delivery's status; returns its number.</summary>
    Task<int> RecordAttemptAsync(string deliveryId, DateTimeOffset at, int? httpStatus, string? errorKind, long durationMs, string status, CancellationToken cancellationToken);

    /// <summary>Sets the status without an attempt (a delivery skipped, or queued again by a replay).</summary>
    Task SetStatusAsync(string deliveryId, string status, CancellationToken cancellationToken);

    /// <summary>Deliveries that match, newest first, each with its attempts.</summary>
    Task<IReadOnlyList<WebhookDelivery>> QueryAsync(WebhookDeliveryQuery query, CancellationToken cancellationToken);
}
