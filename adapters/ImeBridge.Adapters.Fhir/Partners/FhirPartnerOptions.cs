using ImeBridge.Adapters.Fhir.Server;

namespace ImeBridge.Adapters.Fhir.Partners;

/// <summary><c>partners[i].fhir</c>: how ImeBridge reads a partner's FHIR referrals and writes their status back.</summary>
public sealed class FhirPartnerOptions
{
    /// <summary>Two-letter US state for referrals that carry no jurisdiction extension (see docs/fhir-mapping.md).</summary>
    public string? DefaultJurisdiction { get; set; }

    /// <summary>The partner's FHIR server: references are read from it, polling searches it, Tasks are written to it.</summary>
    public FhirServerOptions? Server { get; set; }

    /// <summary>Searching the server for new ServiceRequests; null means no polling (subscription pings still poll once).</summary>
    public FhirPollingOptions? Polling { get; set; }

    /// <summary>Write each referral's progress back to the server as a Task (and the report as a DocumentReference).</summary>
    public bool WriteBack { get; set; } = true;

    public FhirMappingOptions Mapping => new(DefaultJurisdiction);
}
