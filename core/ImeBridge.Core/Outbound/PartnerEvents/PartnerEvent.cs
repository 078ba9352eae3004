namespace ImeBridge.Core.Outbound.PartnerEvents;

/// <summary>
/// Something a partner is told about one of its own referrals, by signed webhook. Thin on purpose: <see cref="Data"/>
/// holds ids and states only (never PHI), and the partner reads the details with its own token.
/// </summary>
/// <param name="EventId">Stable id: the <c>webhook-id</c> of every attempt and replay, so the partner can deduplicate.</param>
/// <param name="Type">One of <see cref="PartnerEventTypes"/>.</param>
/// <param name="OccurredAt">When it happened (the payload's <c>timestamp</c>), not when it was sent.</param>
/// <param name="Data">The payload's <c>data</c>: ids and states as its schema in <c>schemas/events/</c> lists them.</param>
public sealed record PartnerEvent(
    string EventId,
    string Type,
    string ReferralId,
    string PartnerId,
    DateTimeOffset OccurredAt,
    IReadOnlyDictionary<string, string> Data);
