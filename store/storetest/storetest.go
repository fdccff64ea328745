// Package storetest gives each test its own database: a SQLite file in the
// test's temporary folder or, when CHANCERY_TEST_POSTGRES holds a server
// URL, a throwaway PostgreSQL database dropped when the test ends.
//
// A test asks for a database in a given state, a Template: Migrated (the
// schema, no data) or Seeded (the default dataset and one staff account per
// role). Each template is built once per test process and copied for each
// test (a file copy on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL),
// which is much cheaper than migrating and importing again. That needs Run
// in the package's TestMain, to drop the templates when the process ends:
//
//	func TestMain(m *testing.M) { os.Exit(storetest.Run(m)) }
//
// Without it every database is built from scratch, as slowly as before.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/chancery-platform/chancery/staff"
	"github.com/chancery-platform/chancery/store"
)

// EnvPostgres names the variable that selects PostgreSQL for the tests.
const EnvPostgres = "CHANCERY_TEST_POSTGRES"

// Password is the password of the staff accounts of the Seeded template.
const Password = "a long test password"

// cheapPasswords is the argon2id cost of every database storetest opens:
// production's 64 MiB and three passes per hash would make signing in the
// slowest step of the web tests. The staff package tests production's cost.
// DataKey is the key test databases encrypt uploaded files with.
var DataKey = []byte("chancery test data key: 32 bytes")

var cheapPasswords = staff.PasswordCost{Time: 1, Memory: 64, Threads: 1}

// DSN returns a new, empty (not even migrated) database's DSN for the
// engine under test, for tests of migrations and of first starts.
func DSN(t testing.TB) string {
	t.Helper()
	admin := os.Getenv(EnvPostgres)
	if admin == "" {
		return filepath.Join(t.TempDir(), "chancery.db")
	}
	return createPostgres(t, admin, "")
}

// Open returns a migrated, empty database for the test, closed at its end.
func Open(t testing.TB) *store.DB {
	t.Helper()
	return Migrated.Open(t)
}

// OpenSeeded returns a database with the default dataset and one staff
// account per role, named after the role, with Password; closed at the
// test's end.
func OpenSeeded(t testing.TB) *store.DB {
	t.Helper()
	return Seeded.Open(t)
}

// OpenDSN opens and migrates the database at dsn, closing it at the test's
// end. A second connection to a test's database is opened this way.
func OpenDSN(t testing.TB, dsn string) *store.DB {
	t.Helper()
	db, err := open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// open opens and migrates the database at dsn, with cheap password hashes.
func open(ctx context.Context, dsn string) (*store.DB, error) {
	db, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, err
	}
	db.PasswordCost = cheapPasswords
	if err := db.SetDataKey(DataKey); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// createPostgres creates a database for the test on the server at admin,
// a copy of the database template when it is not empty, and drops it when
// the test ends.
func createPostgres(t testing.TB, admin, template string) string {
	t.Helper()
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("%s is not a URL: %v", EnvPostgres, err)
	}
	conn, release, err := adminConn(admin)
	if err != nil {
		t.Fatalf("postgres at %s: %v", u.Host, err)
	}
	name := "chancery_test_" + randomHex(6)
	if err := createDatabase(conn, name, template); err != nil {
		release()
		t.Fatalf("postgres at %s: create test database: %v", u.Host, err)
	}
	t.Cleanup(func() {
		defer release()
		if err := process.drop(conn, name); err != nil {
			t.Error(err)
		}
	})
	u.Path = "/" + name
	return u.String()
}

// adminConn is a connection pool to the server's admin database: the test
// process's shared one while Run runs, else one of the test's own, closed
// by release.
func adminConn(admin string) (conn *sql.DB, release func(), err error) {
	if conn, err := process.admin(admin); conn != nil || err != nil {
		return conn, func() {}, err
	}
	conn, err = sql.Open("pgx", admin)
	if err != nil {
		return nil, nil, err
	}
	return conn, func() { conn.Close() }, nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
