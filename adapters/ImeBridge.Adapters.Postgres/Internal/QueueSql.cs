namespace ImeBridge.Adapters.Postgres.Internal;

/// <summary>Statements of the PostgreSQL queue. Values are always parameters; <c>@now</c> comes from the injected clock.</summary>
internal static class QueueSql
{
    public const string MaxDeliveryCountExceeded = "MaxDeliveryCountExceeded";
    public const string LockExpired = "lock expired";

    /// <summary>A message id sent before (even if settled long ago) is ignored; a concurrent send of the same id waits and is ignored.</summary>
    public const string Insert = """
        INSERT INTO queue_messages (message_id, type, session_id, body, enqueued_at, not_before)
        VALUES (@message_id, @type, @session_id, @body, @now, GREATEST(COALESCE(@not_before, @now), @now))
        ON CONFLICT (message_id) DO NOTHING;
        """;

    /// <summary>
    /// Messages whose lock expired after their last allowed delivery go to the dead-letter queue. Rows another process
    /// is sweeping or settling right now are skipped (its sweep, or the next, takes them), so sweeps never deadlock.
    /// </summary>
    public const string DeadLetterExpiredAtMaxDeliveries = """
        UPDATE queue_messages
        SET state = 'dead', dead_reason = @reason, dead_description = @description, dead_at = @now, settled_at = @now,
            lock_token = NULL, locked_until = '-infinity'
        WHERE seq IN (
            SELECT seq FROM queue_messages
            WHERE state = 'ready' AND lock_token IS NOT NULL AND locked_until <= @now AND delivery_count >= @max_delivery_count
            FOR UPDATE SKIP LOCKED);
        """;

    /// <summary>
    /// Locks the due heads of sessions: the oldest due pending message of its session by (not_before, seq), in a session
    /// where no pending message is locked (in flight, or waiting for an abandon's retry). One per session by
    /// construction. Across processes, <c>FOR UPDATE SKIP LOCKED</c> hands a head to one receiver; another receiver
    /// racing it skips that head, and the head (still pending and older in its snapshot) keeps the rest of the session
    /// out of its answer, so a session is never delivered to two consumers at once.
    /// A message already delivered the maximum number of times is never handed out again (the sweep dead-letters it).
    /// </summary>
    public const string Receive = """
        UPDATE queue_messages AS q
        SET delivery_count = q.delivery_count + 1, locked_until = @locked_until, lock_token = gen_random_uuid()::text
        FROM (
            SELECT m.seq
            FROM queue_messages AS m
            WHERE m.state = 'ready' AND m.not_before <= @now AND m.locked_until <= @now AND m.delivery_count < @max_delivery_count
              AND NOT EXISTS (
                  SELECT 1 FROM queue_messages AS o
                  WHERE o.session_id = m.session_id AND o.state = 'ready'
                    AND (o.locked_until > @now
                         OR (o.not_before <= @now AND (o.not_before < m.not_before OR (o.not_before = m.not_before AND o.seq < m.seq)))))
            ORDER BY m.not_before, m.seq
            LIMIT @max
            FOR UPDATE OF m SKIP LOCKED
        ) AS head
        WHERE q.seq = head.seq
        RETURNING q.seq, q.message_id, q.type, q.session_id, q.body, q.delivery_count, q.enqueued_at, q.lock_token, q.not_before;
        """;

    private const string HoldsLock =
        "seq = @seq AND lock_token = @lock_token AND state = 'ready' AND locked_until > @now";

    /// <summary>Settled rows keep their id (duplicate detection) but not their body.</summary>
    public const string Complete =
        "UPDATE queue_messages SET state = 'done', body = ''::bytea, settled_at = @now, lock_token = NULL, locked_until = '-infinity' WHERE " + HoldsLock + ";";

    /// <summary>
    /// Before the last allowed delivery: stays at the head of its session, blocking it until the retry is due. At the
    /// last allowed delivery: dead-lettered with the error as description.
    /// </summary>
    public const string Abandon = """
        UPDATE queue_messages SET
            state = CASE WHEN delivery_count >= @max_delivery_count THEN 'dead' ELSE 'ready' END,
            dead_reason = CASE WHEN delivery_count >= @max_delivery_count THEN @reason END,
            dead_description = CASE WHEN delivery_count >= @max_delivery_count THEN @error END,
            dead_at = CASE WHEN delivery_count >= @max_delivery_count THEN @now END,
            settled_at = CASE WHEN delivery_count >= @max_delivery_count THEN @now END,
            locked_until = CASE WHEN delivery_count >= @max_delivery_count THEN '-infinity'::timestamptz ELSE @retry_at END,
            lock_token = NULL,
            last_error = @error
        WHERE
        """ + " " + HoldsLock + ";";

    public const string DeadLetter =
        "UPDATE queue_messages SET state = 'dead', dead_reason = @reason, dead_description = @description, dead_at = @now, settled_at = @now, "
        + "lock_token = NULL, locked_until = '-infinity' WHERE " + HoldsLock + ";";

    public const string PeekDeadLetters = """
        SELECT seq, message_id, type, session_id, body, delivery_count, dead_reason, dead_description, dead_at
        FROM queue_messages WHERE state = 'dead' ORDER BY dead_at, seq LIMIT @max;
        """;

    public const string ReplayDeadLetter = """
        UPDATE queue_messages
        SET state = 'ready', delivery_count = 0, not_before = @now, locked_until = '-infinity', lock_token = NULL, settled_at = NULL,
            dead_reason = NULL, dead_description = NULL, dead_at = NULL
        WHERE seq = @seq AND state = 'dead';
        """;
}
