-- +goose Up
-- Sources say what their date is (published, page_dated, undated) and which
-- source they are a version of (counted once when support is weighed). A
-- mission's citation and a claim are either sourced (a source and a quote,
-- with an optional translation) or set by the mission (no source: a note
-- says what the mission set).
ALTER TABLE sources ADD COLUMN date_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE sources ADD COLUMN version_of TEXT NOT NULL DEFAULT '';

ALTER TABLE mission_citations ALTER COLUMN source_id DROP NOT NULL;
ALTER TABLE mission_citations ADD COLUMN kind TEXT NOT NULL DEFAULT 'sourced';
ALTER TABLE mission_citations ADD COLUMN translation TEXT NOT NULL DEFAULT '';
ALTER TABLE mission_citations ADD CHECK (kind IN ('sourced', 'set_by_mission'));
ALTER TABLE mission_citations ADD CHECK ((kind = 'sourced') = (source_id IS NOT NULL));

ALTER TABLE claims ALTER COLUMN source_id DROP NOT NULL;
ALTER TABLE claims ADD COLUMN kind TEXT NOT NULL DEFAULT 'sourced';
ALTER TABLE claims ADD COLUMN translation TEXT NOT NULL DEFAULT '';
ALTER TABLE claims ADD CHECK (kind IN ('sourced', 'set_by_mission'));
ALTER TABLE claims ADD CHECK ((kind = 'sourced') = (source_id IS NOT NULL));

-- +goose Down
DELETE FROM mission_citations WHERE kind <> 'sourced';
DELETE FROM claims WHERE kind <> 'sourced';
ALTER TABLE claims DROP COLUMN translation;
ALTER TABLE claims DROP COLUMN kind;
ALTER TABLE claims ALTER COLUMN source_id SET NOT NULL;
ALTER TABLE mission_citations DROP COLUMN translation;
ALTER TABLE mission_citations DROP COLUMN kind;
ALTER TABLE mission_citations ALTER COLUMN source_id SET NOT NULL;
ALTER TABLE sources DROP COLUMN version_of;
ALTER TABLE sources DROP COLUMN date_kind;
