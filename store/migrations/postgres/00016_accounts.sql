-- +goose Up
-- Staff accounts: an account whose password was generated for it (the
-- first start's admin) or reset by an administrator must change it at its
-- next sign-in. A session's last_seen (milliseconds since the epoch) ends
-- it after the idle timeout; it is written at most once a minute, not on
-- every request.
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE sessions ADD COLUMN last_seen BIGINT NOT NULL DEFAULT 0;
UPDATE sessions SET last_seen = created_at;
CREATE INDEX sessions_user ON sessions (user_id);

-- +goose Down
DROP INDEX sessions_user;
ALTER TABLE sessions DROP COLUMN last_seen;
ALTER TABLE users DROP COLUMN must_change_password;
