-- The expert (IME examiner) directory: each expert as JSON, with the columns and side tables its lookups need.
-- revision comes from a sequence and changes on every write, so a process can tell a cached parse is stale even when
-- another process wrote the expert within the same millisecond.
CREATE SEQUENCE experts_revision;

CREATE TABLE experts (
    expert_id   text        NOT NULL PRIMARY KEY,
    npi         text        NOT NULL,
    active      boolean     NOT NULL,
    expert_json jsonb       NOT NULL,
    updated_at  timestamptz NOT NULL,
    revision    bigint      NOT NULL DEFAULT nextval('experts_revision')
);
CREATE UNIQUE INDEX experts_by_npi ON experts (npi);
CREATE INDEX experts_by_active ON experts (active);

CREATE TABLE expert_licensed_states (
    expert_id text NOT NULL REFERENCES experts (expert_id) ON DELETE CASCADE,
    state     text NOT NULL,
    PRIMARY KEY (expert_id, state)
);
CREATE INDEX expert_licensed_states_by_state ON expert_licensed_states (state, expert_id);

CREATE TABLE expert_specialties (
    expert_id     text NOT NULL REFERENCES experts (expert_id) ON DELETE CASCADE,
    taxonomy_code text NOT NULL,
    PRIMARY KEY (expert_id, taxonomy_code)
);
CREATE INDEX expert_specialties_by_code ON expert_specialties (taxonomy_code, expert_id);
