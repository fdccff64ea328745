-- +goose Up
-- The first answer to a request with an Idempotency-Key carries a manage
-- token and the person's details, which were kept here in clear. Now the
-- row holds a hash of the key, a MAC of the request and the answer sealed
-- under keys derived from the Idempotency-Key (store/idempotency.go), for
-- 24 hours. The rows kept in clear cannot be sealed in SQL: they go (a
-- retry of one of them is a new request).
DROP TABLE idempotency_keys;
CREATE TABLE idempotency_keys (
    key_hash    TEXT NOT NULL PRIMARY KEY,
    request_mac TEXT NOT NULL,
    status      INTEGER NOT NULL,
    body        TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
-- The prune job (store.PruneExpired) finds expired answers and rate-limit
-- counts no limit reads again by age.
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
CREATE INDEX rate_limits_window ON rate_limits (window_start);

-- +goose Down
DROP INDEX rate_limits_window;
DROP TABLE idempotency_keys;
CREATE TABLE idempotency_keys (
    key          TEXT PRIMARY KEY,
    request_hash TEXT NOT NULL,
    status       INTEGER NOT NULL,
    body         TEXT NOT NULL,
    created_at   BIGINT NOT NULL
);
