-- The workflow's case file beside each referral (expert, appointment, documents, reports): JSON, NULL until the first step writes it.
ALTER TABLE referrals ADD COLUMN case_json TEXT;
