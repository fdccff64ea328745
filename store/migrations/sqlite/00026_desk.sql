-- +goose Up
-- The staff desk filters the audit log by who, what and which object,
-- newest first and a page at a time: one index per filter, ending in id so
-- that a filtered page is read in order from the index.
CREATE INDEX audit_log_actor ON audit_log (actor, id);
CREATE INDEX audit_log_action ON audit_log (action, id);
CREATE INDEX audit_log_object ON audit_log (entity, entity_id, id);
-- Staff may send a booking's confirmation again with a new manage link
-- (kind 'resent'), as often as the applicant asks: those messages are not
-- held to one per booking and sequence.
DROP INDEX outbox_once;
CREATE UNIQUE INDEX outbox_once ON outbox (booking_id, kind, sequence) WHERE booking_id IS NOT NULL AND kind <> 'resent';

-- +goose Down
DROP INDEX outbox_once;
CREATE UNIQUE INDEX outbox_once ON outbox (booking_id, kind, sequence) WHERE booking_id IS NOT NULL;
DROP INDEX audit_log_object;
DROP INDEX audit_log_action;
DROP INDEX audit_log_actor;
