using Amqp.Framing;
using Amqp.Types;
using ImeBridge.Testing.ServiceBus.Entities;

namespace ImeBridge.Testing.ServiceBus.Protocol;

/// <summary>
/// Builds the AMQP message a receiver or a peek gets for a stored message: the sender's sections plus the broker
/// annotations the Service Bus client reads (sequence number, enqueued time, lock, dead-letter source) and the
/// header's delivery count (prior deliveries on receive, all deliveries on peek, as the client expects).
/// </summary>
internal static class MessageWire
{
    public const string SequenceNumber = "x-opt-sequence-number";
    public const string EnqueuedTime = "x-opt-enqueued-time";
    public const string LockedUntil = "x-opt-locked-until";
    public const string LockToken = "x-opt-lock-token";
    public const string ScheduledEnqueueTime = "x-opt-scheduled-enqueue-time";
    public const string DeadLetterSource = "x-opt-deadletter-source";

    public static global::Amqp.Message ForDelivery(StoredMessage stored, DateTimeOffset lockedUntil)
    {
        var message = Build(stored, (uint)Math.Max(0, stored.DeliveryCount - 1));
        message.MessageAnnotations[new Symbol(LockedUntil)] = lockedUntil.UtcDateTime;
        message.MessageAnnotations[new Symbol(LockToken)] = stored.LockToken!.Value;
        return message;
    }

    public static global::Amqp.Message ForPeek(StoredMessage stored) => Build(stored, (uint)stored.DeliveryCount);

    public static byte[] Encode(global::Amqp.Message message)
    {
        var buffer = message.Encode();
        return buffer.Buffer.AsSpan(buffer.Offset, buffer.Length).ToArray();
    }

    public static global::Amqp.Message Decode(byte[] bytes) => global::Amqp.Message.Decode(new global::Amqp.ByteBuffer(bytes, 0, bytes.Length, bytes.Length));

    private static global::Amqp.Message Build(StoredMessage stored, uint headerDeliveryCount)
    {
        var original = stored.Original;
        var message = new global::Amqp.Message
        {
            Header = new Header { Durable = true, DeliveryCount = headerDeliveryCount },
            Properties = original.Properties,
            BodySection = original.BodySection,
            MessageAnnotations = new MessageAnnotations(),
            ApplicationProperties = new ApplicationProperties(),
        };

        foreach (var key in original.MessageAnnotations?.Map.Keys.ToList() ?? [])
        {
            message.MessageAnnotations.Map[key] = original.MessageAnnotations!.Map[key];
        }

        foreach (var key in original.ApplicationProperties?.Map.Keys.ToList() ?? [])
        {
            message.ApplicationProperties.Map[key] = original.ApplicationProperties!.Map[key];
        }

        foreach (var (key, value) in stored.ModifiedProperties)
        {
            message.ApplicationProperties.Map[key] = value;
        }

        message.MessageAnnotations[new Symbol(SequenceNumber)] = stored.SequenceNumber;
        message.MessageAnnotations[new Symbol(EnqueuedTime)] = stored.EnqueuedAt.UtcDateTime;
        if (stored.ScheduledFor is { } scheduled)
        {
            message.MessageAnnotations[new Symbol(ScheduledEnqueueTime)] = scheduled.UtcDateTime;
        }

        if (stored.DeadLetterSource is { } source)
        {
            message.MessageAnnotations[new Symbol(DeadLetterSource)] = source;
        }

        return message;
    }
}
