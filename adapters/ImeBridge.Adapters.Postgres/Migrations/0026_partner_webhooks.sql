-- Partners' webhook subscriptions (from configuration and the operator API). The secret is stored to sign with and never returned.
CREATE TABLE webhook_subscriptions (
    subscription_id text        NOT NULL PRIMARY KEY,
    partner_id      text        NOT NULL,
    url             text        NOT NULL,
    secret          text        NOT NULL,
    events          jsonb       NOT NULL, -- JSON array of event types, or ["*"]
    full_payload    boolean     NOT NULL,
    enabled         boolean     NOT NULL,
    source          text        NOT NULL, -- config | api
    disabled_reason text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX webhook_subscriptions_partner ON webhook_subscriptions (partner_id);

-- One event on its way to one subscription; its thin data (ids and states, no PHI) is kept for replay.
-- data is json, not jsonb, so its keys come back in the order they were written (a replay signs the same body).
CREATE TABLE webhook_deliveries (
    delivery_id       text        NOT NULL PRIMARY KEY,
    seq               bigint      GENERATED ALWAYS AS IDENTITY,
    subscription_id   text        NOT NULL,
    event_id          text        NOT NULL,
    event_type        text        NOT NULL,
    referral_id       text        NOT NULL,
    partner_id        text        NOT NULL,
    occurred_at       timestamptz NOT NULL,
    data              json        NOT NULL,
    ledger_message_id text,
    status            text        NOT NULL,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL
);
CREATE INDEX webhook_deliveries_subscription ON webhook_deliveries (subscription_id, created_at);
CREATE INDEX webhook_deliveries_referral ON webhook_deliveries (referral_id, created_at);
CREATE INDEX webhook_deliveries_created ON webhook_deliveries (created_at, seq);

-- Every POST to a partner's endpoint.
CREATE TABLE webhook_attempts (
    delivery_id text        NOT NULL,
    attempt     integer     NOT NULL,
    at          timestamptz NOT NULL,
    http_status integer,
    error_kind  text,
    duration_ms bigint      NOT NULL,
    outcome     text        NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);
