-- Report recipients an operator served by hand (mail, fax, a portal …): the operator's name as the certificate of
-- service shows it. NULL for every delivery ImeBridge sent itself. An operator's attempts to serve a recipient again
-- are rows of their own (same referral, report, role and ordinal; a message id of their own), so nothing else changes.
ALTER TABLE report_service ADD COLUMN served_by text;
