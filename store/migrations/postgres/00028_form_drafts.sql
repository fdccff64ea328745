-- +goose Up
-- A form's answers between a POST and the page it redirects to (the
-- booking's details, shown again on the last check: post/redirect/get),
-- sealed under keys derived from a token that only the person's browser
-- holds, in a cookie (store/drafts.go); kept an hour.
CREATE TABLE form_drafts (
    key_hash   TEXT NOT NULL PRIMARY KEY,
    body       TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX form_drafts_created ON form_drafts (created_at);

-- +goose Down
DROP TABLE form_drafts;
