using System.Security.Cryptography;
using System.Text;

namespace ImeBridge.Adapters.Twilio;

/// <summary>
/// Verifies <c>X-Twilio-Signature</c>: base64 HMAC-SHA1, keyed by the auth token, over the full URL Twilio called
/// followed by every form parameter as name + value, sorted by name (values of a repeated name sorted and
/// de-duplicated). As Twilio's own libraries do, the URL is also tried with its default port added and with its port
/// removed, because a proxy may add or drop it; the URL is otherwise used exactly as given (host case included).
/// Comparisons are constant-time.
/// </summary>
public static class TwilioSignature
{
    public const string HeaderName = "X-Twilio-Signature";

    private const string BodyHashParameter = "bodySHA256";

    /// <summary>The signature Twilio sends for a form post to <paramref name="url"/>.</summary>
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        ArgumentException.ThrowIfNullOrEmpty(authToken);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(form);
        var data = new StringBuilder(url);
        foreach (var name in form.GroupBy(p => p.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            foreach (var value in name.Select(p => p.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                data.Append(name.Key).Append(value);
            }
        }

        return Sign(authToken, data.ToString());
    }

    /// <summary>Whether <paramref name="signature"/> signs a form post of <paramref name="form"/> to <paramref name="url"/>.</summary>
    public static bool IsValid(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form, string? signature)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (string.IsNullOrEmpty(authToken) || string.IsNullOrEmpty(url) || string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var parameters = form.ToList();
        return UrlForms(url).Any(candidate => SameSignature(Compute(authToken, candidate, parameters), signature));
    }

    /// <summary>
    /// Whether <paramref name="signature"/> signs a JSON (non-form) post: the URL carries <c>bodySHA256</c>, the hex
    /// SHA-256 of <paramref name="body"/>, and the signature covers the URL alone.
    /// </summary>
    public static bool IsValidBody(string authToken, string url, string body, string? signature)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (string.IsNullOrEmpty(authToken) || string.IsNullOrEmpty(url) || string.IsNullOrEmpty(signature) || BodyHashOf(url) is not { } expectedHash)
        {
            return false;
        }

        var actualHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        var hashMatches = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(actualHash), Encoding.ASCII.GetBytes(expectedHash.ToLowerInvariant()));
        return hashMatches && IsValid(authToken, url, [], signature);
    }

    /// <summary>The URL as given, without its port, and with the scheme's default port (distinct forms only).</summary>
    internal static IReadOnlyList<string> UrlForms(string url)
    {
        var forms = new List<string> { url };
        var parts = UrlParts.Parse(url);
        if (parts is null)
        {
            return forms;
        }

        var (head, hostPort, port, tail) = parts.Value;
        if (port is not null)
        {
            forms.Add(head + hostPort[..^(port.Length + 1)] + tail);
        }
        else if (DefaultPort(url) is { } defaultPort)
        {
            forms.Add(head + hostPort + ":" + defaultPort + tail);
        }

        return forms.Distinct(StringComparer.Ordinal).ToList();
    }

    private static string? DefaultPort(string url) =>
        url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? "443"
        : url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? "80"
        : null;

    private static string? BodyHashOf(string url)
    {
        var query = url.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
        {
            return null;
        }

        foreach (var pair in url[(query + 1)..].Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && string.Equals(pair[..equals], BodyHashParameter, StringComparison.Ordinal))
            {
                return Uri.UnescapeDataString(pair[(equals + 1)..]);
            }
        }

        return null;
    }

#pragma warning disable CA5350 // Twilio defines the signature as HMAC-SHA1; it is not our choice.
    private static string Sign(string authToken, string data) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data)));
#pragma warning restore CA5350

    private static bool SameSignature(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));

    /// <summary>Splits a URL by hand (System.Uri would lower-case the host and drop default ports, changing what was signed).</summary>
    private static class UrlParts
    {
        /// <returns>Everything up to the host (scheme and credentials), host[:port], the port or null, and the rest.</returns>
        public static (string Head, string HostPort, string? Port, string Tail)? Parse(string url)
        {
            var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
            if (schemeEnd <= 0)
            {
                return null;
            }

            var authorityStart = schemeEnd + 3;
            var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
            if (authorityEnd < 0)
            {
                authorityEnd = url.Length;
            }

            var authority = url[authorityStart..authorityEnd];
            var at = authority.LastIndexOf('@');
            var hostPort = authority[(at + 1)..];
            var head = url[..(authorityStart + at + 1)];
            var colon = hostPort.LastIndexOf(':');
            string? port = null;
            if (colon >= 0 && !hostPort.EndsWith(']') && colon < hostPort.Length - 1 && hostPort[(colon + 1)..].All(char.IsAsciiDigit))
            {
                port = hostPort[(colon + 1)..];
            }

            return (head, hostPort, port, url[authorityEnd..]);
        }
    }
}
