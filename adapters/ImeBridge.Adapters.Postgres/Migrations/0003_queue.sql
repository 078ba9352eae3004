-- The workflow queue when PostgreSQL is also the bus. message_id is the primary key (duplicate detection), so settled
-- rows stay (state 'done', body emptied). seq is the sequence number; locked_until on the head of a session is the
-- session's lock (in flight, or waiting for an abandon's retry).
CREATE TABLE queue_messages (
    message_id       text        NOT NULL PRIMARY KEY,
    seq              bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    type             text        NOT NULL,
    session_id       text        NOT NULL,
    body             bytea       NOT NULL,
    enqueued_at      timestamptz NOT NULL,
    not_before       timestamptz NOT NULL,
    delivery_count   integer     NOT NULL DEFAULT 0,
    locked_until     timestamptz NOT NULL DEFAULT '-infinity',
    lock_token       text,
    state            text        NOT NULL DEFAULT 'ready' CHECK (state IN ('ready', 'done', 'dead')),
    settled_at       timestamptz,
    dead_reason      text,
    dead_description text,
    dead_at          timestamptz,
    last_error       text
);

CREATE INDEX ix_queue_ready_due ON queue_messages (not_before, seq) WHERE state = 'ready';
CREATE INDEX ix_queue_ready_session ON queue_messages (session_id, not_before, seq) WHERE state = 'ready';
CREATE INDEX ix_queue_in_flight ON queue_messages (locked_until) WHERE state = 'ready' AND lock_token IS NOT NULL;
CREATE INDEX ix_queue_dead ON queue_messages (dead_at, seq) WHERE state = 'dead';
