namespace ImeBridge.Adapters.Fhir;

/// <summary>A partner's settings that shape the mapping.</summary>
/// <param name="DefaultJurisdiction">Two-letter US state used when neither the ServiceRequest nor its Coverage carries
/// the jurisdiction extension; it wins over the claimant's home state.</param>
public sealed record FhirMappingOptions(string? DefaultJurisdiction = null)
{
    public static FhirMappingOptions None { get; } = new();
}
