namespace ImeBridge.Adapters.Webhooks;

/// <summary>What <see cref="StandardWebhookVerifier"/> found, with a reason fit to show the sender (it never quotes a secret).</summary>
public sealed record WebhookVerificationResult(WebhookVerificationStatus Status)
{
    public static readonly WebhookVerificationResult Valid = new(WebhookVerificationStatus.Valid);

    public bool IsValid => Status == WebhookVerificationStatus.Valid;

    public string Reason => Status switch
    {
        WebhookVerificationStatus.Valid => "The signature is valid.",
        WebhookVerificationStatus.MissingId => "The webhook-id header is missing.",
        WebhookVerificationStatus.MissingTimestamp => "The webhook-timestamp header is missing.",
        WebhookVerificationStatus.MissingSignature => "The webhook-signature header is missing.",
        WebhookVerificationStatus.MalformedTimestamp => "The webhook-timestamp header is not a Unix time in seconds.",
        WebhookVerificationStatus.TimestampTooOld => "The webhook-timestamp is more than 5 minutes in the past.",
        WebhookVerificationStatus.TimestampTooNew => "The webhook-timestamp is more than 5 minutes in the future.",
        WebhookVerificationStatus.NoMatchingSignature => "No v1 signature in webhook-signature matches the body.",
        _ => Status.ToString(),
    };
}
