using ImeBridge.Adapters.Fhir.Partners;
using ImeBridge.Core.Batch;

namespace ImeBridge.Hosting;

/// <summary>One entry of the <c>partners</c> configuration array (CONTRACT.md's configuration file).</summary>
public sealed class PartnerOptions
{
    public string? Id { get; set; }

    /// <summary>insurer, tpa, employer or attorney.</summary>
    public string? Kind { get; set; }

    /// <summary>Display name; the id when left out.</summary>
    public string? Name { get; set; }

    /// <summary>Standard Webhooks secret: <c>whsec_</c> + base64 of at least 24 bytes.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Bearer token the partner reads its own referrals with.</summary>
    public string? ApiToken { get; set; }

    /// <summary>How the partner's CSV batches map onto the canonical referral; null when its header row uses canonical paths.</summary>
    public CsvLayout? Csv { get; set; }

    /// <summary>The partner's FHIR server and mapping settings (docs/fhir-partner-server.md); the FHIR adapter binds and checks them.</summary>
    public FhirPartnerOptions? Fhir { get; set; }

    /// <summary>Where the partner wants signed event webhooks (docs: schemas/events/); more can be added with the operator API.</summary>
    public List<ImeBridge.Hosting.Outbound.PartnerWebhookOptions> Webhooks { get; set; } = [];
}
