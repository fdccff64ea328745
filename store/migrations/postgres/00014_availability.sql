-- +goose Up
-- One counter that every change of a slot's places or a day's quota count
-- raises, in the transaction of the change: the triggers below see every
-- update of slots and service_days, whichever code makes it. (Their rows
-- are inserted empty, held = booked = 0, which changes no availability,
-- and deleted only with their service.) App instances
-- key their caches of availability (the slots listing) by it and the data
-- revision, so a booking made through one instance is seen at once
-- through every other.
--
-- The triggers are deferred to the commit: the counter's row is then the
-- last lock a transaction takes, held only while it commits, so booking
-- transactions that lock slots in different orders never wait on each
-- other through it (no deadlock, no longer waits than before).
CREATE TABLE availability_revision (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    n   BIGINT NOT NULL
);
INSERT INTO availability_revision (id, n) VALUES (1, 0);

-- +goose StatementBegin
CREATE FUNCTION availability_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE availability_revision SET n = n + 1 WHERE id = 1;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

CREATE CONSTRAINT TRIGGER slots_availability_update AFTER UPDATE ON slots
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION availability_bump();
CREATE CONSTRAINT TRIGGER service_days_availability_update AFTER UPDATE ON service_days
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION availability_bump();

-- A release, created, drawn or removed, changes which slots only its draw
-- gives out (booking.Usage.LotteryOnly).
CREATE CONSTRAINT TRIGGER releases_availability_insert AFTER INSERT ON releases
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION availability_bump();
CREATE CONSTRAINT TRIGGER releases_availability_update AFTER UPDATE ON releases
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION availability_bump();
CREATE CONSTRAINT TRIGGER releases_availability_delete AFTER DELETE ON releases
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION availability_bump();

-- +goose Down
DROP TRIGGER releases_availability_delete ON releases;
DROP TRIGGER releases_availability_update ON releases;
DROP TRIGGER releases_availability_insert ON releases;
DROP TRIGGER service_days_availability_update ON service_days;
DROP TRIGGER slots_availability_update ON slots;
DROP FUNCTION availability_bump();
DROP TABLE availability_revision;
