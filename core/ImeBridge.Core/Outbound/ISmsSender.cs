namespace ImeBridge.Core.Outbound;

/// <summary>
/// Outbound SMS to claimants. Twilio in production; without credentials a local outbox that keeps each message as a
/// file clearly marked as not sent. Failures are <see cref="SmsSendException"/>.
/// </summary>
public interface ISmsSender
{
    Task<SmsSendResult> SendAsync(OutboundSms sms, CancellationToken cancellationToken);
}

/// <param name="MessageId">Our id for this message, stable across retries (the ledger's key).</param>
/// <param name="To">E.164 phone number.</param>
/// <param name="StatusCallback">Where the provider reports delivery status; null for none.</param>
public sealed record OutboundSms(string MessageId, string To, string Body, Uri? StatusCallback = null);

/// <param name="Sent">False when the message was only written to the local outbox.</param>
/// <param name="ProviderId">The provider's message id (Twilio's SID), or the outbox file.</param>
/// <param name="Status">The provider's first status (queued, accepted, sent …), or <c>outbox</c>.</param>
public sealed record SmsSendResult(bool Sent, string ProviderId, string Status);

/// <summary>
/// An SMS the provider did not take. <see cref="NotSent"/> is true when the provider certainly did not act on it (a
/// refusal, a 429, a connection never made), so it may be tried again without risk of a second message; false when
/// the outcome is unknown (a timeout after the request left). <see cref="ErrorCode"/> is the provider's code
/// (Twilio 21610: the recipient replied STOP). The message names the status and code, never the number or body.
/// </summary>
public sealed class SmsSendException : Exception
{
    public SmsSendException(string message, bool notSent, bool isTransient, string? errorCode = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        NotSent = notSent;
        IsTransient = isTransient;
        ErrorCode = errorCode;
        RetryAfter = retryAfter;
    }

    public SmsSendException()
    {
    }

    public SmsSendException(string message)
        : base(message)
    {
    }

    public SmsSendException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public bool NotSent { get; }

    public bool IsTransient { get; }

    public string? ErrorCode { get; }

    public TimeSpan? RetryAfter { get; }
}
