-- +goose Up
-- Appointments: mission calendars, services, slots with their capacity,
-- bookings, and idempotency records. Capacity, uniqueness and idempotency
-- are promises the database keeps: CHECK constraints on the counters,
-- unique indexes, and conditional updates in the booking transaction.

CREATE TABLE office_hours (
    mission_id TEXT NOT NULL REFERENCES missions(id) ON DELETE CASCADE,
    weekday    INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
    opens      TEXT NOT NULL,
    closes     TEXT NOT NULL CHECK (opens < closes),
    PRIMARY KEY (mission_id, weekday, opens)
);

CREATE TABLE observed_calendars (
    mission_id TEXT NOT NULL REFERENCES missions(id) ON DELETE CASCADE,
    country    TEXT NOT NULL CHECK (length(country) = 2),
    PRIMARY KEY (mission_id, country)
);

CREATE TABLE closures (
    mission_id TEXT NOT NULL REFERENCES missions(id) ON DELETE CASCADE,
    day        TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (mission_id, day)
);

-- Official holiday schedules, one row a day; a year present here replaces
-- the computed (provisional) days of that country and year.
CREATE TABLE holiday_schedules (
    country TEXT NOT NULL CHECK (length(country) = 2),
    year    INTEGER NOT NULL,
    source  TEXT NOT NULL,
    PRIMARY KEY (country, year)
);
CREATE TABLE holidays (
    country TEXT NOT NULL,
    year    INTEGER NOT NULL,
    day     TEXT NOT NULL,
    kind    TEXT NOT NULL CHECK (kind IN ('off', 'work')),
    name    TEXT NOT NULL,
    PRIMARY KEY (country, day),
    FOREIGN KEY (country, year) REFERENCES holiday_schedules(country, year) ON DELETE CASCADE
);

CREATE TABLE services (
    id               TEXT PRIMARY KEY,
    mission_id       TEXT NOT NULL REFERENCES missions(id) ON DELETE CASCADE,
    name             TEXT NOT NULL,
    duration_min     INTEGER NOT NULL CHECK (duration_min BETWEEN 5 AND 480),
    capacity         INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
    window_days      INTEGER NOT NULL CHECK (window_days BETWEEN 1 AND 366),
    min_notice_hours INTEGER NOT NULL CHECK (min_notice_hours BETWEEN 0 AND 720),
    daily_quota      INTEGER NOT NULL DEFAULT 0 CHECK (daily_quota >= 0),
    needs_passport   BOOLEAN NOT NULL DEFAULT FALSE,
    verify_email     BOOLEAN NOT NULL DEFAULT FALSE,
    mode             TEXT NOT NULL DEFAULT 'open' CHECK (mode IN ('open', 'lottery')),
    active           BOOLEAN NOT NULL DEFAULT TRUE,
    position         INTEGER NOT NULL DEFAULT 0
);

-- A slot row exists once someone books or staff hold capacity in it.
CREATE TABLE slots (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES services(id) ON DELETE CASCADE,
    starts_at  BIGINT NOT NULL,
    ends_at    BIGINT NOT NULL CHECK (ends_at > starts_at),
    capacity   INTEGER NOT NULL CHECK (capacity >= 0),
    held       INTEGER NOT NULL DEFAULT 0 CHECK (held >= 0),
    booked     INTEGER NOT NULL DEFAULT 0 CHECK (booked >= 0),
    CHECK (held + booked <= capacity),
    UNIQUE (service_id, starts_at)
);

CREATE TABLE service_days (
    service_id TEXT NOT NULL REFERENCES services(id) ON DELETE CASCADE,
    day        TEXT NOT NULL,
    quota      INTEGER NOT NULL CHECK (quota >= 0),
    booked     INTEGER NOT NULL DEFAULT 0 CHECK (booked >= 0),
    CHECK (booked <= quota),
    PRIMARY KEY (service_id, day)
);

CREATE TABLE bookings (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reference     TEXT NOT NULL UNIQUE,
    service_id    TEXT NOT NULL REFERENCES services(id),
    slot_id       BIGINT NOT NULL REFERENCES slots(id),
    status        TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'cancelled', 'checked_in', 'no_show')),
    name          TEXT NOT NULL,
    email         TEXT NOT NULL,
    email_norm    TEXT NOT NULL,
    phone         TEXT NOT NULL,
    passport      TEXT NOT NULL DEFAULT '',
    day           TEXT NOT NULL,
    lang          TEXT NOT NULL DEFAULT 'en',
    token_hash    TEXT NOT NULL,
    sequence      INTEGER NOT NULL DEFAULT 0,
    created_at    BIGINT NOT NULL,
    updated_at    BIGINT NOT NULL
);
CREATE INDEX bookings_slot ON bookings (slot_id);
-- One person holds at most one active booking per service.
CREATE UNIQUE INDEX bookings_one_per_email ON bookings (service_id, email_norm) WHERE status IN ('pending', 'confirmed');
CREATE UNIQUE INDEX bookings_one_per_passport ON bookings (service_id, passport) WHERE status IN ('pending', 'confirmed') AND passport <> '';

-- A retried POST with the same Idempotency-Key gets the first answer.
CREATE TABLE idempotency_keys (
    key          TEXT PRIMARY KEY,
    request_hash TEXT NOT NULL,
    status       INTEGER NOT NULL,
    body         TEXT NOT NULL,
    created_at   BIGINT NOT NULL
);

-- Mail waiting to go out, and what went out. Nothing is lost: without SMTP
-- configured the messages stay here for staff to read; a failed send is
-- retried later and its error is kept.
CREATE TABLE outbox (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    booking_id      BIGINT REFERENCES bookings(id),
    kind            TEXT NOT NULL,
    sequence        INTEGER NOT NULL DEFAULT 0,
    to_addr         TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    ics             TEXT NOT NULL DEFAULT '',
    ics_method      TEXT NOT NULL DEFAULT '',
    created_at      BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    claimed_until   BIGINT NOT NULL DEFAULT 0,
    attempts        INTEGER NOT NULL DEFAULT 0,
    sent_at         BIGINT,
    last_error      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL;
-- One message of each kind per booking and calendar sequence: a reminder
-- job run by several instances sends one reminder.
CREATE UNIQUE INDEX outbox_once ON outbox (booking_id, kind, sequence) WHERE booking_id IS NOT NULL;

-- +goose Down
DROP TABLE outbox;
DROP TABLE idempotency_keys;
DROP TABLE bookings;
DROP TABLE service_days;
DROP TABLE slots;
DROP TABLE services;
DROP TABLE holidays;
DROP TABLE holiday_schedules;
DROP TABLE closures;
DROP TABLE observed_calendars;
DROP TABLE office_hours;
