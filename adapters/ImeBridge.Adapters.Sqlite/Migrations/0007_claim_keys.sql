-- The claim key: SHA-256 of the normalized claim number, claimant last name and date of birth (ClaimKey in core),
-- never the values. NULL for a referral without all three, and for referrals accepted before this migration.
-- Triage looks up an open referral for the same claim and claimant by it, across partners.
ALTER TABLE referrals ADD COLUMN claim_key TEXT;
CREATE INDEX ix_referrals_claim_key ON referrals (claim_key) WHERE claim_key IS NOT NULL;
