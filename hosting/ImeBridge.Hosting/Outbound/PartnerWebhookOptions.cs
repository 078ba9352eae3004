namespace ImeBridge.Hosting.Outbound;

/// <summary>One entry of <c>partners[i].webhooks</c>: a subscription merged into the store at start-up.</summary>
public sealed class PartnerWebhookOptions
{
    /// <summary>Stable id (letters, digits, '-', '_', '.'); <c>{partnerId}-webhook-{n}</c> (n from 1) when left out.</summary>
    public string? Id { get; set; }

    /// <summary>Absolute http(s) URL the events are POSTed to.</summary>
    public string? Url { get; set; }

    /// <summary>Standard Webhooks secret the deliveries are signed with: <c>whsec_</c> + base64 of at least 24 bytes.</summary>
    public string? Secret { get; set; }

    /// <summary>Event types (schemas/events/), or <c>*</c> for all.</summary>
    public List<string> Events { get; set; } = [];

    /// <summary>Opt-in: the data also carries the referral as <c>GET /api/referrals/{id}</c> shows it.</summary>
    public bool FullPayload { get; set; }

    public static string DefaultId(string partnerId, int index) => $"{partnerId}-webhook-{index + 1}";
}
