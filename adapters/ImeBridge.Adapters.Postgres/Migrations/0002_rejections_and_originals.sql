-- Rejected inputs, kept with every reason so an operator can fix and replay them.
CREATE TABLE rejections (
    rejection_id          text        NOT NULL PRIMARY KEY,
    at                    timestamptz NOT NULL,
    channel               text        NOT NULL,
    partner_id            text,
    delivery_id           text,
    original_sha256       text,
    original_size         bigint,
    original_content_type text,
    original_store_ref    text,
    errors_json           text        NOT NULL,
    replayed_referral_id  text,
    replayed_at           timestamptz
);

CREATE INDEX ix_rejections_at ON rejections (at DESC, rejection_id DESC);
-- A delivery refused once is kept once, even when two processes refuse it at the same moment.
CREATE UNIQUE INDEX ux_rejections_delivery ON rejections (partner_id, delivery_id) WHERE partner_id IS NOT NULL AND delivery_id IS NOT NULL;

-- Every intake's bytes exactly as received, content-addressed, written in the same transaction as the referral or rejection.
CREATE TABLE intake_originals (
    sha256       text        NOT NULL PRIMARY KEY,
    content_type text        NOT NULL,
    size         bigint      NOT NULL,
    stored_at    timestamptz NOT NULL,
    content      bytea       NOT NULL
);
