namespace ImeBridge.Adapters.Http;

/// <summary>
/// How one outbound HTTP client tries: per-attempt timeout, attempts in all, the back-off, the longest
/// <c>Retry-After</c> waited for inside one call, and whether a request the endpoint may already have acted on is
/// sent again (<see cref="RetryWhenMaybeReceived"/>).
/// </summary>
public sealed class OutboundHttpPolicy
{
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts in all within one call; 1 turns the in-call retry off (the queue's schedule still applies).</summary>
    public int MaxAttempts { get; set; } = 3;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A longer <c>Retry-After</c> is not waited for in the call: the answer goes back to the caller.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// True where the receiver deduplicates (a signed webhook carries its <c>webhook-id</c>): 5xx, 408 and timeouts are
    /// tried again. False where a second request would be a second message (an SMS, an email): only answers that say
    /// the request was not acted on (429) and failures before anything was sent (connection refused, DNS) are retried.
    /// </summary>
    public bool RetryWhenMaybeReceived { get; set; }

    /// <summary>The circuit opens when at least half of <see cref="BreakerMinimumThroughput"/> calls within a minute failed.</summary>
    public int BreakerMinimumThroughput { get; set; } = 10;

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
