namespace ImeBridge.Adapters.Fhir;

public static class FhirChannel
{
    /// <summary><c>source.channel</c> of a referral that arrived as FHIR.</summary>
    public const string Name = "fhir";
}
