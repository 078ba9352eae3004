-- Durable named checkpoints: a partner's polling watermark and the like. Values are opaque text.
CREATE TABLE checkpoints (
    key        text        NOT NULL PRIMARY KEY,
    value      text        NOT NULL,
    updated_at timestamptz NOT NULL
);
