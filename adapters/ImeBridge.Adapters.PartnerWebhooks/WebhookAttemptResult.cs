namespace ImeBridge.Adapters.PartnerWebhooks;

/// <summary>What one POST came to: the endpoint's status, or the kind of failure when no answer came.</summary>
internal sealed record WebhookAttemptResult(int? HttpStatus, string? ErrorKind, TimeSpan? RetryAfter, long DurationMs)
{
    public bool Succeeded => HttpStatus is >= 200 and < 300;

    public bool Gone => HttpStatus == 410;

    /// <summary>Refused for good: a 4xx other than 408 and 429.</summary>
    public bool Refused => HttpStatus is >= 400 and < 500 and not 408 and not 429;

    public string Describe() => HttpStatus is { } status ? $"HTTP {status}" : ErrorKind ?? "no answer";
}
