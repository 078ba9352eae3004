-- Messages the store emitted while the bus is an external one (Service Bus): written in the same transaction as the
-- state change, sent by the outbox relay in seq order, deleted only after the send.
CREATE TABLE outbox (
    seq         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id  text        NOT NULL,
    type        text        NOT NULL,
    session_id  text        NOT NULL,
    body        bytea       NOT NULL,
    not_before  timestamptz,
    created_at  timestamptz NOT NULL
);
