-- +goose Up
-- The record of the relationship (package cooperation): each record is
-- kept whole as JSON, with the columns lists filter and sort by. Its
-- search terms (names.Terms: word keys across scripts, Chinese characters
-- and character pairs) are rows of coop_terms, so a search is an indexed
-- lookup whatever the size of the record.
CREATE TABLE coop_records (
    kind       TEXT NOT NULL CHECK (kind IN ('entity', 'role', 'partnership', 'agreement', 'event', 'corridor', 'trade')),
    id         TEXT NOT NULL CHECK (length(id) BETWEEN 1 AND 200),
    date       TEXT NOT NULL DEFAULT '',
    doc        TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (kind, id)
);
CREATE INDEX coop_records_date ON coop_records (kind, date);

CREATE TABLE coop_terms (
    kind TEXT NOT NULL,
    id   TEXT NOT NULL,
    term TEXT NOT NULL CHECK (length(term) BETWEEN 1 AND 64),
    PRIMARY KEY (term, kind, id),
    FOREIGN KEY (kind, id) REFERENCES coop_records (kind, id) ON DELETE CASCADE
);
CREATE INDEX coop_terms_record ON coop_terms (kind, id);

-- +goose Down
DROP TABLE coop_terms;
DROP TABLE coop_records;
