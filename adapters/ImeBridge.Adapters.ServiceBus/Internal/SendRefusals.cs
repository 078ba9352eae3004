using Azure.Messaging.ServiceBus;
using ImeBridge.Core.Messaging;

namespace ImeBridge.Adapters.ServiceBus.Internal;

/// <summary>
/// Translates Service Bus's "never" for a message into the core <see cref="MessageRefusedException"/>, so a sender that
/// knows no Service Bus (the PostgreSQL outbox relay) can set that message aside instead of retrying it forever. Only
/// failures about the message itself are translated; everything else (transient or not) passes unchanged.
/// </summary>
internal static class SendRefusals
{
    public const string InvalidMessage = "InvalidMessage";

    /// <summary>Too large for the queue, or an id, session or property the client refuses to carry.</summary>
    public static bool IsRefusal(Exception exception) =>
        exception is ServiceBusException { Reason: ServiceBusFailureReason.MessageSizeExceeded } or ArgumentException;

    /// <summary>The refusal, naming the reason only: the SDK's text stays in the inner exception, never in the message.</summary>
    public static MessageRefusedException Translate(Exception exception) => exception is ServiceBusException busException
        ? new MessageRefusedException(busException.Reason.ToString(), "Service Bus refused the message: it is larger than the queue accepts.", exception)
        : new MessageRefusedException(InvalidMessage, "Service Bus cannot carry the message (an id, session or property it refuses).", exception);
}
