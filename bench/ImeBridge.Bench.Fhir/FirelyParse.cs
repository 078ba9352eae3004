using System.Text.Json;
using System.Xml;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace ImeBridge.Bench.Fhir;

/// <summary>
/// The baseline: exactly what adapters/ImeBridge.Adapters.Fhir/FhirResourceParser.cs does to turn bytes into Firely
/// POCOs (Recoverable mode, comments skipped; XML through a MemoryStream copy with DTDs prohibited), and nothing else.
/// </summary>
internal static class FirelyParse
{
    private static readonly DeserializerSettings Settings = new DeserializerSettings().UsingMode(DeserializationMode.Recoverable);
    private static readonly FhirJsonDeserializer Json = new(Settings);
    private static readonly FhirXmlDeserializer Xml = new(Settings);

    public static Resource? Parse(ReadOnlyMemory<byte> input, bool xml) => xml ? ParseXml(input) : ParseJson(input);

    private static Resource? ParseJson(ReadOnlyMemory<byte> input)
    {
        var reader = new Utf8JsonReader(input.Span, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        return Json.TryDeserializeResource(ref reader, out var resource, out _) ? resource : null;
    }

    private static Resource? ParseXml(ReadOnlyMemory<byte> input)
    {
        using var stream = new MemoryStream(input.ToArray(), writable: false);
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        return Xml.TryDeserializeResource(reader, out var resource, out _) ? resource : null;
    }
}
