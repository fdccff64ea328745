-- +goose Up
-- Consular cases as their applicants start them (casework.Application):
-- no account, a private link whose token is kept only as a hash, and a
-- reference. Each follows one version of its case type for its life.
CREATE TABLE applications (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reference         TEXT NOT NULL UNIQUE,
    mission_id        TEXT NOT NULL,
    case_type         TEXT NOT NULL,
    case_type_version INTEGER NOT NULL,
    email             TEXT NOT NULL,
    lang              TEXT NOT NULL,
    token_hash        TEXT NOT NULL,
    -- the hash of the code the first mail carries; '' once confirmed
    verify_hash       TEXT NOT NULL,
    confirmed_at      BIGINT,
    stage             TEXT NOT NULL CHECK (stage IN ('draft', 'submitted', 'in_review', 'waiting', 'ready', 'decided', 'withdrawn')),
    answers           TEXT NOT NULL,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    submitted_at      BIGINT,
    FOREIGN KEY (mission_id, case_type, case_type_version) REFERENCES case_types (mission_id, id, version)
);
CREATE INDEX applications_queue ON applications (mission_id, stage, updated_at);

-- What happened to an application, in order.
CREATE TABLE application_history (
    application_id BIGINT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    at             BIGINT NOT NULL,
    stage          TEXT NOT NULL,
    actor          TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX application_history_of ON application_history (application_id, at);

-- +goose Down
DROP TABLE application_history;
DROP TABLE applications;
