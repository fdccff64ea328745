-- +goose Up
-- What lists of the record filter by (cooperation.FacetsOf): an entity's
-- kind and country, the entities a record names, kinds, a trade figure's
-- area and flow. Keyed like coop_terms, so a filtered list walks one
-- facet's rows in list order; the foreign key keeps each row's date that
-- of its record, and takes the rows away with it. Rows of records saved
-- before this migration are written by the Go migration that follows it
-- (store/facets.go).
CREATE TABLE coop_facets (
    facet TEXT NOT NULL CHECK (length(facet) BETWEEN 1 AND 32),
    value TEXT NOT NULL CHECK (length(value) BETWEEN 1 AND 200),
    kind  TEXT NOT NULL,
    date  TEXT NOT NULL,
    id    TEXT NOT NULL,
    PRIMARY KEY (facet, value, kind, date, id),
    FOREIGN KEY (kind, id, date) REFERENCES coop_records (kind, id, date) ON UPDATE CASCADE ON DELETE CASCADE
);
CREATE INDEX coop_facets_record ON coop_facets (kind, id, date);

-- +goose Down
DROP TABLE coop_facets;
