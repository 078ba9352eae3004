using System.Text.RegularExpressions;
using Hl7.Fhir.Model;

namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>The <c>issue.code</c> values of an OperationOutcome answer. Diagnostics and details text are never read out.</summary>
internal static partial class FhirServerOutcome
{
    public static IReadOnlyList<string> IssueCodes(byte[]? body, string? mediaType)
    {
        if (body is null || body.Length == 0 || !FhirServerJson.IsJson(mediaType))
        {
            return [];
        }

        if (FhirServerJson.TryDeserialize(body) is not OperationOutcome outcome)
        {
            return [];
        }

        return outcome.Issue
            .Select(issue => issue.CodeElement?.JsonValue as string)
            .OfType<string>()
            .Where(code => IssueCode().IsMatch(code))
            .Distinct(StringComparer.Ordinal)
            .Take(10)
            .ToList();
    }

    // Codes of the IssueType value set are short lower-case words; anything else could be an echo of the input.
    [GeneratedRegex("^[a-z][a-z-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex IssueCode();
}
