using System.Text.Json;
using System.Xml;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Fhir;

/// <summary>
/// Parses FHIR R4 JSON or XML into Firely POCOs. Recoverable mode: anything the spec lets a reader tolerate (unknown
/// elements, wrong case, an unrecognised code) is kept rather than refused; the mapping decides what it needs.
/// Errors carry the Firely error code, the instance path and the line and position, never the text of the input.
/// Firely's per-element validator is off: in Recoverable mode everything it can report is ignored anyway, and running
/// it more than doubles the parse time (bench/ImeBridge.Bench.Fhir). What a referral needs is checked by the mapping
/// and by the canonical schema.
/// </summary>
internal static class FhirResourceParser
{
    internal static readonly DeserializerSettings Settings = new DeserializerSettings { Validator = null }.UsingMode(DeserializationMode.Recoverable);
    private static readonly FhirJsonDeserializer Json = new(Settings);
    private static readonly FhirXmlDeserializer Xml = new(Settings);

    public static FhirFormat? Detect(ReadOnlySpan<byte> input)
    {
        var start = input.StartsWith("\uFEFF"u8) ? input[3..] : input;
        foreach (var b in start)
        {
            switch (b)
            {
                case (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n':
                    continue;
                case (byte)'{':
                    return FhirFormat.Json;
                case (byte)'<':
                    return FhirFormat.Xml;
                default:
                    return null;
            }
        }

        return null;
    }

    public static (Resource? Resource, IReadOnlyList<FieldError> Errors) Parse(ReadOnlyMemory<byte> input, FhirFormat? format)
    {
        var detected = format ?? Detect(input.Span);
        if (detected is null)
        {
            return (null, [FhirErrorReasons.Invalid(string.Empty, "is not FHIR: expected a JSON object or an XML document")]);
        }

        try
        {
            var ok = detected == FhirFormat.Json ? ParseJson(input, out var resource, out var issues) : ParseXml(input, out resource, out issues);
            if (ok && resource is not null)
            {
                return (resource, []);
            }

            var errors = issues.Select(Describe).Distinct().Take(20).ToList();
            return (null, errors.Count > 0 ? errors : [FhirErrorReasons.Invalid(string.Empty, "is not a FHIR R4 resource")]);
        }
        catch (JsonException malformed)
        {
            return (null, [FhirErrorReasons.Invalid(string.Empty, $"is not valid JSON (line {malformed.LineNumber + 1}, byte {malformed.BytePositionInLine + 1})")]);
        }
        catch (XmlException malformed)
        {
            return (null, [FhirErrorReasons.Invalid(string.Empty, $"is not valid XML (line {malformed.LineNumber}, position {malformed.LinePosition})")]);
        }
        catch (DeserializationFailedException failed)
        {
            return (null, failed.Exceptions.Select(Describe).Distinct().Take(20).ToList());
        }
    }

    private static bool ParseJson(ReadOnlyMemory<byte> input, out Resource? resource, out IEnumerable<CodedException> issues)
    {
        var reader = new Utf8JsonReader(input.Span, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        return Json.TryDeserializeResource(ref reader, out resource, out issues);
    }

    private static bool ParseXml(ReadOnlyMemory<byte> input, out Resource? resource, out IEnumerable<CodedException> issues)
    {
        using var stream = new MemoryStream(input.ToArray(), writable: false);
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        return Xml.TryDeserializeResource(reader, out resource, out issues);
    }

    // Firely messages can quote the offending value (a name, a date), so only the code, path and position are used.
    private static FieldError Describe(CodedException issue)
    {
        if (issue is ExtendedCodedException located)
        {
            var where = located.LineNumber is { } line ? $" at line {line}, position {located.Position}" : string.Empty;
            return FhirErrorReasons.Invalid(located.InstancePath ?? string.Empty, $"is not valid FHIR R4 (error {issue.ErrorCode}{where})");
        }

        return FhirErrorReasons.Invalid(string.Empty, $"is not valid FHIR R4 (error {issue.ErrorCode})");
    }
}
