-- +goose Up
-- The nationalities of Belarus's visa-free entry through Minsk National
-- Airport change by decree (74 countries from 2018, 76 from 2021-09), so
-- the list is kept in dated versions: each row is one nationality of the
-- list in force from valid_from. The undated list kept so far becomes the
-- list with no date (''), which applies until a dated one is in force.
CREATE TABLE visa_free_airport_lists (
    valid_from  TEXT NOT NULL,
    nationality TEXT NOT NULL CHECK (length(nationality) = 2),
    PRIMARY KEY (valid_from, nationality)
);
INSERT INTO visa_free_airport_lists (valid_from, nationality) SELECT '', nationality FROM visa_free_airport;
DROP TABLE visa_free_airport;

-- +goose Down
CREATE TABLE visa_free_airport (
    nationality TEXT PRIMARY KEY CHECK (length(nationality) = 2)
);
INSERT INTO visa_free_airport (nationality)
    SELECT nationality FROM visa_free_airport_lists
    WHERE valid_from = (SELECT max(valid_from) FROM visa_free_airport_lists);
DROP TABLE visa_free_airport_lists;
