-- +goose Up
-- The keys of the seal a decided case's document carries (package seal).
-- One key is in use (in_use = 1; the unique index lets only one be):
-- the first instance to start inserts it, the others read it. A key
-- configured with -seal-key keeps its private half out of the database
-- (private_key NULL). Retired keys stay: they verify what they signed.
CREATE TABLE seal_keys (
    id          TEXT NOT NULL PRIMARY KEY,
    public_key  BLOB NOT NULL,
    private_key BLOB,
    in_use      INTEGER UNIQUE CHECK (in_use = 1),
    valid_from  INTEGER NOT NULL,
    valid_to    INTEGER
);

-- The documents issued for decided cases: one per application and
-- result. code is the signed record (seal.Sign) the QR code carries.
CREATE TABLE issued_documents (
    id             INTEGER PRIMARY KEY,
    code           TEXT NOT NULL UNIQUE,
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    reference      TEXT NOT NULL,
    mission_id     TEXT NOT NULL,
    case_type      TEXT NOT NULL,
    result         TEXT NOT NULL,
    reasons        TEXT NOT NULL DEFAULT '[]',
    holder         TEXT NOT NULL,
    key_id         TEXT NOT NULL REFERENCES seal_keys (id),
    issued_at      INTEGER NOT NULL,
    expires_at     INTEGER,
    revoked_at     INTEGER,
    revoked_by     TEXT,
    revoke_reason  TEXT,
    UNIQUE (application_id, result)
);
CREATE INDEX issued_documents_reference ON issued_documents (reference);

-- +goose Down
DROP TABLE issued_documents;
DROP TABLE seal_keys;
