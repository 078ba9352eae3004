-- Every outbound message (SMS, email, webhook, FHIR write), claimed before the provider is called and updated after,
-- so a handler that runs twice finds the first run's record instead of sending again.
CREATE TABLE outbound_messages (
    message_id  TEXT    NOT NULL PRIMARY KEY,
    channel     TEXT    NOT NULL,
    referral_id TEXT    NOT NULL,
    purpose     TEXT    NOT NULL,
    recipient   TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    provider_id TEXT,
    detail      TEXT,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX outbound_messages_by_referral ON outbound_messages (referral_id, created_at);
CREATE INDEX outbound_messages_by_provider ON outbound_messages (channel, provider_id) WHERE provider_id IS NOT NULL;
CREATE INDEX outbound_messages_by_recipient ON outbound_messages (channel, recipient, created_at);

-- What operators must act on; ids, kinds and codes only.
CREATE TABLE operator_alerts (
    key         TEXT    NOT NULL PRIMARY KEY,
    kind        TEXT    NOT NULL,
    referral_id TEXT,
    detail      TEXT    NOT NULL,
    raised_at   INTEGER NOT NULL,
    resolved_at INTEGER
);
CREATE INDEX operator_alerts_open ON operator_alerts (resolved_at, raised_at);
