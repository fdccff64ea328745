-- +goose Up
-- The service catalogue: what a service's page tells a person before they
-- book, each text in four languages as JSON ({"en": …, "zh": …}): what the
-- service is for and who may use it, the documents to bring (a JSON list of
-- such texts), the processing time, and the fee ({"kind": "fee_table"},
-- a text with its citation, or {"kind": "set_by_mission"}).
ALTER TABLE services ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN documents TEXT NOT NULL DEFAULT '[]';
ALTER TABLE services ADD COLUMN processing_time TEXT NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN fee TEXT NOT NULL DEFAULT '{"kind":"set_by_mission"}';

-- +goose Down
ALTER TABLE services DROP COLUMN fee;
ALTER TABLE services DROP COLUMN processing_time;
ALTER TABLE services DROP COLUMN documents;
ALTER TABLE services DROP COLUMN description;
