using System.Text;
using Hl7.Fhir.Model;

namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>Search URLs and the <c>identifier=system|value</c> token of conditional writes, escaped for FHIR and for URLs.</summary>
internal static class FhirServerQuery
{
    public static Uri Search(Uri baseUrl, string resourceType, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var query = Encode(parameters);
        return new Uri(baseUrl, query.Length == 0 ? resourceType : $"{resourceType}?{query}");
    }

    public static string Encode(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));

    /// <summary>The search parameters matching one identifier: <c>identifier=system|value</c>, URL-encoded.</summary>
    public static string ByIdentifier(Identifier identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        if (string.IsNullOrEmpty(identifier.System) || string.IsNullOrEmpty(identifier.Value))
        {
            throw new ArgumentException("A conditional write needs an identifier with both a system and a value.", nameof(identifier));
        }

        return Encode([new("identifier", $"{EscapeToken(identifier.System)}|{EscapeToken(identifier.Value)}")]);
    }

    // FHIR search escaping: \ , $ and | inside a token part are escaped with a backslash.
    private static string EscapeToken(string part)
    {
        var escaped = new StringBuilder(part.Length);
        foreach (var c in part)
        {
            if (c is '\\' or ',' or '$' or '|')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
