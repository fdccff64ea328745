-- +goose Up
-- A message that will never go out: its address cannot be written to, the
-- mail server refused it for good (a 5xx reply), or what it said no longer
-- applies (its booking was cancelled or moved before it was sent). failed_at
-- (milliseconds since the epoch) is when it was given up, last_error why;
-- the sender no longer claims it and staff see it on the outbox page.
ALTER TABLE outbox ADD COLUMN failed_at INTEGER;
DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;

-- +goose Down
DROP INDEX outbox_due;
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL;
ALTER TABLE outbox DROP COLUMN failed_at;
