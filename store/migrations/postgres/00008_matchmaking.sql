-- +goose Up
-- Business matchmaking (package matchmaking). A profile is what one entity
-- of the record (an organisation, or a region or group) offers and seeks,
-- by HS section; each section is a row of match_sectors, so that a section
-- is declared once per side and the sections of every profile are read in
-- one indexed pass.
CREATE TABLE match_profiles (
    entity_kind TEXT NOT NULL DEFAULT 'entity' CHECK (entity_kind = 'entity'),
    entity_id   TEXT NOT NULL PRIMARY KEY CHECK (length(entity_id) BETWEEN 1 AND 80),
    country     TEXT NOT NULL CHECK (country IN ('BY', 'CN')),
    detail      TEXT NOT NULL DEFAULT '{}',
    citations   TEXT NOT NULL DEFAULT '[]',
    updated_by  TEXT NOT NULL DEFAULT '',
    updated_at  BIGINT NOT NULL,
    FOREIGN KEY (entity_kind, entity_id) REFERENCES coop_records (kind, id) ON DELETE CASCADE
);

CREATE TABLE match_sectors (
    entity_id TEXT NOT NULL REFERENCES match_profiles (entity_id) ON DELETE CASCADE,
    side      TEXT NOT NULL CHECK (side IN ('offer', 'seek')),
    section   INTEGER NOT NULL CHECK (section BETWEEN 1 AND 21),
    PRIMARY KEY (entity_id, side, section)
);
CREATE INDEX match_sectors_section ON match_sectors (section, side);

-- Staff's decisions on suggested pairs. A pair is named once, a before b;
-- a pair with no row has never been decided on. Undoing a decision keeps
-- the row, back at 'suggested', with who undid it and when.
CREATE TABLE match_suggestions (
    a          TEXT NOT NULL REFERENCES match_profiles (entity_id) ON DELETE CASCADE,
    b          TEXT NOT NULL REFERENCES match_profiles (entity_id) ON DELETE CASCADE,
    status     TEXT NOT NULL CHECK (status IN ('suggested', 'accepted', 'dismissed')),
    decided_by TEXT NOT NULL,
    decided_at BIGINT NOT NULL,
    PRIMARY KEY (a, b),
    CHECK (a < b)
);

-- Introductions staff made between two organisations, and what came of them.
-- One introduction of a pair per day.
CREATE TABLE match_introductions (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    a          TEXT NOT NULL REFERENCES match_profiles (entity_id) ON DELETE CASCADE,
    b          TEXT NOT NULL REFERENCES match_profiles (entity_id) ON DELETE CASCADE,
    day        TEXT NOT NULL CHECK (length(day) = 10),
    note       TEXT NOT NULL DEFAULT '',
    outcome    TEXT NOT NULL CHECK (outcome IN ('pending', 'meeting_held', 'agreement_signed', 'no_interest')),
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (a, b, day),
    CHECK (a < b)
);

-- +goose Down
DROP TABLE match_introductions;
DROP TABLE match_suggestions;
DROP TABLE match_sectors;
DROP TABLE match_profiles;
