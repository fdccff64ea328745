package store

import (
	"encoding/json"
	"fmt"
	"unicode/utf8"
)

// Lists of values are passed as one argument, so that a statement's text
// is the same whatever the number of values: SQLite keeps one prepared
// statement a text (statements.go) and pgx caches its statements by text,
// and an IN (?, ?, …) of each length would be a statement of its own.
// PostgreSQL takes the list as a text array; SQLite as a JSON array, read
// with json_each. This file is the only place that knows the difference.

// oneOf is the condition that column holds one of values, and its one
// argument.
func (db *DB) oneOf(column string, values []string) (cond string, arg any, err error) {
	if db.Dialect == Postgres {
		return column + ` = ANY(?)`, values, nil
	}
	arg, err = jsonList(values)
	return column + ` IN (SELECT value FROM json_each(?))`, arg, err
}

// rowsOf is a table expression of one text column, value, with a row for
// each of values in their order, and its one argument.
func (db *DB) rowsOf(values []string) (table string, arg any, err error) {
	if db.Dialect == Postgres {
		return `unnest(CAST(? AS text[])) AS value`, values, nil
	}
	arg, err = jsonList(values)
	return `json_each(?)`, arg, err
}

// jsonList is values as a JSON array. JSON cannot carry text that is not
// UTF-8 (encoding/json would replace its bytes, and the list would then
// name other values), and PostgreSQL refuses such text in any case, so it
// is refused here as well.
func jsonList(values []string) (string, error) {
	for _, v := range values {
		if !utf8.ValidString(v) {
			return "", fmt.Errorf("list value %q is not UTF-8", v)
		}
	}
	if values == nil {
		return "[]", nil
	}
	b, err := json.Marshal(values)
	return string(b), err
}
