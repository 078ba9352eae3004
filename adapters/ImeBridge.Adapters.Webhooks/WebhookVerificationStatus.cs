namespace ImeBridge.Adapters.Webhooks;

/// <summary>The outcome of verifying a Standard Webhooks delivery: valid, or the first check that failed.</summary>
public enum WebhookVerificationStatus
{
    Valid,
    MissingId,
    MissingTimestamp,
    MissingSignature,
    MalformedTimestamp,
    TimestampTooOld,
    TimestampTooNew,
    NoMatchingSignature,
}
