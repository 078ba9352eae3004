namespace ImeBridge.Core.Messaging;

/// <summary>
/// The bus refused a message for good: sending the same message again fails the same way (it is larger than the bus
/// takes, or carries an id or session the bus cannot hold). A bus adapter throws it so that a sender such as an outbox
/// relay can set that one message aside instead of retrying it forever, without knowing the bus's SDK. The message
/// names the reason and ids only, never a body.
/// </summary>
public sealed class MessageRefusedException : Exception
{
    /// <summary>What an adapter reports when it knows no more specific code.</summary>
    public const string UnspecifiedReason = "Refused";

    public MessageRefusedException(string reasonCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reasonCode);
        ReasonCode = reasonCode;
    }

    public MessageRefusedException()
    {
    }

    public MessageRefusedException(string message)
        : base(message)
    {
    }

    public MessageRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A short code for operators, e.g. <c>MessageSizeExceeded</c> or <c>InvalidMessage</c>.</summary>
    public string ReasonCode { get; } = UnspecifiedReason;
}
