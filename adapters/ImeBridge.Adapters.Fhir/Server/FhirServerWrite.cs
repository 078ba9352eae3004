namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>
/// What the server said about a write: the logical id and version (from Location, ETag or the returned resource, when
/// given) and whether it created a resource (201) or matched / updated an existing one (200).
/// </summary>
public sealed record FhirServerWrite(string? Id, string? VersionId, Uri? Location, bool Created);
