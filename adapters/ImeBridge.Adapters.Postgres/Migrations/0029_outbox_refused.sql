-- Outbox messages the external bus refused for good (larger than it takes, an id it cannot carry ...), moved here by the
-- relay in the transaction that deletes its sent rows, so nothing is dropped. While a session has a row here that is not
-- discarded, the relay leaves that session's later outbox rows where they are (per-referral order); other sessions flow.
-- An operator replays a row (back into the outbox under its original seq, ahead of the rows held behind it) or discards
-- it with a reason; a discarded row stays as the record of what was never sent.
CREATE TABLE outbox_refused (
    seq            bigint      PRIMARY KEY,
    message_id     text        NOT NULL,
    type           text        NOT NULL,
    session_id     text        NOT NULL,
    body           bytea       NOT NULL,
    not_before     timestamptz,
    created_at     timestamptz NOT NULL,
    refused_at     timestamptz NOT NULL,
    reason_code    text        NOT NULL,
    alerted        boolean     NOT NULL DEFAULT false,
    discarded_at   timestamptz,
    discard_reason text
);

CREATE INDEX ix_outbox_refused_holding ON outbox_refused (session_id) WHERE discarded_at IS NULL;

-- Counting the rows a refused message holds back.
CREATE INDEX ix_outbox_session ON outbox (session_id, seq);
