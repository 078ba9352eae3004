namespace ImeBridge.Core.Ports;

/// <summary>
/// An email the provider did not take. <see cref="NotSent"/> is true when the provider certainly did not act on it (a
/// refusal, a 429, a connection never made), so it may be tried again without risk of a second message; false when
/// the outcome is unknown (a 5xx or a timeout after the request left: the provider may have accepted it).
/// <see cref="IsTransient"/> says whether trying later may succeed. The message names the HTTP status only, never an
/// address, subject or body.
/// </summary>
public sealed class EmailSendException : Exception
{
    public EmailSendException(string message, bool notSent, bool isTransient, int? statusCode = null, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        NotSent = notSent;
        IsTransient = isTransient;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    public EmailSendException()
    {
    }

    public EmailSendException(string message)
        : base(message)
    {
    }

    public EmailSendException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public bool NotSent { get; }

    public bool IsTransient { get; }

    /// <summary>The provider's HTTP status; null when no answer came.</summary>
    public int? StatusCode { get; }

    public TimeSpan? RetryAfter { get; }
}
