-- Referral state, audit timeline, rejected inputs and the durable queue, in one database so that
-- accepting a referral and emitting its messages commit together. Instants are Unix milliseconds (UTC).

CREATE TABLE referrals (
    referral_id   TEXT    NOT NULL PRIMARY KEY,
    partner_id    TEXT    NOT NULL,
    external_id   TEXT,
    delivery_id   TEXT,
    status        TEXT    NOT NULL,
    received_at   INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    referral_json TEXT    NOT NULL
);

-- The dedupe keys: the same delivery, or the same referral, of one partner is stored once.
CREATE UNIQUE INDEX ux_referrals_partner_delivery ON referrals (partner_id, delivery_id) WHERE delivery_id IS NOT NULL;
CREATE UNIQUE INDEX ux_referrals_partner_external ON referrals (partner_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX ix_referrals_received_at ON referrals (received_at);

CREATE TABLE referral_timeline (
    referral_id TEXT    NOT NULL REFERENCES referrals (referral_id),
    seq         INTEGER NOT NULL,
    at          INTEGER NOT NULL,
    event       TEXT    NOT NULL,
    status      TEXT,
    actor       TEXT,
    message_id  TEXT,
    detail      TEXT,
    PRIMARY KEY (referral_id, seq)
) WITHOUT ROWID;

CREATE TABLE rejections (
    rejection_id          TEXT    NOT NULL PRIMARY KEY,
    at                    INTEGER NOT NULL,
    channel               TEXT    NOT NULL,
    partner_id            TEXT,
    delivery_id           TEXT,
    original_sha256       TEXT,
    original_size         INTEGER,
    original_content_type TEXT,
    original_store_ref    TEXT,
    errors_json           TEXT    NOT NULL,
    -- Set when an operator replays the input and it becomes a referral (the latest replay wins).
    replayed_referral_id  TEXT,
    replayed_at           INTEGER
);

CREATE INDEX ix_rejections_at ON rejections (at DESC, rejection_id DESC);

-- Every intake's bytes exactly as received, accepted or rejected, content-addressed and written in the
-- same transaction as the referral or rejection made of them.
CREATE TABLE intake_originals (
    sha256       TEXT    NOT NULL UNIQUE,
    content_type TEXT    NOT NULL,
    size         INTEGER NOT NULL,
    stored_at    INTEGER NOT NULL,
    content      BLOB    NOT NULL
);

-- The queue. seq is the sequence number; message_id is unique for duplicate detection, so settled
-- rows stay (state 'done', body emptied). Every hot index is partial on state = 'ready'.
CREATE TABLE queue_messages (
    seq              INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    message_id       TEXT    NOT NULL UNIQUE,
    type             TEXT    NOT NULL,
    session_id       TEXT    NOT NULL,
    body             BLOB    NOT NULL,
    enqueued_at      INTEGER NOT NULL,
    not_before       INTEGER NOT NULL,
    delivery_count   INTEGER NOT NULL DEFAULT 0,
    locked_until     INTEGER NOT NULL DEFAULT 0,
    lock_token       TEXT,
    state            TEXT    NOT NULL DEFAULT 'ready' CHECK (state IN ('ready', 'done', 'dead')),
    settled_at       INTEGER,
    dead_reason      TEXT,
    dead_description TEXT,
    dead_at          INTEGER,
    last_error       TEXT
);

-- Due messages in delivery order.
CREATE INDEX ix_queue_ready_due ON queue_messages (not_before, seq) WHERE state = 'ready';
-- A session's pending messages in delivery order (head of session, session locked?).
CREATE INDEX ix_queue_ready_session ON queue_messages (session_id, not_before, seq) WHERE state = 'ready';
-- Messages handed to a consumer and not settled yet (lock expiry sweep).
CREATE INDEX ix_queue_in_flight ON queue_messages (locked_until) WHERE state = 'ready' AND lock_token IS NOT NULL;
-- The dead-letter queue in the order messages arrived there.
CREATE INDEX ix_queue_dead ON queue_messages (dead_at, seq) WHERE state = 'dead';
