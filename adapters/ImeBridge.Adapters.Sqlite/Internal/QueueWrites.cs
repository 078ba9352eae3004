namespace ImeBridge.Adapters.Sqlite.Internal;

/// <summary>Queue inserts shared by the queue and the referral store (whose accepts emit messages in the same transaction).</summary>
internal static class QueueWrites
{
    /// <summary>
    /// Inserts the messages whose ids were never sent before; returns how many were new. A <c>NotBefore</c> in the
    /// past means now, so a message never jumps ahead of its session's older messages.
    /// </summary>
    public static int Insert(CachedCommands commands, IReadOnlyList<PendingMessage> messages, long now)
    {
        var inserted = 0;
        var command = commands.Get(QueueSql.Insert);
        foreach (var message in messages)
        {
            inserted += command
                .Bind("$message_id", message.MessageId)
                .Bind("$type", message.Type)
                .Bind("$session_id", message.SessionId)
                .Bind("$body", message.Body)
                .Bind("$enqueued_at", now)
                .Bind("$not_before", Math.Max(message.NotBefore ?? now, now))
                .ExecuteNonQuery();
        }

        return inserted;
    }
}
