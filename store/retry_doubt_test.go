package store

import (
	"context"
	"database/sql"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
)

// TestAbuse21CommitInDoubtNotRetried: a COMMIT cut off after it was sent
// may have applied, so its transaction never runs again; a lost
// connection before it does.
func TestAbuse21CommitInDoubtNotRetried(t *testing.T) {
	pool, err := sql.Open("pgx", "postgres://127.0.0.1:1/none") // never connects
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	db := &DB{Dialect: Postgres, write: pool, read: pool}
	lost := &pgconn.PgError{Code: "57P01"}
	for _, c := range []struct {
		name string
		err  error
		runs int
	}{
		{"commit in doubt", commitInDoubt{lost}, 1},
		{"connection lost before the commit", lost, 2},
	} {
		runs := 0
		err := db.retryTx(context.Background(), func() error {
			if runs++; runs == 1 {
				return c.err
			}
			return nil
		})
		if runs != c.runs || (c.runs == 1) != (err != nil) {
			t.Errorf("%s: %d runs, %v; want %d", c.name, runs, err, c.runs)
		}
	}
}
