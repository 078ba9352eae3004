using ImeBridge.Core.Outbound.PartnerEvents;

namespace ImeBridge.Hosting.Outbound;

/// <summary>A subscription as the operator API shows it: whether a secret is set, never the secret.</summary>
public sealed record WebhookSubscriptionView(
    string Id,
    string PartnerId,
    string Url,
    IReadOnlyList<string> Events,
    bool FullPayload,
    bool Enabled,
    string Source,
    bool SecretSet,
    string? DisabledReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static WebhookSubscriptionView From(WebhookSubscription s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Id, s.PartnerId, s.Url.AbsoluteUri, s.Events, s.FullPayload, s.Enabled, s.Source, s.Secret.Length > 0, s.DisabledReason, s.CreatedAt, s.UpdatedAt);
    }
}

/// <summary>Body of <c>POST /api/ops/partners/{partnerId}/webhooks</c>; a secret is generated when none is given.</summary>
public sealed record WebhookSubscriptionRequest(string? Id, string? Url, string? Secret, List<string>? Events, bool FullPayload);
