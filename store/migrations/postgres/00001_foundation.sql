-- +goose Up
CREATE TABLE sources (
    id         TEXT PRIMARY KEY,
    title      TEXT NOT NULL,
    publisher  TEXT NOT NULL DEFAULT '',
    published  TEXT NOT NULL DEFAULT '',
    url        TEXT NOT NULL DEFAULT '',
    language   TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT ''
);

CREATE TABLE missions (
    id             TEXT PRIMARY KEY,
    country        TEXT NOT NULL CHECK (length(country) = 2),
    host           TEXT NOT NULL CHECK (length(host) = 2),
    kind           TEXT NOT NULL CHECK (kind IN ('embassy','consulate_general','consulate','office')),
    name           TEXT NOT NULL,
    city           TEXT NOT NULL,
    time_zone      TEXT NOT NULL,
    address        TEXT NOT NULL DEFAULT '{}',
    phone          TEXT NOT NULL DEFAULT '',
    email          TEXT NOT NULL DEFAULT '',
    website        TEXT NOT NULL DEFAULT '',
    hours          TEXT NOT NULL DEFAULT '{}',
    opened_on      TEXT NOT NULL DEFAULT '',
    head_name      TEXT NOT NULL DEFAULT '{}',
    head_title     TEXT NOT NULL DEFAULT '{}',
    head_since     TEXT NOT NULL DEFAULT '',
    head_as_of     TEXT NOT NULL DEFAULT '',
    district_known BOOLEAN NOT NULL DEFAULT FALSE,
    notes          TEXT NOT NULL DEFAULT '{}',
    updated_at BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE mission_citations (
    mission_id TEXT NOT NULL REFERENCES missions(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    source_id  TEXT NOT NULL REFERENCES sources(id),
    quote      TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (mission_id, position)
);

CREATE TABLE memberships (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mission_id  TEXT NOT NULL REFERENCES missions(id) ON DELETE CASCADE,
    subdivision TEXT NOT NULL,
    valid_from  TEXT NOT NULL,
    valid_to    TEXT NOT NULL DEFAULT '',
    UNIQUE (mission_id, subdivision, valid_from),
    CHECK (valid_to = '' OR valid_to >= valid_from)
);

CREATE TABLE claims (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    mission_id   TEXT NOT NULL REFERENCES missions(id) ON DELETE CASCADE,
    source_id    TEXT NOT NULL REFERENCES sources(id),
    quote        TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    subdivisions TEXT NOT NULL DEFAULT '',
    readings     TEXT NOT NULL DEFAULT '[]',
    UNIQUE (mission_id, source_id, quote)
);

CREATE TABLE fees (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    destination TEXT NOT NULL,
    applicant   TEXT NOT NULL,
    visa_type   TEXT NOT NULL,
    entries     TEXT NOT NULL DEFAULT '',
    amount      TEXT NOT NULL,
    currency    TEXT NOT NULL CHECK (length(currency) = 3),
    valid_from  TEXT NOT NULL,
    valid_to    TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL,
    UNIQUE (destination, applicant, visa_type, entries, valid_from)
);

CREATE TABLE visa_free_airport (
    nationality TEXT PRIMARY KEY CHECK (length(nationality) = 2)
);

CREATE TABLE users (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin','consul','officer')),
    created_at BIGINT NOT NULL,
    disabled      BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE rate_limits (
    bucket       TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    hits         INTEGER NOT NULL,
    PRIMARY KEY (bucket, window_start)
);

CREATE TABLE audit_log (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at BIGINT NOT NULL,
    user_id    BIGINT,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    before     TEXT NOT NULL DEFAULT '',
    after      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE dataset_imports (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version     TEXT NOT NULL,
    checksum    TEXT NOT NULL,
    imported_at BIGINT NOT NULL,
    changes     INTEGER NOT NULL
);

-- +goose Down
DROP TABLE dataset_imports;
DROP TABLE audit_log;
DROP TABLE rate_limits;
DROP TABLE sessions;
DROP TABLE users;
DROP TABLE visa_free_airport;
DROP TABLE fees;
DROP TABLE claims;
DROP TABLE memberships;
DROP TABLE mission_citations;
DROP TABLE missions;
DROP TABLE sources;
