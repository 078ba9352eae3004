using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>Reads the logical id and version a server reports in <c>Location</c> and <c>ETag</c> headers.</summary>
internal static partial class FhirServerLocation
{
    public static (string? Id, string? VersionId) Parse(Uri? location)
    {
        if (location is null)
        {
            return (null, null);
        }

        var path = location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?', '#')[0];
        var match = IdAndVersion().Match(path);
        return match.Success
            ? (match.Groups["id"].Value, match.Groups["vid"].Success ? match.Groups["vid"].Value : null)
            : (null, null);
    }

    /// <summary><c>W/"3"</c> → <c>3</c>.</summary>
    public static string? VersionOf(EntityTagHeaderValue? etag)
    {
        var tag = etag?.Tag;
        if (string.IsNullOrEmpty(tag))
        {
            return null;
        }

        var version = tag.Trim('"');
        return VersionId().IsMatch(version) ? version : null;
    }

    [GeneratedRegex(@"(?:^|/)[A-Z][A-Za-z]{1,63}/(?<id>[A-Za-z0-9\-\.]{1,64})(?:/_history/(?<vid>[A-Za-z0-9\-\.]{1,64}))?/?$", RegexOptions.CultureInvariant)]
    private static partial Regex IdAndVersion();

    [GeneratedRegex(@"^[A-Za-z0-9\-\.]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionId();
}
