using ImeBridge.Core.Messaging;

namespace ImeBridge.Adapters.Sqlite.Internal;

/// <summary>Finds the receivable heads of sessions and locks them to the caller.</summary>
internal static class QueueReceive
{
    public static IReadOnlyList<ReceivedMessage> Receive(CachedCommands commands, ReceiveRequest request)
    {
        var now = UnixTime.Now(request.Time);
        commands.Get(QueueSql.DeadLetterExpiredAtMaxDeliveries)
            .Bind("$reason", QueueSql.MaxDeliveryCountExceeded)
            .Bind("$description", QueueSql.LockExpired)
            .Bind("$now", now)
            .Bind("$max_delivery_count", request.MaxDeliveryCount)
            .ExecuteNonQuery();

        var heads = new List<ReceivedMessage>();
        using (var reader = commands.Get(QueueSql.ReceivableHeads).Bind("$now", now).Bind("$max", request.MaxMessages).ExecuteReader())
        {
            while (reader.Read())
            {
                heads.Add(new ReceivedMessage(
                    SequenceNumber: reader.GetInt64(0),
                    MessageId: reader.GetString(1),
                    Type: reader.GetString(2),
                    SessionId: reader.GetString(3),
                    Body: reader.GetBlob(4),
                    DeliveryCount: reader.GetInt32(5) + 1,
                    EnqueuedAt: UnixTime.FromMilliseconds(reader.GetInt64(6)),
                    LockToken: Guid.NewGuid().ToString("N")));
            }
        }

        var lockedUntil = now + request.LockDurationMs;
        var lockCommand = commands.Get(QueueSql.Lock);
        foreach (var message in heads)
        {
            lockCommand
                .Bind("$seq", message.SequenceNumber)
                .Bind("$locked_until", lockedUntil)
                .Bind("$lock_token", message.LockToken)
                .ExecuteNonQuery();
        }

        return heads;
    }
}
