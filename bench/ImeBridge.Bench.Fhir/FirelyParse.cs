using System.Text.Json;
using System.Xml;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace ImeBridge.Bench.Fhir;

/// <summary>
/// The Firely parser alone, two ways: with its own default settings (the baseline the requirement names), and with
/// the settings ImeBridge parses with (adapters/ImeBridge.Adapters.Fhir/FhirResourceParser.cs: Recoverable mode, no
/// per-element validator), so the cost of the mapping and the canonical validation can be read against both.
/// Comments are skipped in JSON; XML goes through a MemoryStream copy with DTDs prohibited, as ImeBridge reads it.
/// </summary>
internal static class FirelyParse
{
    private static readonly FhirJsonDeserializer DefaultJson = new();
    private static readonly FhirXmlDeserializer DefaultXml = new();
    private static readonly DeserializerSettings ImeBridgeSettings = new DeserializerSettings { Validator = null }.UsingMode(DeserializationMode.Recoverable);
    private static readonly FhirJsonDeserializer ImeBridgeJson = new(ImeBridgeSettings);
    private static readonly FhirXmlDeserializer ImeBridgeXml = new(ImeBridgeSettings);

    /// <summary>Firely's parser at its defaults.</summary>
    public static Resource? Parse(ReadOnlyMemory<byte> input, bool xml) =>
        xml ? ParseXml(DefaultXml, input) : ParseJson(DefaultJson, input);

    /// <summary>Firely's parser as ImeBridge configures it.</summary>
    public static Resource? ParseAsImeBridge(ReadOnlyMemory<byte> input, bool xml) =>
        xml ? ParseXml(ImeBridgeXml, input) : ParseJson(ImeBridgeJson, input);

    private static Resource? ParseJson(FhirJsonDeserializer deserializer, ReadOnlyMemory<byte> input)
    {
        var reader = new Utf8JsonReader(input.Span, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        return deserializer.TryDeserializeResource(ref reader, out var resource, out _) ? resource : null;
    }

    private static Resource? ParseXml(FhirXmlDeserializer deserializer, ReadOnlyMemory<byte> input)
    {
        using var stream = new MemoryStream(input.ToArray(), writable: false);
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        return deserializer.TryDeserializeResource(reader, out var resource, out _) ? resource : null;
    }
}
