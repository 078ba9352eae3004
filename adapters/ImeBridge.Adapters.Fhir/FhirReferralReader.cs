using System.Text;
using Hl7.Fhir.Model;
using ImeBridge.Core.Ports;

namespace ImeBridge.Adapters.Fhir;

/// <summary>
/// Reads FHIR R4 input (a Bundle or a ServiceRequest, JSON or XML, or NDJSON of them) into canonical referral JSON, one
/// result per ServiceRequest. Pure: no storage, no network; references resolve within the Bundle and to contained
/// resources. Error paths are FHIRPath expressions; reasons never carry a value from the input. Thread-safe.
/// </summary>
public static class FhirReferralReader
{
    /// <summary>Reads one FHIR resource; <paramref name="format"/> is detected from the content when null.</summary>
    public static IReadOnlyList<FhirReferralResult> Read(ReadOnlyMemory<byte> input, FhirFormat? format = null)
    {
        var (resource, parseErrors) = FhirResourceParser.Parse(input, format);
        if (resource is null)
        {
            return [FhirReferralResult.Refused(string.Empty, parseErrors)];
        }

        if (!ModelInfo.IsKnownResource(resource.TypeName))
        {
            return [FhirReferralResult.Refused(string.Empty, [FhirErrorReasons.Invalid("resourceType", "is not a FHIR R4 resource type")])];
        }

        return resource switch
        {
            ServiceRequest => [ReferralMapping.Map(new LocatedResource(resource, "ServiceRequest"), ReferenceResolver.Empty)],
            Bundle bundle => ReadBundle(bundle),
            _ => [FhirReferralResult.Refused(string.Empty, [FhirErrorReasons.Invalid(resource.TypeName, "is not a ServiceRequest or Bundle")])],
        };
    }

    /// <summary>Reads FHIR NDJSON: one JSON resource per line; blank lines are skipped. Results carry 1-based line numbers.</summary>
    public static IEnumerable<FhirNdjsonLineResult> ReadNdjson(Stream ndjson)
    {
        ArgumentNullException.ThrowIfNull(ndjson);
        using var reader = new StreamReader(ndjson, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return new FhirNdjsonLineResult(lineNumber, Read(Encoding.UTF8.GetBytes(line), FhirFormat.Json));
            }
        }
    }

    /// <summary>The OperationOutcome issue type of an error this reader reported: required, not-found, code-invalid or invalid.</summary>
    public static string IssueCode(FieldError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return FhirErrorReasons.IssueCode(error);
    }

    /// <summary>An R4 OperationOutcome (JSON, UTF-8) with one error issue per error, its FHIRPath as the expression.</summary>
    public static byte[] ToOperationOutcome(IEnumerable<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return OperationOutcomeWriter.ToJson(errors);
    }

    private static List<FhirReferralResult> ReadBundle(Bundle bundle)
    {
        var resolver = ReferenceResolver.ForBundle(bundle);
        var results = new List<FhirReferralResult>();
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            if (bundle.Entry[i].Resource is ServiceRequest request)
            {
                results.Add(ReferralMapping.Map(new LocatedResource(request, $"Bundle.entry[{i}].resource"), resolver));
            }
        }

        return results.Count > 0
            ? results
            : [FhirReferralResult.Refused(string.Empty, [FhirErrorReasons.Required("Bundle.entry", "a ServiceRequest (the referral)")])];
    }
}
