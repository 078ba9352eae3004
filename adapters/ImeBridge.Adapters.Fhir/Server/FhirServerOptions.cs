namespace ImeBridge.Adapters.Fhir.Server;

/// <summary>How ImeBridge reaches one partner's FHIR R4 server; bound from <c>partners[i].fhir.server</c>.</summary>
public sealed class FhirServerOptions
{
    /// <summary>The FHIR base URL, for example <c>https://fhir.partner.example/r4/</c>. https, or http on a loopback host.</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>OAuth 2.0 client credentials; null sends no Authorization header.</summary>
    public FhirServerAuthOptions? Auth { get; set; }

    /// <summary>How long one attempt may take (the request and its response headers).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts per call, the first one included. Only idempotent requests are retried.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>
    /// The longest <c>Retry-After</c> that is waited for. A longer one is not waited for: the call fails as transient
    /// with <see cref="FhirServerException.RetryAfter"/> set, so the caller can reschedule.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The largest response body (resource, page or attachment) that is read.</summary>
    public long MaxContentBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>The first retry delay when the server gives no <c>Retry-After</c>; it doubles per attempt, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
}
