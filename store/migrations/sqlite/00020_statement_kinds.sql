-- +goose Up
-- Sources say what their date is (published, page_dated, undated) and which
-- source they are a version of (counted once when support is weighed). A
-- mission's citation and a claim are either sourced (a source and a quote,
-- with an optional translation) or set by the mission (no source: a note
-- says what the mission set). SQLite cannot drop a NOT NULL, so the two
-- tables are rebuilt, keeping their rows as sourced statements.
ALTER TABLE sources ADD COLUMN date_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN version_of TEXT NOT NULL DEFAULT '';

CREATE TABLE mission_citations_kinds (
    mission_id  TEXT NOT NULL REFERENCES missions(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    source_id   TEXT REFERENCES sources(id),
    quote       TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL DEFAULT 'sourced',
    translation TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (mission_id, position),
    CHECK (kind IN ('sourced', 'set_by_mission')),
    CHECK ((kind = 'sourced') = (source_id IS NOT NULL))
);
INSERT INTO mission_citations_kinds (mission_id, position, source_id, quote, note)
    SELECT mission_id, position, source_id, quote, note FROM mission_citations;
DROP TABLE mission_citations;
ALTER TABLE mission_citations_kinds RENAME TO mission_citations;

CREATE TABLE claims_kinds (
    id           INTEGER PRIMARY KEY,
    mission_id   TEXT NOT NULL REFERENCES missions(id) ON DELETE CASCADE,
    source_id    TEXT REFERENCES sources(id),
    quote        TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    subdivisions TEXT NOT NULL DEFAULT '',
    readings     TEXT NOT NULL DEFAULT '[]',
    kind         TEXT NOT NULL DEFAULT 'sourced',
    translation  TEXT NOT NULL DEFAULT '',
    UNIQUE (mission_id, source_id, quote),
    CHECK (kind IN ('sourced', 'set_by_mission')),
    CHECK ((kind = 'sourced') = (source_id IS NOT NULL))
);
INSERT INTO claims_kinds (id, mission_id, source_id, quote, note, subdivisions, readings)
    SELECT id, mission_id, source_id, quote, note, subdivisions, readings FROM claims;
DROP TABLE claims;
ALTER TABLE claims_kinds RENAME TO claims;

-- +goose Down
DELETE FROM mission_citations WHERE kind <> 'sourced';
DELETE FROM claims WHERE kind <> 'sourced';
CREATE TABLE mission_citations_kinds (
    mission_id TEXT NOT NULL REFERENCES missions(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    source_id  TEXT NOT NULL REFERENCES sources(id),
    quote      TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (mission_id, position)
);
INSERT INTO mission_citations_kinds (mission_id, position, source_id, quote, note)
    SELECT mission_id, position, source_id, quote, note FROM mission_citations;
DROP TABLE mission_citations;
ALTER TABLE mission_citations_kinds RENAME TO mission_citations;
CREATE TABLE claims_kinds (
    id           INTEGER PRIMARY KEY,
    mission_id   TEXT NOT NULL REFERENCES missions(id) ON DELETE CASCADE,
    source_id    TEXT NOT NULL REFERENCES sources(id),
    quote        TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    subdivisions TEXT NOT NULL DEFAULT '',
    readings     TEXT NOT NULL DEFAULT '[]',
    UNIQUE (mission_id, source_id, quote)
);
INSERT INTO claims_kinds (id, mission_id, source_id, quote, note, subdivisions, readings)
    SELECT id, mission_id, source_id, quote, note, subdivisions, readings FROM claims;
DROP TABLE claims;
ALTER TABLE claims_kinds RENAME TO claims;
ALTER TABLE sources DROP COLUMN version_of;
ALTER TABLE sources DROP COLUMN date_kind;
