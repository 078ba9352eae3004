namespace ImeBridge.Adapters.Fhir;

/// <summary>The FHIR wire format of an input.</summary>
public enum FhirFormat
{
    Json,
    Xml,
}
