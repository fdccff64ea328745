-- +goose Up
-- A mission's case types (casework.CaseType), kept in versions: a change
-- saved by staff adds a version and never rewrites one, so a case keeps
-- the version it was started with. body is the case type as JSON.
CREATE TABLE case_types (
    mission_id TEXT NOT NULL REFERENCES missions (id),
    id         TEXT NOT NULL,
    version    INTEGER NOT NULL CHECK (version >= 1),
    body       TEXT NOT NULL,
    position   INTEGER NOT NULL, -- the order the mission lists its case types in
    created_at INTEGER NOT NULL,
    PRIMARY KEY (mission_id, id, version)
);

-- +goose Down
DROP TABLE case_types;
