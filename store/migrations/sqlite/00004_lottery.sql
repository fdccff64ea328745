-- +goose Up
-- Lottery releases: requests for a scarce slot are collected while the
-- release is open and drawn at random after it closes, one place per
-- identity, from a seed recorded with the draw so it can be audited.
CREATE TABLE releases (
    id         INTEGER PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES services(id),
    starts_at  INTEGER NOT NULL,
    ends_at    INTEGER NOT NULL,
    opens_at   INTEGER NOT NULL,
    closes_at  INTEGER NOT NULL CHECK (closes_at > opens_at),
    seed       TEXT NOT NULL DEFAULT '',
    drawn_at   INTEGER,
    created_at INTEGER NOT NULL
);

-- Every request is kept, repeats included, so the statistics can tell
-- requests from the people behind them.
CREATE TABLE release_requests (
    id          INTEGER PRIMARY KEY,
    release_id  INTEGER NOT NULL REFERENCES releases(id) ON DELETE CASCADE,
    identity    TEXT NOT NULL,
    name        TEXT NOT NULL,
    email       TEXT NOT NULL,
    phone       TEXT NOT NULL,
    passport    TEXT NOT NULL DEFAULT '',
    lang        TEXT NOT NULL DEFAULT 'en',
    created_at  INTEGER NOT NULL,
    outcome     TEXT NOT NULL DEFAULT 'waiting' CHECK (outcome IN ('waiting', 'won', 'lost')),
    reference   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX release_requests_release ON release_requests (release_id, identity);

-- +goose Down
DROP TABLE release_requests;
DROP TABLE releases;
