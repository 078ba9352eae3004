-- How many times the case was written: a step that updates the case from what it read applies only if nobody wrote the case since.
ALTER TABLE referrals ADD COLUMN case_version INTEGER NOT NULL DEFAULT 0;
