-- +goose Up
-- One counter that every audited change raises in its own transaction.
-- App instances key their caches of rendered public pages by it, so a
-- change made through one instance is seen at once through every other.
CREATE TABLE data_revision (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    n   BIGINT NOT NULL
);
INSERT INTO data_revision (id, n) VALUES (1, 0);

-- +goose Down
DROP TABLE data_revision;
