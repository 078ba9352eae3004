-- Every outbound message (SMS, email, webhook, FHIR write), claimed before the provider is called and updated after,
-- so a handler that runs twice (in any process) finds the first run's record instead of sending again.
-- seq keeps insertion order for ties on created_at.
CREATE TABLE outbound_messages (
    message_id  text        NOT NULL PRIMARY KEY,
    seq         bigint      GENERATED ALWAYS AS IDENTITY,
    channel     text        NOT NULL,
    referral_id text        NOT NULL,
    purpose     text        NOT NULL,
    recipient   text        NOT NULL,
    status      text        NOT NULL,
    provider_id text,
    detail      text,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);
CREATE INDEX outbound_messages_by_referral ON outbound_messages (referral_id, created_at, seq);
CREATE INDEX outbound_messages_by_provider ON outbound_messages (channel, provider_id) WHERE provider_id IS NOT NULL;
CREATE INDEX outbound_messages_by_recipient ON outbound_messages (channel, recipient, created_at, seq);

-- What operators must act on; ids, kinds and codes only.
CREATE TABLE operator_alerts (
    key         text        NOT NULL PRIMARY KEY,
    kind        text        NOT NULL,
    referral_id text,
    detail      text        NOT NULL,
    raised_at   timestamptz NOT NULL,
    resolved_at timestamptz
);
CREATE INDEX operator_alerts_open ON operator_alerts (raised_at) WHERE resolved_at IS NULL;
CREATE INDEX operator_alerts_by_raised ON operator_alerts (raised_at);
