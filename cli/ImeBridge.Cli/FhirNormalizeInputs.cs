using System.Globalization;
using System.Runtime.CompilerServices;
using ImeBridge.Adapters.Fhir;

namespace ImeBridge.Cli;

/// <summary>
/// The ServiceRequests of FHIR R4 inputs as the FHIR channel maps them: a Bundle or a ServiceRequest (JSON or XML), or
/// FHIR NDJSON (<c>.ndjson</c>, one resource per line). Labels: <c>FILE</c> for a lone ServiceRequest, else
/// <c>FILE:ServiceRequest-path</c> or <c>FILE:LINE</c>; refusals carry FHIRPath expressions as their fields. The
/// partner's <c>fhir.defaultJurisdiction</c> applies; references are not read from its server (normalize stays offline).
/// </summary>
internal static class FhirNormalizeInputs
{
    public static async IAsyncEnumerable<NormalizeInput> ReadAsync(string file, FhirMappingOptions mapping, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (file.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
        {
            await using var lines = InputFiles.OpenRead(file);
            foreach (var line in FhirReferralReader.ReadNdjson(lines, mapping))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var label = string.Create(CultureInfo.InvariantCulture, $"{file}:{line.LineNumber}");
                foreach (var input in Labelled(label, line.Results))
                {
                    yield return input;
                }
            }

            yield break;
        }

        foreach (var input in Labelled(file, FhirReferralReader.Read(InputFiles.ReadAllBytes(file), options: mapping)))
        {
            yield return input;
        }
    }

    private static IEnumerable<NormalizeInput> Labelled(string label, IReadOnlyList<FhirReferralResult> results)
    {
        foreach (var result in results)
        {
            var record = results.Count == 1 || result.ServiceRequestPath.Length == 0 ? label : $"{label}:{result.ServiceRequestPath}";
            yield return result.IsReferral
                ? NormalizeInput.Json(record, result.ReferralJson)
                : NormalizeInput.Refused(record, result.Errors);
        }
    }
}
