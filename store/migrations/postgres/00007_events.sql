-- +goose Up
-- Registration for the relationship's events (package events). Each
-- registrable event is a record event (coop_records, kind 'event') with
-- the settings registration needs. Its counters are promises the database
-- keeps: a CHECK that places taken never pass the capacity, a conditional
-- update in the registration transaction, and a unique index that lets a
-- person hold one active registration per event.
CREATE TABLE event_registrations (
    kind          TEXT NOT NULL DEFAULT 'event' CHECK (kind = 'event'),
    event_id      TEXT NOT NULL PRIMARY KEY,
    mission_id    TEXT NOT NULL REFERENCES missions(id),
    starts_at     BIGINT NOT NULL,
    ends_at       BIGINT NOT NULL CHECK (ends_at > starts_at),
    venue         TEXT NOT NULL,
    capacity      INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 10000),
    registered    INTEGER NOT NULL DEFAULT 0 CHECK (registered >= 0),
    waiting       INTEGER NOT NULL DEFAULT 0 CHECK (waiting >= 0),
    next_position INTEGER NOT NULL DEFAULT 0,
    waitlist      BOOLEAN NOT NULL DEFAULT FALSE,
    opens_at      BIGINT NOT NULL,
    closes_at     BIGINT NOT NULL CHECK (closes_at > opens_at),
    is_open       BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at    BIGINT NOT NULL,
    CHECK (registered <= capacity),
    FOREIGN KEY (kind, event_id) REFERENCES coop_records (kind, id)
);

CREATE TABLE registrations (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reference  TEXT NOT NULL UNIQUE,
    event_id   TEXT NOT NULL REFERENCES event_registrations(event_id),
    status     TEXT NOT NULL CHECK (status IN ('registered', 'waitlisted', 'cancelled', 'checked_in')),
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    email      TEXT NOT NULL,
    email_norm TEXT NOT NULL,
    lang       TEXT NOT NULL DEFAULT 'en',
    token_hash TEXT NOT NULL,
    sequence   INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (event_id, position)
);
-- One person holds at most one active registration per event.
CREATE UNIQUE INDEX registrations_one_per_email ON registrations (event_id, email_norm)
    WHERE status IN ('registered', 'waitlisted', 'checked_in');
-- The waiting list, in order.
CREATE INDEX registrations_waiting ON registrations (event_id, position) WHERE status = 'waitlisted';

-- +goose Down
DROP TABLE registrations;
DROP TABLE event_registrations;
