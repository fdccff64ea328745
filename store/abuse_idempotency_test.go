package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/store/storetest"
)

// TestAbuse08MigrationDropsAnswersKeptInClear: answers stored in clear
// before 00019 (a manage token, a name, an email) do not survive the
// migration, which cannot seal them.
func TestAbuse08MigrationDropsAnswersKeptInClear(t *testing.T) {
	t.Parallel()
	db, raw := migratedTo(t, 10)
	if _, err := raw.Exec(`INSERT INTO idempotency_keys (key, request_hash, status, body, created_at)
		VALUES ('retry-1', 'abc', 201, '{"token":"SECRET-TOKEN","email":"li.wei@example.com"}', 1)`); err != nil {
		t.Fatal(err)
	}
	if err := db.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	dsn := db.DSN
	if left := storetest.Dump(t, db, dsn, "idempotency_keys"); strings.Contains(left, "SECRET-TOKEN") || strings.Contains(left, "li.wei") || left != "" {
		t.Fatalf("answers kept in clear outlive the migration:\n%s", left)
	}
}
