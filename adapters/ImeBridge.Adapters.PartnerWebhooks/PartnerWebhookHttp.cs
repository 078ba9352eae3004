using ImeBridge.Adapters.Http;

namespace ImeBridge.Adapters.PartnerWebhooks;

/// <summary>
/// The named HTTP client partner webhooks are posted with, and its resilience policy: a second try within the call
/// when the endpoint may have received the first (the partner deduplicates on <c>webhook-id</c>), then the queue's
/// schedule takes over.
/// </summary>
public static class PartnerWebhookHttp
{
    public const string ClientName = "partner-webhooks";

    public static OutboundHttpPolicy Policy() => new()
    {
        RetryWhenMaybeReceived = true,
        MaxAttempts = 2,
        AttemptTimeout = TimeSpan.FromSeconds(15),
        MaxRetryAfter = TimeSpan.FromSeconds(5),
    };
}
