-- +goose Up
-- The machine-readable zone of the applicant's passport as the applicant
-- typed it ('' for none), compared with the answers before submission.
ALTER TABLE applications ADD COLUMN mrz TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE applications DROP COLUMN mrz;
