-- Durable named checkpoints: a partner's polling watermark and the like. Values are opaque text.
CREATE TABLE checkpoints (
    key        TEXT    NOT NULL PRIMARY KEY,
    value      TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
);
