-- Named, expiring leases: one SFTP poll of a partner at a time across instances, and the like.
CREATE TABLE leases (
    name       TEXT    NOT NULL PRIMARY KEY,
    owner      TEXT    NOT NULL,
    expires_at INTEGER NOT NULL
);

-- A delivery refused once is not kept twice (a batch file re-read after a crash, a webhook retried).
-- Not unique: databases from before this migration may hold repeats.
CREATE INDEX ix_rejections_delivery ON rejections (partner_id, delivery_id) WHERE delivery_id IS NOT NULL;
