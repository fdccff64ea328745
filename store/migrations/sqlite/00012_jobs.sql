-- +goose Up
-- One lease per background job (sending mail, drawing releases, expiring
-- unverified bookings, queueing reminders): the instance that holds it
-- runs the job, and another takes it over once held_until (milliseconds
-- since the epoch) has passed. A lease is taken with a conditional
-- update (store.TakeLease), so two instances never both hold it.
CREATE TABLE job_leases (
    job        TEXT NOT NULL PRIMARY KEY CHECK (length(job) BETWEEN 1 AND 64),
    holder     TEXT NOT NULL CHECK (length(holder) BETWEEN 1 AND 200),
    held_until INTEGER NOT NULL
);

-- +goose Down
DROP TABLE job_leases;
