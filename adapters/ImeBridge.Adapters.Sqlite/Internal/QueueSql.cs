namespace ImeBridge.Adapters.Sqlite.Internal;

/// <summary>Statements of the queue. Values are always parameters; instants are Unix milliseconds.</summary>
internal static class QueueSql
{
    public const string MaxDeliveryCountExceeded = "MaxDeliveryCountExceeded";
    public const string LockExpired = "lock expired";

    /// <summary>A message id that was sent before (even if settled long ago) is ignored.</summary>
    public const string Insert = """
        INSERT INTO queue_messages (message_id, type, session_id, body, enqueued_at, not_before)
        VALUES ($message_id, $type, $session_id, $body, $enqueued_at, $not_before)
        ON CONFLICT (message_id) DO NOTHING;
        """;

    /// <summary>Messages whose lock expired after their last allowed delivery go to the dead-letter queue.</summary>
    public const string DeadLetterExpiredAtMaxDeliveries = """
        UPDATE queue_messages
        SET state = 'dead', dead_reason = $reason, dead_description = $description, dead_at = $now, settled_at = $now,
            lock_token = NULL, locked_until = 0
        WHERE state = 'ready' AND lock_token IS NOT NULL AND locked_until <= $now AND delivery_count >= $max_delivery_count;
        """;

    /// <summary>
    /// Due heads of sessions: the oldest due pending message of its session by (not_before, seq), in a session
    /// where no pending message is locked (in flight or waiting for an abandon's retry). One per session by construction.
    /// </summary>
    public const string ReceivableHeads = """
        SELECT m.seq, m.message_id, m.type, m.session_id, m.body, m.delivery_count, m.enqueued_at
        FROM queue_messages AS m
        WHERE m.state = 'ready' AND m.not_before <= $now AND m.locked_until <= $now
          AND NOT EXISTS (
              SELECT 1 FROM queue_messages AS o
              WHERE o.session_id = m.session_id AND o.state = 'ready'
                AND (o.locked_until > $now
                     OR (o.not_before <= $now AND (o.not_before < m.not_before OR (o.not_before = m.not_before AND o.seq < m.seq)))))
        ORDER BY m.not_before, m.seq
        LIMIT $max;
        """;

    public const string Lock =
        "UPDATE queue_messages SET delivery_count = delivery_count + 1, locked_until = $locked_until, lock_token = $lock_token WHERE seq = $seq;";

    private const string HoldsLock =
        "seq = $seq AND lock_token = $lock_token AND state = 'ready' AND locked_until > $now";

    /// <summary>The delivery count of a message whose lock the caller still holds; no row when the lock is lost.</summary>
    public const string LockedDeliveryCount =
        "SELECT delivery_count FROM queue_messages WHERE " + HoldsLock + ";";

    /// <summary>Settled rows keep their id (duplicate detection) but not their body.</summary>
    public const string Complete =
        "UPDATE queue_messages SET state = 'done', body = X'', settled_at = $now, lock_token = NULL, locked_until = 0 WHERE " + HoldsLock + ";";

    /// <summary>Stays at the head of its session, blocking it until the retry is due.</summary>
    public const string Abandon =
        "UPDATE queue_messages SET locked_until = $retry_at, lock_token = NULL, last_error = $error WHERE " + HoldsLock + ";";

    public const string DeadLetter =
        "UPDATE queue_messages SET state = 'dead', dead_reason = $reason, dead_description = $description, dead_at = $now, settled_at = $now, "
        + "lock_token = NULL, locked_until = 0, last_error = COALESCE($error, last_error) WHERE " + HoldsLock + ";";

    public const string PeekDeadLetters = """
        SELECT seq, message_id, type, session_id, body, delivery_count, dead_reason, dead_description, dead_at
        FROM queue_messages WHERE state = 'dead' ORDER BY dead_at, seq LIMIT $max;
        """;

    public const string ReplayDeadLetter = """
        UPDATE queue_messages
        SET state = 'ready', delivery_count = 0, not_before = $now, locked_until = 0, lock_token = NULL, settled_at = NULL,
            dead_reason = NULL, dead_description = NULL, dead_at = NULL
        WHERE seq = $seq AND state = 'dead';
        """;
}
