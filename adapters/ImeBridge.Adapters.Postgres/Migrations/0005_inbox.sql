-- Messages a consumer has handled (message id and type), so a redelivery is completed without running its handler again.
CREATE TABLE processed_messages (
    message_id   text        NOT NULL,
    type         text        NOT NULL,
    processed_at timestamptz NOT NULL,
    PRIMARY KEY (message_id, type)
);

CREATE INDEX ix_processed_messages_at ON processed_messages (processed_at);
