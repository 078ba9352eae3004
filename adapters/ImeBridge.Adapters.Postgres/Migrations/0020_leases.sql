-- Named, expiring leases shared by every process on this database: one SFTP poll of a partner at a time, and the like.
CREATE TABLE leases (
    name       text        NOT NULL PRIMARY KEY,
    owner      text        NOT NULL,
    expires_at timestamptz NOT NULL
);
