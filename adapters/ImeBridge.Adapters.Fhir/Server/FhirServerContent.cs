namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>The bytes of an attachment and their content type (from the Binary resource or the HTTP answer).</summary>
public sealed record FhirServerContent(ReadOnlyMemory<byte> Data, string? ContentType, Uri Location);
