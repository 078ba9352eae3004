using System.Globalization;
using System.Text.Json;

namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>Reads an OAuth 2.0 token answer: the bearer access token and its lifetime, or the error code of a refusal.</summary>
internal static class FhirServerTokenResponse
{
    // RFC 6749 §5.2 and RFC 7523 §3.1: only these are repeated in messages; anything else could echo input.
    private static readonly HashSet<string> KnownErrors = new(StringComparer.Ordinal)
    {
        "invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type", "invalid_scope",
    };

    public static (string AccessToken, TimeSpan? ExpiresIn)? Parse(byte[] body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("access_token", out var token)
                || token.ValueKind != JsonValueKind.String
                || string.IsNullOrEmpty(token.GetString()))
            {
                return null;
            }

            if (root.TryGetProperty("token_type", out var type)
                && !string.Equals(type.GetString(), "bearer", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            return (token.GetString()!, ExpiresIn(root));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    public static string? ErrorCode(byte[]? body)
    {
        if (body is null || body.Length == 0)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.String
                && KnownErrors.Contains(error.GetString()!)
                    ? error.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static TimeSpan? ExpiresIn(JsonElement root)
    {
        if (!root.TryGetProperty("expires_in", out var value))
        {
            return null;
        }

        var seconds = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var n) => n,
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) => n,
            _ => (long?)null,
        };
        return seconds is { } s and >= 0 and < 10_000_000 ? TimeSpan.FromSeconds(s) : null;
    }
}
