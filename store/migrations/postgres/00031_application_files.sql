-- +goose Up
-- The files an applicant uploads for an application's checklist items
-- (casework.Document). Their content lives in application_file_chunks,
-- encrypted (AES-256-GCM, a nonce per chunk, the file and the chunk's
-- place bound as additional data), so backups of the database hold them.
CREATE TABLE application_files (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id BIGINT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    item           TEXT NOT NULL,  -- the checklist item (casework.DocumentRule.ID)
    name           TEXT NOT NULL,  -- the name it was sent with, made safe; for downloads only
    type           TEXT NOT NULL CHECK (type IN ('pdf', 'jpeg', 'png')),
    size           BIGINT NOT NULL CHECK (size > 0), -- bytes kept
    pages          INTEGER NOT NULL DEFAULT 0,
    width          INTEGER NOT NULL DEFAULT 0,
    height         INTEGER NOT NULL DEFAULT 0,
    sha256         TEXT NOT NULL,
    uploaded_at    BIGINT NOT NULL,
    scan_status    TEXT NOT NULL CHECK (scan_status IN ('pending', 'clean', 'infected', 'failed', 'not_scanned')),
    scan_signature TEXT NOT NULL DEFAULT '',
    scan_attempts  INTEGER NOT NULL DEFAULT 0,
    scanned_at     BIGINT,
    review_status  TEXT NOT NULL DEFAULT 'pending' CHECK (review_status IN ('pending', 'accepted', 'rejected')),
    review_reason  TEXT NOT NULL DEFAULT '',
    reviewed_by    TEXT NOT NULL DEFAULT '',
    reviewed_at    BIGINT
);
CREATE INDEX application_files_of ON application_files (application_id, item);
CREATE INDEX application_files_pending ON application_files (scan_status, uploaded_at);

-- One encrypted chunk of a file: nonce and sealed bytes (with GCM's tag);
-- final marks the last, and is sealed too, so a file cut short is caught.
CREATE TABLE application_file_chunks (
    file_id BIGINT NOT NULL REFERENCES application_files (id) ON DELETE CASCADE,
    idx     INTEGER NOT NULL CHECK (idx >= 0),
    nonce   BYTEA NOT NULL,
    data    BYTEA NOT NULL,
    final   INTEGER NOT NULL CHECK (final IN (0, 1)),
    PRIMARY KEY (file_id, idx)
);

-- What an application's kept files weigh together: the per-case limit is
-- a conditional update of this column, so two uploads at once cannot both
-- pass it.
ALTER TABLE applications ADD COLUMN files_bytes BIGINT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE applications DROP COLUMN files_bytes;
DROP TABLE application_file_chunks;
DROP TABLE application_files;
