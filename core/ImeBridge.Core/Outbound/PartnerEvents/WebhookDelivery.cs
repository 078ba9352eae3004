namespace ImeBridge.Core.Outbound.PartnerEvents;

/// <summary>
/// One event on its way to one subscription, with every attempt. <see cref="DeliveryId"/> is
/// <c>wh:{subscriptionId}:{eventId}</c>, the queue message id of its first send.
/// </summary>
/// <param name="Status">One of <see cref="WebhookDeliveryStatuses"/>.</param>
/// <param name="LedgerMessageId">The <see cref="IOutboundLedger"/> record it settles, when the publisher gave one.</param>
public sealed record WebhookDelivery(
    string DeliveryId,
    string SubscriptionId,
    string EventId,
    string EventType,
    string ReferralId,
    string PartnerId,
    DateTimeOffset OccurredAt,
    IReadOnlyDictionary<string, string> Data,
    string? LedgerMessageId,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public IReadOnlyList<WebhookAttempt> Attempts { get; init; } = [];

    public static string IdFor(string subscriptionId, string eventId) => $"wh:{subscriptionId}:{eventId}";

    public PartnerEvent ToEvent() => new(EventId, EventType, ReferralId, PartnerId, OccurredAt, Data);
}

/// <summary>One POST to the partner's endpoint.</summary>
/// <param name="HttpStatus">The endpoint's answer; null when none came.</param>
/// <param name="ErrorKind"><c>timeout</c>, <c>connection</c>, <c>circuitOpen</c> when no answer came.</param>
/// <param name="Outcome">The delivery's status after this attempt (<see cref="WebhookDeliveryStatuses"/>).</param>
public sealed record WebhookAttempt(string DeliveryId, int Attempt, DateTimeOffset At, int? HttpStatus, string? ErrorKind, long DurationMs, string Outcome);

/// <summary>Where a <see cref="WebhookDelivery"/> stands.</summary>
public static class WebhookDeliveryStatuses
{
    public const string Pending = "pending";
    public const string Retrying = "retrying";
    public const string Delivered = "delivered";

    /// <summary>The endpoint said no for good (a 4xx other than 408 and 429, or 410).</summary>
    public const string Refused = "refused";

    /// <summary>Every scheduled attempt failed; an operator was alerted.</summary>
    public const string DeadLettered = "deadLettered";

    /// <summary>Not sent: the subscription was disabled or removed before its turn.</summary>
    public const string Skipped = "skipped";
}

/// <summary>A filter on the delivery log; every part optional.</summary>
public sealed record WebhookDeliveryQuery(
    string? SubscriptionId = null,
    string? ReferralId = null,
    string? Status = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    int Max = 200);
