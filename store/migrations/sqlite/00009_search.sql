-- +goose Up
-- A search walks the rows of its rarest term in result order (kind, date,
-- id) and stops at the page's end, so coop_terms keeps each record's date
-- too, and its key is that order. The date is the record's: the foreign
-- key on (kind, id, date) makes the database keep the copy right (a
-- record's new date cascades to its terms). WITHOUT ROWID: the table is
-- its key, one B-tree instead of a table and an index.
CREATE UNIQUE INDEX coop_records_dated ON coop_records (kind, id, date);

CREATE TABLE coop_terms_dated (
    term TEXT NOT NULL CHECK (length(term) BETWEEN 1 AND 64),
    kind TEXT NOT NULL,
    date TEXT NOT NULL,
    id   TEXT NOT NULL,
    PRIMARY KEY (term, kind, date, id),
    FOREIGN KEY (kind, id, date) REFERENCES coop_records (kind, id, date) ON UPDATE CASCADE ON DELETE CASCADE
) WITHOUT ROWID;
INSERT INTO coop_terms_dated (term, kind, date, id)
    SELECT t.term, t.kind, r.date, t.id FROM coop_terms t JOIN coop_records r ON r.kind = t.kind AND r.id = t.id;
DROP TABLE coop_terms;
ALTER TABLE coop_terms_dated RENAME TO coop_terms;
-- A record's terms, for its rewrite and the cascades; with the term, so a
-- search's check that a record has a term reads this index alone.
CREATE INDEX coop_terms_record ON coop_terms (kind, id, date, term);

-- +goose Down
CREATE TABLE coop_terms_undated (
    kind TEXT NOT NULL,
    id   TEXT NOT NULL,
    term TEXT NOT NULL CHECK (length(term) BETWEEN 1 AND 64),
    PRIMARY KEY (term, kind, id),
    FOREIGN KEY (kind, id) REFERENCES coop_records (kind, id) ON DELETE CASCADE
);
INSERT INTO coop_terms_undated (kind, id, term) SELECT kind, id, term FROM coop_terms;
DROP TABLE coop_terms;
ALTER TABLE coop_terms_undated RENAME TO coop_terms;
CREATE INDEX coop_terms_record ON coop_terms (kind, id);
DROP INDEX coop_records_dated;
