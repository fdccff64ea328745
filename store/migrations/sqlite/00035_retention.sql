-- +goose Up
-- Retention (issue 14 §7): a decided or withdrawn case is kept until the
-- date its result's retention period gives (keep_until, set when it ends);
-- a legal hold (its reason, and since when) stops the clock. A daily job
-- proposes the mission's cases past their date for destruction, one open
-- list a mission; a consul approves the list, and destruction removes the
-- case's personal data and files, keeping only what the destruction
-- record needs.
ALTER TABLE applications ADD COLUMN keep_until INTEGER;
ALTER TABLE applications ADD COLUMN legal_hold TEXT NOT NULL DEFAULT '';
ALTER TABLE applications ADD COLUMN hold_since INTEGER;
ALTER TABLE applications ADD COLUMN destroyed_at INTEGER;
CREATE INDEX applications_due ON applications (mission_id, keep_until) WHERE destroyed_at IS NULL;

CREATE TABLE destruction_lists (
    id          INTEGER PRIMARY KEY,
    mission_id  TEXT NOT NULL,
    proposed_at INTEGER NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('proposed', 'approved')),
    approved_at INTEGER,
    approved_by TEXT NOT NULL DEFAULT ''
);
-- One list waits for a consul at a time, per mission.
CREATE UNIQUE INDEX destruction_lists_open ON destruction_lists (mission_id) WHERE status = 'proposed';

CREATE TABLE destruction_items (
    list_id        INTEGER NOT NULL REFERENCES destruction_lists (id),
    application_id INTEGER NOT NULL REFERENCES applications (id),
    reference      TEXT NOT NULL,
    case_type      TEXT NOT NULL,
    stage          TEXT NOT NULL,
    keep_until     INTEGER NOT NULL,
    -- when it was destroyed; NULL if a hold took it off the list first
    destroyed_at   INTEGER,
    PRIMARY KEY (list_id, application_id)
);

-- +goose Down
DROP TABLE destruction_items;
DROP TABLE destruction_lists;
DROP INDEX applications_due;
ALTER TABLE applications DROP COLUMN destroyed_at;
ALTER TABLE applications DROP COLUMN hold_since;
ALTER TABLE applications DROP COLUMN legal_hold;
ALTER TABLE applications DROP COLUMN keep_until;
