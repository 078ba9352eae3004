namespace ImeBridge.Adapters.Fhir.Partners;

/// <summary>The parts of one <c>partners[i]</c> configuration entry the FHIR channel reads; other keys are ignored.</summary>
public sealed class FhirPartnerEntry
{
    public string? Id { get; set; }

    /// <summary>Null for a partner that does not speak FHIR beyond posting to <c>/api/fhir</c>.</summary>
    public FhirPartnerOptions? Fhir { get; set; }
}
