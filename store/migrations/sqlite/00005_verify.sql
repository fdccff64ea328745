-- +goose Up
-- Email verification: a booking of a service that asks for it stays
-- pending, holding its place, until the code mailed to the applicant is
-- confirmed, or until verify_by passes and the place goes back. Why a
-- booking ended (withdrawn by its holder, never verified, the mission
-- closed that day) is kept with it.
ALTER TABLE bookings ADD COLUMN verify_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE bookings ADD COLUMN verify_by INTEGER NOT NULL DEFAULT 0;
ALTER TABLE bookings ADD COLUMN cancel_reason TEXT NOT NULL DEFAULT ''
    CHECK (cancel_reason IN ('', 'holder', 'unverified', 'closed'));
CREATE INDEX bookings_unverified ON bookings (verify_by) WHERE status = 'pending';

-- +goose Down
DROP INDEX bookings_unverified;
ALTER TABLE bookings DROP COLUMN cancel_reason;
ALTER TABLE bookings DROP COLUMN verify_by;
ALTER TABLE bookings DROP COLUMN verify_hash;
