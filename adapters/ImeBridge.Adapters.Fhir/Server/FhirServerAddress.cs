using System.Text.RegularExpressions;

namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>
/// The partner's base URL and the only URLs the client will ask for: those under it (same scheme, host, port and path
/// prefix). A reference to any other place is refused, so a hostile resource cannot steer requests elsewhere (SSRF).
/// </summary>
internal sealed partial class FhirServerAddress
{
    public FhirServerAddress(Uri baseUrl)
    {
        var text = baseUrl.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        BaseUrl = new Uri(text.EndsWith('/') ? text : text + "/", UriKind.Absolute);
    }

    /// <summary>The base URL, always ending with a slash, without query or fragment.</summary>
    public Uri BaseUrl { get; }

    /// <summary>A relative <c>Type/id</c> or <c>Type/id/_history/vid</c>, or an absolute URL under the base; else null.</summary>
    public Uri? Locate(string? reference)
    {
        if (string.IsNullOrWhiteSpace(reference))
        {
            return null;
        }

        if (RelativeReference().IsMatch(reference))
        {
            var located = new Uri(BaseUrl, reference);
            return reference.Split('/').Any(segment => segment is "." or "..") || !Contains(located) ? null : located;
        }

        return Uri.TryCreate(reference, UriKind.Absolute, out var absolute) && Contains(absolute) ? absolute : null;
    }

    /// <summary>
    /// True when <paramref name="url"/> is on the same origin and under the base path, or is the base path itself
    /// without its trailing slash (HAPI FHIR links later search pages as <c>http://host/fhir?_getpages=…</c>).
    /// </summary>
    public bool Contains(Uri url)
    {
        if (!url.IsAbsoluteUri
            || !string.Equals(url.Scheme, BaseUrl.Scheme, StringComparison.OrdinalIgnoreCase)
            || !string.Equals(url.IdnHost, BaseUrl.IdnHost, StringComparison.OrdinalIgnoreCase)
            || url.Port != BaseUrl.Port
            || url.UserInfo.Length > 0)
        {
            return false;
        }

        var path = url.AbsolutePath;
        var underBase = path.StartsWith(BaseUrl.AbsolutePath, StringComparison.Ordinal)
            || string.Equals(path + "/", BaseUrl.AbsolutePath, StringComparison.Ordinal);
        return underBase && !HidesASegment(path);
    }

    /// <summary>
    /// A URL from a resource (an attachment's <c>Binary/1</c>, a Bundle's next link), resolved against the base when
    /// relative; null unless the result is under the base.
    /// </summary>
    public Uri? Resolve(Uri url)
    {
        var resolved = url.IsAbsoluteUri ? url : new Uri(BaseUrl, url);
        return Contains(resolved) ? resolved : null;
    }

    /// <summary>The first path segment after the base when it looks like a resource type (for logs); else "(other)".</summary>
    public string ResourceTypeOf(Uri url)
    {
        var rest = url.AbsolutePath.Length > BaseUrl.AbsolutePath.Length ? url.AbsolutePath[BaseUrl.AbsolutePath.Length..] : string.Empty;
        var first = rest.Split('/', 2)[0];
        return IsResourceType(first) ? first : "(other)";
    }

    public static bool IsResourceType(string? value) => value is not null && ResourceTypeName().IsMatch(value);

    // Escaped dots, slashes or backslashes could climb out of the base path on a server that decodes them.
    private static bool HidesASegment(string path) =>
        path.Contains("%2e", StringComparison.OrdinalIgnoreCase)
        || path.Contains("%2f", StringComparison.OrdinalIgnoreCase)
        || path.Contains("%5c", StringComparison.OrdinalIgnoreCase)
        || path.Contains("/../", StringComparison.Ordinal)
        || path.EndsWith("/..", StringComparison.Ordinal);

    [GeneratedRegex(@"^[A-Z][A-Za-z]{1,63}/[A-Za-z0-9\-\.]{1,64}(/_history/[A-Za-z0-9\-\.]{1,64})?$", RegexOptions.CultureInvariant)]
    private static partial Regex RelativeReference();

    [GeneratedRegex("^[A-Z][A-Za-z]{1,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ResourceTypeName();
}
