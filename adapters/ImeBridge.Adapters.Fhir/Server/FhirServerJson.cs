using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>FHIR R4 JSON in and out. Reading is Recoverable, like the inbound parser: what the spec lets a reader tolerate is kept.</summary>
internal static class FhirServerJson
{
    public const string MediaType = "application/fhir+json";

    private static readonly FhirJsonDeserializer Deserializer = new(FhirResourceParser.Settings);

    public static byte[] Serialize(Resource resource) => Encoding.UTF8.GetBytes(resource.ToJson());

    /// <summary>The resource, or null when the bytes are not FHIR R4 JSON (the reason is not kept: it can quote the input).</summary>
    public static Resource? TryDeserialize(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            return Deserializer.TryDeserializeResource(ref reader, out var resource, out _) ? resource : null;
        }
        catch (Exception e) when (e is JsonException or DeserializationFailedException or FormatException)
        {
            return null;
        }
    }

    /// <summary>application/fhir+json, or the older application/json+fhir.</summary>
    public static bool IsFhirJson(string? mediaType) =>
        string.Equals(mediaType, MediaType, StringComparison.OrdinalIgnoreCase)
        || string.Equals(mediaType, "application/json+fhir", StringComparison.OrdinalIgnoreCase);

    public static bool IsJson(string? mediaType) =>
        IsFhirJson(mediaType) || string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase);
}
