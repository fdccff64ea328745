-- +goose Up
-- One person, one place (issue 11, items 1 and 2).
--
-- Lottery entries count only once their address is confirmed: the code
-- mailed to it is kept hashed in verify_hash, and verified_at says when it
-- was confirmed. A person (identity, the key booking.NormalizeEmail makes)
-- has at most one confirmed entry in a release: the database refuses a
-- second, however the address is spelled.
ALTER TABLE release_requests ADD COLUMN verify_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE release_requests ADD COLUMN verified_at INTEGER;
CREATE UNIQUE INDEX release_requests_one_per_person ON release_requests (release_id, identity)
    WHERE verified_at IS NOT NULL;
-- The direct-booking check reads the undrawn releases of a slot.
CREATE INDEX releases_undrawn ON releases (service_id, starts_at) WHERE drawn_at IS NULL;

-- Backfill: the person's key as booking.NormalizeEmail makes it (in small
-- letters, without a +tag, Gmail's dots and googlemail.com folded), for
-- every address kept. The same steps in SQL, one address at a time.
CREATE TEMP TABLE email_keys (e TEXT PRIMARY KEY, k TEXT NOT NULL);
INSERT INTO email_keys (e, k)
WITH a AS (
    SELECT lower(trim(email)) AS e FROM bookings
    UNION SELECT lower(trim(email)) FROM registrations
    UNION SELECT lower(trim(email)) FROM release_requests
), b AS (
    SELECT e, rtrim(e, replace(e, '@', '')) AS p FROM a
), c AS (
    SELECT e, CASE WHEN p = '' THEN e ELSE substr(p, 1, length(p) - 1) END AS local,
        CASE WHEN p = '' THEN NULL ELSE substr(e, length(p) + 1) END AS domain FROM b
), d AS (
    SELECT e, domain, (domain IS NULL OR local LIKE '"%') AS raw,
        CASE WHEN instr(local, '+') > 1 THEN substr(local, 1, instr(local, '+') - 1) ELSE local END AS local FROM c
)
SELECT e, CASE
    WHEN raw THEN e
    WHEN domain IN ('gmail.com', 'googlemail.com') THEN
        CASE WHEN replace(local, '.', '') = '' THEN local ELSE replace(local, '.', '') END || '@gmail.com'
    ELSE local || '@' || domain END
FROM d;

UPDATE release_requests SET identity = (SELECT k FROM email_keys WHERE e = lower(trim(release_requests.email)));

-- Two active bookings (or registrations) that the new key finds to be one
-- person's were both allowed when they were made: they keep their old
-- keys, and every other row takes the new one.
UPDATE bookings SET email_norm = (SELECT k FROM email_keys WHERE e = lower(trim(bookings.email)))
WHERE status NOT IN ('pending', 'confirmed') OR NOT EXISTS (
    SELECT 1 FROM bookings o JOIN email_keys ko ON ko.e = lower(trim(o.email))
    WHERE o.service_id = bookings.service_id AND o.id <> bookings.id AND o.status IN ('pending', 'confirmed')
      AND ko.k = (SELECT k FROM email_keys WHERE e = lower(trim(bookings.email))));

UPDATE registrations SET email_norm = (SELECT k FROM email_keys WHERE e = lower(trim(registrations.email)))
WHERE status NOT IN ('registered', 'waitlisted', 'checked_in') OR NOT EXISTS (
    SELECT 1 FROM registrations o JOIN email_keys ko ON ko.e = lower(trim(o.email))
    WHERE o.event_id = registrations.event_id AND o.id <> registrations.id
      AND o.status IN ('registered', 'waitlisted', 'checked_in')
      AND ko.k = (SELECT k FROM email_keys WHERE e = lower(trim(registrations.email))));

DROP TABLE email_keys;

-- +goose Down
DROP INDEX releases_undrawn;
DROP INDEX release_requests_one_per_person;
ALTER TABLE release_requests DROP COLUMN verified_at;
ALTER TABLE release_requests DROP COLUMN verify_hash;
