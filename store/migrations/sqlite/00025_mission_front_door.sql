-- +goose Up
-- The mission's front door: how to get there and whom to call in an
-- emergency, each a JSON text in four languages set by the mission.
ALTER TABLE missions ADD COLUMN directions TEXT NOT NULL DEFAULT '{}';
ALTER TABLE missions ADD COLUMN emergency TEXT NOT NULL DEFAULT '{}';

-- +goose Down
ALTER TABLE missions DROP COLUMN emergency;
ALTER TABLE missions DROP COLUMN directions;
