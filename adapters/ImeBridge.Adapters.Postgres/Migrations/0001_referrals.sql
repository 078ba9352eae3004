-- Referral state and its audit timeline. Instants are timestamptz cut to whole milliseconds.
CREATE TABLE referrals (
    referral_id   text        NOT NULL PRIMARY KEY,
    -- The order referrals were accepted, across every process sharing the database.
    accept_seq    bigint      GENERATED ALWAYS AS IDENTITY,
    partner_id    text        NOT NULL,
    external_id   text,
    delivery_id   text,
    -- SHA-256 of the normalized claim number, claimant last name and date of birth (ClaimKey in core), never the values.
    claim_key     text,
    status        text        NOT NULL,
    received_at   timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    referral_json jsonb       NOT NULL,
    case_json     text,
    case_version  bigint      NOT NULL DEFAULT 0
);

-- The dedupe keys: the same delivery, or the same referral, of one partner is stored once, whichever process wins.
CREATE UNIQUE INDEX ux_referrals_partner_delivery ON referrals (partner_id, delivery_id) WHERE delivery_id IS NOT NULL;
CREATE UNIQUE INDEX ux_referrals_partner_external ON referrals (partner_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX ix_referrals_received_at ON referrals (received_at DESC, referral_id DESC);
CREATE INDEX ix_referrals_claim_key ON referrals (claim_key, accept_seq) WHERE claim_key IS NOT NULL;

CREATE TABLE referral_timeline (
    referral_id text        NOT NULL REFERENCES referrals (referral_id),
    seq         integer     NOT NULL,
    at          timestamptz NOT NULL,
    event       text        NOT NULL,
    status      text,
    actor       text,
    message_id  text,
    detail      text,
    PRIMARY KEY (referral_id, seq)
);

-- A message applied to a referral is applied once.
CREATE INDEX ix_referral_timeline_message ON referral_timeline (referral_id, message_id) WHERE message_id IS NOT NULL;
