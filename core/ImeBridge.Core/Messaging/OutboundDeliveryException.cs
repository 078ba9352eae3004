namespace ImeBridge.Core.Messaging;

/// <summary>
/// A delivery to a partner's system failed. The dispatcher retries a transient failure on the
/// <see cref="OutboundRetrySchedule"/> (honouring <see cref="RetryAfter"/>) and dead-letters a permanent one at once.
/// The message names the partner, the operation and the status, never a body.
/// </summary>
public sealed class OutboundDeliveryException : Exception
{
    public OutboundDeliveryException(string message, bool isTransient, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException)
    {
        IsTransient = isTransient;
        RetryAfter = retryAfter;
    }

    public OutboundDeliveryException()
    {
    }

    public OutboundDeliveryException(string message)
        : base(message)
    {
    }

    public OutboundDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public bool IsTransient { get; }

    public TimeSpan? RetryAfter { get; }
}
