// Package storetest opens a fresh database for a test: a SQLite file in the
// test's temporary folder, or, when CHANCERY_TEST_POSTGRES holds a server
// URL, a throwaway PostgreSQL database that is dropped when the test ends.
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

	"github.com/chancery-platform/chancery/store"
)

// EnvPostgres names the variable that selects PostgreSQL for the tests.
const EnvPostgres = "CHANCERY_TEST_POSTGRES"

// DSN returns a new, empty database's DSN for the engine under test.
func DSN(t testing.TB) string {
	t.Helper()
	admin := os.Getenv(EnvPostgres)
	if admin == "" {
		return filepath.Join(t.TempDir(), "chancery.db")
	}
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("%s is not a URL: %v", EnvPostgres, err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "chancery_test_" + hex.EncodeToString(b)
	conn, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	if _, err := conn.Exec(`CREATE DATABASE ` + name); err != nil {
		conn.Close()
		t.Fatalf("postgres at %s: create test database: %v", u.Host, err)
	}
	t.Cleanup(func() {
		if _, err := conn.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`); err != nil {
			t.Errorf("drop %s: %v", name, err)
		}
		conn.Close()
	})
	u.Path = "/" + name
	return u.String()
}

// Open returns a migrated, empty database for the test, closed at its end.
func Open(t testing.TB) *store.DB {
	t.Helper()
	return OpenDSN(t, DSN(t))
}

// OpenDSN opens and migrates the database at dsn, closing it at the test's end.
func OpenDSN(t testing.TB, dsn string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return db
}
