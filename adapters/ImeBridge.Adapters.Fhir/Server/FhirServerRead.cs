using Hl7.Fhir.Model;

namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>A resource read from a partner's FHIR server and the URL it was read from.</summary>
public sealed record FhirServerRead(Resource Resource, Uri Location);
