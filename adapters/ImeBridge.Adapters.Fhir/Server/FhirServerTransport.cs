namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>
/// What travels with each HTTP request between the client and its handlers (partner, resource type, attempt), the
/// named HttpClients, and the clock of the transport. Transport time (timeouts, backoff, durations) is real time:
/// business time (a test's fake clock) only drives the token cache.
/// </summary>
internal static class FhirServerTransport
{
    public const string ServerClientName = "ImeBridge.Fhir.Server";
    public const string TokenClientName = "ImeBridge.Fhir.Server.Token";

    public static readonly TimeProvider Clock = TimeProvider.System;

    private static readonly HttpRequestOptionsKey<string> PartnerKey = new("ImeBridge.Fhir.Partner");
    private static readonly HttpRequestOptionsKey<string> ResourceTypeKey = new("ImeBridge.Fhir.ResourceType");
    private static readonly HttpRequestOptionsKey<bool> RetryableKey = new("ImeBridge.Fhir.Retryable");
    private static readonly HttpRequestOptionsKey<int> AttemptKey = new("ImeBridge.Fhir.Attempt");

    public static void Describe(HttpRequestMessage request, FhirServerCall call, bool retryable = false)
    {
        request.Options.Set(PartnerKey, call.PartnerId);
        request.Options.Set(ResourceTypeKey, call.ResourceType);
        if (retryable)
        {
            request.Options.Set(RetryableKey, true);
        }
    }

    public static string PartnerOf(HttpRequestMessage request) =>
        request.Options.TryGetValue(PartnerKey, out var partner) ? partner : string.Empty;

    public static FhirServerCall CallOf(HttpRequestMessage request) =>
        new(PartnerOf(request), request.Method.Method, request.Options.TryGetValue(ResourceTypeKey, out var type) ? type : "(other)");

    /// <summary>Counts the HTTP exchanges of one call (retries and the re-send after a 401 included).</summary>
    public static int NextAttempt(HttpRequestMessage request)
    {
        var attempt = Attempts(request) + 1;
        request.Options.Set(AttemptKey, attempt);
        return attempt;
    }

    public static int Attempts(HttpRequestMessage request) => request.Options.TryGetValue(AttemptKey, out var attempt) ? attempt : 0;

    /// <summary>
    /// Sending twice must do no harm: GET, HEAD, PUT (a conditional update included), DELETE, OPTIONS, a POST with
    /// If-None-Exist, and token requests (client credentials grant nothing twice).
    /// </summary>
    public static bool IsRetryable(HttpRequestMessage? request)
    {
        if (request is null)
        {
            return false;
        }

        if (request.Options.TryGetValue(RetryableKey, out var retryable) && retryable)
        {
            return true;
        }

        var method = request.Method;
        return method == HttpMethod.Get
            || method == HttpMethod.Head
            || method == HttpMethod.Put
            || method == HttpMethod.Delete
            || method == HttpMethod.Options
            || (method == HttpMethod.Post && request.Headers.Contains("If-None-Exist"));
    }

    /// <summary>408, 429 and 5xx: worth trying again.</summary>
    public static bool IsTransient(int status) => status is 408 or 429 or >= 500;
}
