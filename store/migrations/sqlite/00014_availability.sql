-- +goose Up
-- One counter that every change of a slot's places or a day's quota count
-- raises, in the transaction of the change: the triggers below see every
-- update of slots and service_days, whichever code makes it. (Their rows
-- are inserted empty, held = booked = 0, which changes no availability,
-- and deleted only with their service.) App instances
-- key their caches of availability (the slots listing) by it and the data
-- revision, so a booking made through one instance is seen at once
-- through every other.
CREATE TABLE availability_revision (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    n   BIGINT NOT NULL
);
INSERT INTO availability_revision (id, n) VALUES (1, 0);

-- +goose StatementBegin
CREATE TRIGGER slots_availability_update AFTER UPDATE ON slots
BEGIN
    UPDATE availability_revision SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER service_days_availability_update AFTER UPDATE ON service_days
BEGIN
    UPDATE availability_revision SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- A release, created, drawn or removed, changes which slots only its draw
-- gives out (booking.Usage.LotteryOnly).
-- +goose StatementBegin
CREATE TRIGGER releases_availability_insert AFTER INSERT ON releases
BEGIN
    UPDATE availability_revision SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER releases_availability_update AFTER UPDATE ON releases
BEGIN
    UPDATE availability_revision SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER releases_availability_delete AFTER DELETE ON releases
BEGIN
    UPDATE availability_revision SET n = n + 1 WHERE id = 1;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER releases_availability_delete;
DROP TRIGGER releases_availability_update;
DROP TRIGGER releases_availability_insert;
DROP TRIGGER service_days_availability_update;
DROP TRIGGER slots_availability_update;
DROP TABLE availability_revision;
