namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>What a log line or an error message may say about a call: partner, method and resource type, nothing more.</summary>
internal sealed record FhirServerCall(string PartnerId, string Method, string ResourceType)
{
    public const string TokenResourceType = "(token)";

    public override string ToString() => $"{Method} {ResourceType} on the FHIR server of partner '{PartnerId}'";
}
