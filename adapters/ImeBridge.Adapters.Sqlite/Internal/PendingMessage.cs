using ImeBridge.Core.Messaging;

namespace ImeBridge.Adapters.Sqlite.Internal;

/// <summary>A message to insert, copied from the caller's <see cref="QueueMessage"/> before it is queued for the writer.</summary>
internal sealed record PendingMessage(string MessageId, string Type, string SessionId, byte[] Body, long? NotBefore)
{
    public static PendingMessage From(QueueMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrEmpty(message.MessageId, nameof(message));
        ArgumentException.ThrowIfNullOrEmpty(message.Type, nameof(message));
        ArgumentException.ThrowIfNullOrEmpty(message.SessionId, nameof(message));
        return new PendingMessage(
            message.MessageId,
            message.Type,
            message.SessionId,
            message.Body.ToArray(),
            message.NotBefore is { } notBefore ? UnixTime.ToMilliseconds(notBefore) : null);
    }

    public static PendingMessage[] From(IReadOnlyList<QueueMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var pending = new PendingMessage[messages.Count];
        for (var i = 0; i < pending.Length; i++)
        {
            pending[i] = From(messages[i]);
        }

        return pending;
    }
}
