namespace ImeBridge.Adapters.Postgres.Internal;

/// <summary>The statements of the outbox relay and of the refused messages it sets aside (<c>outbox_refused</c>).</summary>
internal static class OutboxSql
{
    public const string TryRelayLock = "SELECT pg_try_advisory_xact_lock(@key);";

    /// <summary>Waits for the relay's current round, so an operator's change never lands in the middle of one.</summary>
    public const string WaitForRelayLock = "SELECT pg_advisory_xact_lock(@key);";

    /// <summary>The oldest rows, leaving out sessions held behind a refused message that is not discarded.</summary>
    public const string ReadBatch = """
        SELECT o.seq, o.message_id, o.type, o.session_id, o.body, o.not_before
        FROM outbox o
        WHERE NOT EXISTS (SELECT 1 FROM outbox_refused r WHERE r.session_id = o.session_id AND r.discarded_at IS NULL)
        ORDER BY o.seq
        LIMIT @max;
        """;

    public const string DeleteSent = "DELETE FROM outbox WHERE seq = ANY(@seqs);";

    public const string SetAside = """
        WITH moved AS (
            DELETE FROM outbox WHERE seq = @seq
            RETURNING seq, message_id, type, session_id, body, not_before, created_at)
        INSERT INTO outbox_refused (seq, message_id, type, session_id, body, not_before, created_at, refused_at, reason_code)
        SELECT seq, message_id, type, session_id, body, not_before, created_at, @now, @reason FROM moved;
        """;

    private const string Held = "(SELECT count(*) FROM outbox o WHERE o.session_id = r.session_id)";

    public const string SelectUnalerted = $"""
        SELECT seq, message_id, type, session_id, refused_at, reason_code, {Held}
        FROM outbox_refused r
        WHERE NOT alerted AND discarded_at IS NULL
        ORDER BY seq
        LIMIT 100;
        """;

    public const string MarkAlerted = "UPDATE outbox_refused SET alerted = true WHERE seq = @seq AND refused_at = @refused_at;";

    /// <summary>The columns <see cref="OutboxRefusals"/> reads a <see cref="RefusedOutboxMessage"/> from, in its order.</summary>
    private const string SelectRefused = $"""
        SELECT seq, message_id, type, session_id, not_before, refused_at, reason_code, discarded_at, discard_reason,
               CASE WHEN discarded_at IS NULL THEN {Held} ELSE 0 END
        FROM outbox_refused r
        """;

    public const string List = $"""
        {SelectRefused}
        WHERE @all OR discarded_at IS NULL
        ORDER BY seq
        LIMIT @max;
        """;

    /// <summary>One refused message that is not discarded, by its seq.</summary>
    public const string FindHolding = $"""
        {SelectRefused}
        WHERE seq = @seq AND discarded_at IS NULL;
        """;

    /// <summary>Back into the outbox under its original seq, so it goes ahead of the rows of its session held behind it.</summary>
    public const string Replay = """
        WITH back AS (
            DELETE FROM outbox_refused WHERE seq = @seq AND discarded_at IS NULL
            RETURNING seq, message_id, type, session_id, body, not_before, created_at, refused_at),
        restored AS (
            INSERT INTO outbox (seq, message_id, type, session_id, body, not_before, created_at) OVERRIDING SYSTEM VALUE
            SELECT seq, message_id, type, session_id, body, not_before, created_at FROM back)
        SELECT message_id, session_id, refused_at FROM back;
        """;

    public const string Discard = """
        UPDATE outbox_refused SET discarded_at = @now, discard_reason = @reason
        WHERE seq = @seq AND discarded_at IS NULL
        RETURNING message_id, session_id, refused_at;
        """;
}
