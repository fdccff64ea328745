package store_test

import (
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/store/storetest"
)

// The differences between the engines' schemas that are meant, each with
// its reason. Everything else must be the same on both.
var (
	// onlyOneEngine are the tables, or facts of a table ("table, index
	// (column)"), that one engine has and the other has not, or has in its
	// own shape: a full-text index of a type only PostgreSQL knows, say.
	onlyOneEngine = map[string]string{
		"goose_db_version": "goose's record of the applied migrations, which goose creates in each dialect's own way",
	}

	// sqliteQuirks are the columns SQLite declares otherwise than
	// PostgreSQL in a way SQLite cannot change without rebuilding the
	// table (and every table whose foreign keys point at it), each with
	// what SQLite has and the PostgreSQL it stands for. A new column is
	// declared alike in both dialects instead.
	sqliteQuirks = map[string]sqliteQuirk{
		// SQLite has no boolean type; these were declared INTEGER (0 or 1)
		// before this test. A column declared BOOLEAN on SQLite holds the
		// same 0 and 1 and compares as bool.
		"event_registrations.is_open":  integerBoolean,
		"event_registrations.waitlist": integerBoolean,
		"missions.district_known":      integerBoolean,
		"services.active":              integerBoolean,
		"services.needs_passport":      integerBoolean,
		"services.verify_email":        integerBoolean,
		"users.disabled":               integerBoolean,
		// SQLite lets the primary key of an ordinary table hold NULL
		// unless the column says NOT NULL (kept for compatibility,
		// sqlite.org/quirks.html); PostgreSQL's primary key implies it.
		// The store never writes NULL to a key.
		"missions.id":         nullableKey,
		"services.id":         nullableKey,
		"sessions.token_hash": nullableKey,
		"sources.id":          nullableKey,
		// A lone INTEGER PRIMARY KEY is SQLite's rowid, which SQLite
		// numbers when a row comes without one. data_revision has one row,
		// id 1 (its CHECK says so), written by its migration; so has
		// availability_revision.
		"data_revision.id":         rowidKey,
		"availability_revision.id": rowidKey,
	}
)

// sqliteQuirk is how SQLite's description of a column differs from the
// PostgreSQL one it stands for: old on SQLite reads as new.
type sqliteQuirk struct{ old, new string }

var (
	integerBoolean = sqliteQuirk{"integer ", "bool "}
	nullableKey    = sqliteQuirk{" nullable", " not null"}
	rowidKey       = sqliteQuirk{" generated", ""}
)

// TestSchemaParity migrates an empty database on each engine and compares
// their tables: columns (class of type, NOT NULL, default, numbered by the
// database), primary keys, indexes (columns, uniqueness, predicate; a
// UNIQUE constraint counts as its unique index), checks and foreign keys
// (with their ON DELETE and ON UPDATE). Migrations of one dialect that
// drift from the other's fail it, naming the table, the fact, and both
// sides.
func TestSchemaParity(t *testing.T) {
	if os.Getenv(storetest.EnvPostgres) == "" {
		t.Skipf("the schema parity check needs PostgreSQL as well as SQLite: set %s to a PostgreSQL server's URL (scripts/test.sh does)", storetest.EnvPostgres)
	}
	t.Parallel()
	lite := filepath.Join(t.TempDir(), "parity.db")
	storetest.OpenDSN(t, lite)
	pg := storetest.DSN(t)
	storetest.OpenDSN(t, pg)

	sqlite := readSQLite(t, openRaw(t, "sqlite", lite))
	postgres := readPostgres(t, openRaw(t, "pgx", pg))
	if len(sqlite) < 10 {
		t.Fatalf("SQLite's schema has %d tables: the introspection read nothing", len(sqlite))
	}

	for name, q := range sqliteQuirks {
		table, col, _ := strings.Cut(name, ".")
		l, p := sqlite[table]["column "+col], postgres[table]["column "+col]
		if !strings.Contains(l, q.old) || !strings.Contains(p, q.new) || strings.Contains(p, q.old) {
			t.Errorf("sqliteQuirks lists %s as %q on SQLite for %q, but it is %q on SQLite and %q on PostgreSQL: take it off the list",
				name, q.old, q.new, l, p)
			continue
		}
		l = strings.Replace(l, q.old, q.new, 1)
		if q == integerBoolean {
			l = strings.NewReplacer("default 0", "default false", "default 1", "default true").Replace(l)
		}
		sqlite[table]["column "+col] = l
	}

	for name := range onlyOneEngine {
		table, fact, _ := strings.Cut(name, ", ")
		_, l := sqlite[table][fact]
		_, p := postgres[table][fact]
		if fact == "" {
			_, l = sqlite[table]
			_, p = postgres[table]
		}
		if !l && !p {
			t.Errorf("onlyOneEngine lists %q, which neither engine has: take it off the list", name)
		}
	}

	for _, table := range tableNames(sqlite, postgres) {
		l, inSQLite := sqlite[table]
		p, inPostgres := postgres[table]
		if reason, ok := onlyOneEngine[table]; ok {
			t.Logf("table %s not compared: %s", table, reason)
			continue
		}
		switch {
		case !inPostgres:
			t.Errorf("table %s: on SQLite only", table)
			continue
		case !inSQLite:
			t.Errorf("table %s: on PostgreSQL only", table)
			continue
		}
		for _, fact := range tableNames(l, p) {
			lv, lok := l[fact]
			pv, pok := p[fact]
			if reason, ok := onlyOneEngine[table+", "+fact]; ok {
				t.Logf("table %s, %s not compared: %s", table, fact, reason)
				continue
			}
			switch {
			case !pok:
				t.Errorf("table %s, %s: SQLite has %q, PostgreSQL has none", table, fact, lv)
			case !lok:
				t.Errorf("table %s, %s: SQLite has none, PostgreSQL has %q", table, fact, pv)
			case lv != pv:
				t.Errorf("table %s, %s: SQLite has %q, PostgreSQL has %q", table, fact, lv, pv)
			}
		}
	}
}

// openRaw opens a second connection pool to a database the store opened,
// for reading its catalogue.
func openRaw(t *testing.T, driver, dsn string) *sql.DB {
	t.Helper()
	db, err := sql.Open(driver, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// tableNames is the keys of both maps, sorted, each once.
func tableNames[V any](a, b map[string]V) []string {
	var names []string
	for k := range a {
		names = append(names, k)
	}
	for k := range b {
		names = append(names, k)
	}
	slices.Sort(names)
	return slices.Compact(names)
}
