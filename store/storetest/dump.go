package storetest

import (
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/store"
)

// Raw opens the database of db (at dsn) directly, as chancery does but
// without the store, closed at the test's end: for writing rows as an
// older chancery did, or reading what anyone with the database sees.
func Raw(t testing.TB, db *store.DB, dsn string) *sql.DB {
	t.Helper()
	driver, name := "sqlite", "file:"+dsn+"?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)"
	if db.Dialect == store.Postgres {
		driver, name = "pgx", dsn
	}
	raw, err := sql.Open(driver, name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { raw.Close() })
	return raw
}

// Dump returns every value of every row of a table of db (at dsn), one row
// a line, read through a connection of its own: what anyone with the
// database would see. Tests look in it for what must not be kept.
func Dump(t testing.TB, db *store.DB, dsn, table string) string {
	t.Helper()
	rows, err := Raw(t, db, dsn).Query(`SELECT * FROM ` + table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			fmt.Fprintf(&out, "%s=%v\t", cols[i], v)
		}
		out.WriteString("\n")
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out.String()
}
