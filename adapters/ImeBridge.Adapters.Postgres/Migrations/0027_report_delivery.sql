-- Proof of service: one row per recipient of each approved report (keyed by the ledger's message id), with how it was
-- sent and the receipt that came back. The address is PHI: stored here, masked in answers, never logged. The report
-- link's id is kept, never its token. seq keeps insertion order for ties on planned_at.
CREATE TABLE report_service (
    message_id      text        NOT NULL PRIMARY KEY,
    seq             bigint      GENERATED ALWAYS AS IDENTITY,
    referral_id     text        NOT NULL,
    report_sha256   text        NOT NULL,
    report_version  integer     NOT NULL,
    role            text        NOT NULL,
    role_index      integer     NOT NULL,
    name            text,
    organization    text,
    channel         text,
    address         text,
    required        boolean     NOT NULL,
    status          text        NOT NULL,
    planned_at      timestamptz NOT NULL,
    sent_at         timestamptz,
    receipt_at      timestamptz,
    receipt_kind    text,
    provider_id     text,
    detail          text,
    link_id         text,
    link_expires_at timestamptz,
    downloaded_at   timestamptz
);
CREATE INDEX report_service_by_referral ON report_service (referral_id, planned_at, seq);
CREATE UNIQUE INDEX report_service_by_link ON report_service (link_id) WHERE link_id IS NOT NULL;
