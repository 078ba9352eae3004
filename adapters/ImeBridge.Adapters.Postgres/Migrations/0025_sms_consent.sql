-- The SMS consent ledger: every opt-in and opt-out per phone number, appended and never deleted.
-- The current state of a number is its latest event (highest seq).
CREATE TABLE sms_consent_events (
    seq               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    phone             text        NOT NULL,
    kind              text        NOT NULL CHECK (kind IN ('opt-in', 'opt-out')),
    keyword           text        NOT NULL,
    at                timestamptz NOT NULL,
    source_message_id text,
    recorded_at       timestamptz NOT NULL
);
CREATE INDEX sms_consent_events_by_phone ON sms_consent_events (phone, seq);
-- A provider retrying the same callback records one event.
CREATE UNIQUE INDEX sms_consent_events_by_source ON sms_consent_events (phone, kind, source_message_id) WHERE source_message_id IS NOT NULL;
