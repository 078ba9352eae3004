-- Partners' webhook subscriptions (from configuration and the operator API). The secret is stored to sign with and never returned.
CREATE TABLE webhook_subscriptions (
    subscription_id TEXT    NOT NULL PRIMARY KEY,
    partner_id      TEXT    NOT NULL,
    url             TEXT    NOT NULL,
    secret          TEXT    NOT NULL,
    events          TEXT    NOT NULL, -- JSON array of event types, or ["*"]
    full_payload    INTEGER NOT NULL,
    enabled         INTEGER NOT NULL,
    source          TEXT    NOT NULL, -- config | api
    disabled_reason TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX webhook_subscriptions_partner ON webhook_subscriptions (partner_id);

-- One event on its way to one subscription; its thin data (ids and states, no PHI) is kept for replay.
CREATE TABLE webhook_deliveries (
    delivery_id       TEXT    NOT NULL PRIMARY KEY,
    subscription_id   TEXT    NOT NULL,
    event_id          TEXT    NOT NULL,
    event_type        TEXT    NOT NULL,
    referral_id       TEXT    NOT NULL,
    partner_id        TEXT    NOT NULL,
    occurred_at       INTEGER NOT NULL,
    data              TEXT    NOT NULL,
    ledger_message_id TEXT,
    status            TEXT    NOT NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);
CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries (subscription_id, created_at);
CREATE INDEX webhook_deliveries_referral ON webhook_deliveries (referral_id, created_at);

-- Every POST to a partner's endpoint.
CREATE TABLE webhook_attempts (
    delivery_id TEXT    NOT NULL,
    attempt     INTEGER NOT NULL,
    at          INTEGER NOT NULL,
    http_status INTEGER,
    error_kind  TEXT,
    duration_ms INTEGER NOT NULL,
    outcome     TEXT    NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);
