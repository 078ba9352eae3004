namespace ImeBridge.Adapters.Sqlite.Internal;

/// <summary>
/// Settles the message at <paramref name="Seq"/> if the caller still holds <paramref name="LockToken"/>.
/// Abandon uses <paramref name="Text"/> as the error and <paramref name="RetryAfterMs"/>; dead-letter uses
/// <paramref name="Reason"/> and <paramref name="Text"/> as the description.
/// </summary>
internal sealed record SettleRequest(
    SettleKind Kind,
    long Seq,
    string LockToken,
    TimeProvider Time,
    int MaxDeliveryCount,
    string? Reason = null,
    string? Text = null,
    long RetryAfterMs = 0);
