-- Proof of service: one row per recipient of each approved report (keyed by the ledger's message id), with how it was
-- sent and the receipt that came back. The address is PHI: stored here, masked in answers, never logged. The report
-- link's id is kept, never its token.
CREATE TABLE report_service (
    message_id      TEXT    NOT NULL PRIMARY KEY,
    referral_id     TEXT    NOT NULL,
    report_sha256   TEXT    NOT NULL,
    report_version  INTEGER NOT NULL,
    role            TEXT    NOT NULL,
    role_index      INTEGER NOT NULL,
    name            TEXT,
    organization    TEXT,
    channel         TEXT,
    address         TEXT,
    required        INTEGER NOT NULL,
    status          TEXT    NOT NULL,
    planned_at      INTEGER NOT NULL,
    sent_at         INTEGER,
    receipt_at      INTEGER,
    receipt_kind    TEXT,
    provider_id     TEXT,
    detail          TEXT,
    link_id         TEXT,
    link_expires_at INTEGER,
    downloaded_at   INTEGER
);
CREATE INDEX report_service_by_referral ON report_service (referral_id, planned_at);
CREATE UNIQUE INDEX report_service_by_link ON report_service (link_id) WHERE link_id IS NOT NULL;
