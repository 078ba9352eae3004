-- The expert (IME examiner) directory: each expert as JSON, with the columns and side tables its lookups need.
CREATE TABLE experts (
    expert_id   TEXT    NOT NULL PRIMARY KEY,
    npi         TEXT    NOT NULL,
    active      INTEGER NOT NULL,
    expert_json TEXT    NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE UNIQUE INDEX experts_by_npi ON experts (npi);
CREATE INDEX experts_by_active ON experts (active);

CREATE TABLE expert_licensed_states (
    expert_id TEXT NOT NULL REFERENCES experts (expert_id) ON DELETE CASCADE,
    state     TEXT NOT NULL,
    PRIMARY KEY (expert_id, state)
) WITHOUT ROWID;
CREATE INDEX expert_licensed_states_by_state ON expert_licensed_states (state, expert_id);

CREATE TABLE expert_specialties (
    expert_id     TEXT NOT NULL REFERENCES experts (expert_id) ON DELETE CASCADE,
    taxonomy_code TEXT NOT NULL,
    PRIMARY KEY (expert_id, taxonomy_code)
) WITHOUT ROWID;
CREATE INDEX expert_specialties_by_code ON expert_specialties (taxonomy_code, expert_id);
