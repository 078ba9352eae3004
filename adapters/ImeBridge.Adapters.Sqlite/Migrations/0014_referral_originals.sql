-- The bytes each accepted referral was read from, kept with it and keyed by its id (IntakeOriginal.KeptWith in core).
-- Referral ids grow with time, so these rows and their key are appended in arrival order; keyed by SHA-256 in
-- intake_originals, every referral wrote one more page of that index at a random place. Rejections keep their bytes in
-- intake_originals as before, and so do the referrals accepted before this migration.
CREATE TABLE referral_originals (
    referral_id  TEXT    NOT NULL PRIMARY KEY REFERENCES referrals (referral_id),
    sha256       TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    size         INTEGER NOT NULL,
    content      BLOB    NOT NULL
);
