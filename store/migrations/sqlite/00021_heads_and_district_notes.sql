-- +goose Up
-- Heads of mission are shown "as of" the source naming them, with their
-- predecessors: head_until and head_source complete the newest head,
-- former_heads holds the earlier ones (a JSON array of heads, newest first).
-- A district membership may carry a note (JSON text in four languages)
-- saying why the subdivision is read as part of the district where the
-- sources disagree.
ALTER TABLE missions ADD COLUMN head_until TEXT NOT NULL DEFAULT '';
ALTER TABLE missions ADD COLUMN head_source TEXT NOT NULL DEFAULT '';
ALTER TABLE missions ADD COLUMN former_heads TEXT NOT NULL DEFAULT '[]';
ALTER TABLE memberships ADD COLUMN note TEXT NOT NULL DEFAULT '{}';

-- +goose Down
ALTER TABLE memberships DROP COLUMN note;
ALTER TABLE missions DROP COLUMN former_heads;
ALTER TABLE missions DROP COLUMN head_source;
ALTER TABLE missions DROP COLUMN head_until;
