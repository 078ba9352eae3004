namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>Every partner's FHIR server, keyed by partner id. The host fills it from configuration.</summary>
public sealed class FhirServerClientsOptions
{
    public Dictionary<string, FhirServerOptions> Servers { get; } = new(StringComparer.Ordinal);
}
