using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Messaging.ServiceBus;
using ImeBridge.Core.Messaging;

namespace ImeBridge.Adapters.ServiceBus.Internal;

/// <summary>How a <see cref="QueueMessage"/> travels as a Service Bus message and comes back.</summary>
internal static class MessageMapping
{
    /// <summary>The message type the dispatcher routes on.</summary>
    public const string TypeProperty = "ImeBridge.Type";

    /// <summary>
    /// The message's own id when the Service Bus <c>MessageId</c> differs: a replayed dead letter is sent under a new id
    /// (duplicate detection would drop the original id inside its window) but handlers still see the original.
    /// </summary>
    public const string OriginalIdProperty = "ImeBridge.MessageId";

    /// <summary>When the adapter dead-lettered the message (Service Bus records no such time), round-trip ISO-8601.</summary>
    public const string DeadLetteredAtProperty = "ImeBridge.DeadLetteredAt";

    /// <summary>The longest <c>MessageId</c> Service Bus accepts (the client refuses a longer one before sending).</summary>
    public const int MaxMessageIdLength = 128;

    public static ServiceBusMessage ToServiceBus(QueueMessage message)
    {
        var outgoing = new ServiceBusMessage(BinaryData.FromBytes(message.Body))
        {
            MessageId = ServiceBusId(message.MessageId),
            SessionId = message.SessionId,
            ContentType = "application/json",
        };
        outgoing.ApplicationProperties[TypeProperty] = message.Type;
        if (outgoing.MessageId != message.MessageId)
        {
            outgoing.ApplicationProperties[OriginalIdProperty] = message.MessageId;
        }

        return outgoing;
    }

    /// <summary>
    /// The id as Service Bus can carry it. Workflow ids name their causation chain and outgrow 128 characters after a
    /// few steps; such an id travels as <c>sha256:</c> + the hex SHA-256 of it, the same every time it is sent, so
    /// duplicate detection still drops a resend, and the full id rides in <see cref="OriginalIdProperty"/>.
    /// </summary>
    public static string ServiceBusId(string messageId) =>
        messageId.Length <= MaxMessageIdLength
            ? messageId
            : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)));

    public static ReceivedMessage ToReceived(ServiceBusReceivedMessage message) => new(
        message.SequenceNumber,
        OriginalId(message),
        TypeOf(message),
        message.SessionId,
        message.Body.ToMemory(),
        message.DeliveryCount,
        message.EnqueuedTime,
        message.LockToken);

    public static DeadLetteredMessage ToDeadLettered(ServiceBusReceivedMessage message) => new(
        message.SequenceNumber,
        OriginalId(message),
        TypeOf(message),
        message.SessionId,
        message.Body.ToMemory(),
        message.DeliveryCount,
        message.DeadLetterReason ?? string.Empty,
        message.DeadLetterErrorDescription,
        message.ApplicationProperties.TryGetValue(DeadLetteredAtProperty, out var at) && at is string text
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
            : message.EnqueuedTime);

    /// <summary>A fresh copy of a dead letter to send again: same session, body, type and logical id; a new Service Bus id.</summary>
    public static ServiceBusMessage Replay(ServiceBusReceivedMessage deadLetter)
    {
        var copy = new ServiceBusMessage(deadLetter.Body)
        {
            MessageId = ServiceBusId($"{OriginalId(deadLetter)}|replay-{deadLetter.SequenceNumber.ToString(CultureInfo.InvariantCulture)}"),
            SessionId = deadLetter.SessionId,
            ContentType = deadLetter.ContentType,
        };
        copy.ApplicationProperties[TypeProperty] = TypeOf(deadLetter);
        copy.ApplicationProperties[OriginalIdProperty] = OriginalId(deadLetter);
        return copy;
    }

    public static string Now(TimeProvider time) => time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    private static string OriginalId(ServiceBusReceivedMessage message) =>
        message.ApplicationProperties.TryGetValue(OriginalIdProperty, out var id) && id is string original ? original : message.MessageId;

    private static string TypeOf(ServiceBusReceivedMessage message) =>
        message.ApplicationProperties.TryGetValue(TypeProperty, out var type) && type is string name ? name : message.Subject ?? string.Empty;
}
