namespace ImeBridge.Core.Outbound.PartnerEvents;

/// <summary>
/// Where one partner wants its events: a URL, the Standard Webhooks secret they are signed with, the event types (or
/// <c>*</c>), and whether the data carries the referral itself (<see cref="FullPayload"/>, opt-in).
/// </summary>
/// <param name="Source"><c>config</c> (from the partner's configuration, merged at start-up) or <c>api</c> (operator API).</param>
/// <param name="DisabledReason">Why it stopped (an HTTP 410 from the endpoint); null while enabled.</param>
public sealed record WebhookSubscription(
    string Id,
    string PartnerId,
    Uri Url,
    string Secret,
    IReadOnlyList<string> Events,
    bool FullPayload,
    bool Enabled,
    string Source,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? DisabledReason = null)
{
    public const string FromConfiguration = "config";
    public const string FromApi = "api";

    public bool Wants(string eventType) =>
        Events.Any(e => e == PartnerEventTypes.All || string.Equals(e, eventType, StringComparison.Ordinal));

    /// <summary>Ids and flags only: the secret (and the URL, which may carry a token) never reach a log this way.</summary>
    public override string ToString() => $"WebhookSubscription {Id} of {PartnerId} (enabled: {Enabled})";
}
