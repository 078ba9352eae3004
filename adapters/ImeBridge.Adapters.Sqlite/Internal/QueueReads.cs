using ImeBridge.Core.Messaging;

namespace ImeBridge.Adapters.Sqlite.Internal;

internal static class QueueReads
{
    public static List<DeadLetteredMessage> PeekDeadLetters(CachedCommands commands, int max)
    {
        var messages = new List<DeadLetteredMessage>();
        using var reader = commands.Get(QueueSql.PeekDeadLetters).Bind("$max", max).ExecuteReader();
        while (reader.Read())
        {
            messages.Add(new DeadLetteredMessage(
                SequenceNumber: reader.GetInt64(0),
                MessageId: reader.GetString(1),
                Type: reader.GetString(2),
                SessionId: reader.GetString(3),
                Body: reader.GetBlob(4),
                DeliveryCount: reader.GetInt32(5),
                Reason: reader.GetNullableString(6) ?? "",
                Description: reader.GetNullableString(7),
                DeadLetteredAt: UnixTime.FromMilliseconds(reader.GetNullableInt64(8) ?? 0)));
        }

        return messages;
    }
}
