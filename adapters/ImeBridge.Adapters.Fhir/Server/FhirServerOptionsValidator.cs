using System.Net;

namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>
/// Checks one partner's FHIR server settings. Each error names the configuration key and what is expected; none
/// repeats a secret (the client secret is never quoted).
/// </summary>
public static class FhirServerOptionsValidator
{
    // Polly accepts delays and timeouts of at most a day.
    private static readonly TimeSpan OneDay = TimeSpan.FromDays(1);

    /// <param name="options">The settings bound from <paramref name="key"/>.</param>
    /// <param name="key">Where they came from, for example <c>partners[0].fhir.server</c>.</param>
    public static IReadOnlyList<string> Validate(FhirServerOptions? options, string key)
    {
        if (options is null)
        {
            return [$"{key} is required"];
        }

        var errors = new List<string>();
        CheckUrl(options.BaseUrl, $"{key}.baseUrl", "the partner's FHIR R4 base URL", errors, allowQuery: false);
        if (options.Timeout < TimeSpan.FromMilliseconds(10) || options.Timeout > OneDay)
        {
            errors.Add($"{key}.timeout must be between 10 ms and 1 day");
        }

        if (options.MaxAttempts is < 1 or > 10)
        {
            errors.Add($"{key}.maxAttempts must be between 1 and 10");
        }

        if (options.MaxRetryAfter < TimeSpan.Zero || options.MaxRetryAfter > OneDay)
        {
            errors.Add($"{key}.maxRetryAfter must be between 0 and 1 day");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryBaseDelay > OneDay)
        {
            errors.Add($"{key}.retryBaseDelay must be between 0 and 1 day");
        }

        if (options.MaxContentBytes <= 0)
        {
            errors.Add($"{key}.maxContentBytes must be larger than zero");
        }

        if (options.Auth is { } auth)
        {
            CheckAuth(auth, $"{key}.auth", errors);
        }

        return errors;
    }

    private static void CheckAuth(FhirServerAuthOptions auth, string key, List<string> errors)
    {
        CheckUrl(auth.TokenUrl, $"{key}.tokenUrl", "the OAuth 2.0 token endpoint", errors, allowQuery: true);
        if (string.IsNullOrWhiteSpace(auth.ClientId))
        {
            errors.Add($"{key}.clientId is required");
        }

        var hasSecret = !string.IsNullOrEmpty(auth.ClientSecret);
        var hasKey = !string.IsNullOrWhiteSpace(auth.PrivateKeyFile);
        if (hasSecret == hasKey)
        {
            errors.Add($"{key} needs exactly one of clientSecret (client_secret_basic) and privateKeyFile (private_key_jwt)");
        }

        if (hasKey && string.IsNullOrWhiteSpace(auth.KeyId))
        {
            errors.Add($"{key}.keyId is required with privateKeyFile: the kid of the key the partner registered");
        }

        if (hasKey && !File.Exists(auth.PrivateKeyFile))
        {
            errors.Add($"{key}.privateKeyFile does not name an existing file");
        }

        if (auth.Scope is { } scope && (scope.Length == 0 || scope.Any(c => (c < 0x21 && c != ' ') || c == 0x7f || c == '"' || c == '\\')))
        {
            errors.Add($"{key}.scope must be space-separated scope tokens, for example system/Task.cu");
        }
    }

    private static void CheckUrl(Uri? url, string key, string what, List<string> errors, bool allowQuery)
    {
        if (url is null)
        {
            errors.Add($"{key} is required: {what}");
            return;
        }

        if (!url.IsAbsoluteUri)
        {
            errors.Add($"{key} must be an absolute URL: {what}");
            return;
        }

        var loopbackHttp = url.Scheme == Uri.UriSchemeHttp && IsLoopback(url);
        if (url.Scheme != Uri.UriSchemeHttps && !loopbackHttp)
        {
            errors.Add($"{key} must use https (http only on a loopback host)");
        }

        if (url.UserInfo.Length > 0)
        {
            errors.Add($"{key} must not carry credentials in the URL");
        }

        if (url.Fragment.Length > 0 || (!allowQuery && url.Query.Length > 0))
        {
            errors.Add(allowQuery ? $"{key} must not have a fragment" : $"{key} must not have a query or a fragment");
        }
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
