-- +goose Up
-- What an event page tells people before they register (issue 13 §7):
-- what it is, its agenda and how to get there, each a text in the four
-- languages (JSON, as venue).
ALTER TABLE event_registrations ADD COLUMN description TEXT NOT NULL DEFAULT '{}';
ALTER TABLE event_registrations ADD COLUMN agenda TEXT NOT NULL DEFAULT '{}';
ALTER TABLE event_registrations ADD COLUMN arrival TEXT NOT NULL DEFAULT '{}';

-- +goose Down
ALTER TABLE event_registrations DROP COLUMN arrival;
ALTER TABLE event_registrations DROP COLUMN agenda;
ALTER TABLE event_registrations DROP COLUMN description;
