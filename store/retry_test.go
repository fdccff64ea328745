package store_test

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
)

// onlyPostgres skips a test of what PostgreSQL's server does to
// connections: SQLite's connections are files of this process, which no
// one terminates, and a writer that meets another process's lock waits in
// busy_timeout instead of failing with SQLITE_BUSY.
func onlyPostgres(t *testing.T, db *store.DB) {
	t.Helper()
	if db.Dialect != store.Postgres {
		t.Skip("PostgreSQL only: SQLite has no server connections to lose, and busy_timeout waits out locks")
	}
}

// postgresDB is a migrated, empty database for a test of PostgreSQL only
// (onlyPostgres).
func postgresDB(t *testing.T) (context.Context, *store.DB) {
	t.Helper()
	db := storetest.Open(t)
	onlyPostgres(t, db)
	return context.Background(), db
}

// adminOf is a connection of its own to db's database, from which to
// terminate db's connections.
func adminOf(t *testing.T, db *store.DB) *sql.DB {
	t.Helper()
	admin, err := sql.Open("pgx", db.DSN)
	if err != nil {
		t.Fatal(err)
	}
	admin.SetMaxOpenConns(1)
	t.Cleanup(func() { admin.Close() })
	return admin
}

// terminateOthers terminates every connection to the database but the
// admin's own, and waits until they are gone; it returns how many.
func terminateOthers(ctx context.Context, admin *sql.DB) (int, error) {
	var n int
	// Materialized, so that the planner cannot test the termination
	// before the pid, and end the admin's own connection.
	err := admin.QueryRowContext(ctx, `WITH others AS MATERIALIZED (SELECT pid FROM pg_stat_activity
		WHERE datname = current_database() AND pid <> pg_backend_pid())
		SELECT COUNT(*) FILTER (WHERE pg_terminate_backend(pid, 5000)) FROM others`).Scan(&n)
	return n, err
}

// TestAbuse21TerminatedConnectionRetried: the connection of a transaction
// is terminated between two of its statements (PostgreSQL's 57P01,
// admin_shutdown); the transaction runs again on another connection and
// its writes apply exactly once.
func TestAbuse21TerminatedConnectionRetried(t *testing.T) {
	t.Parallel()
	ctx, db := postgresDB(t)
	admin := adminOf(t, db)
	if _, err := admin.ExecContext(ctx, `CREATE TABLE abuse21 (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	runs := 0
	err := db.InTx(ctx, func(tx *store.Tx) error {
		runs++
		if _, err := tx.Exec(ctx, `INSERT INTO abuse21 (id, n) VALUES (1, ?)`, runs); err != nil {
			return err
		}
		if runs == 1 {
			var pid int
			if err := tx.QueryRow(ctx, `SELECT pg_backend_pid()`).Scan(&pid); err != nil {
				return err
			}
			if _, err := admin.ExecContext(ctx, `SELECT pg_terminate_backend($1, 5000)`, pid); err != nil {
				t.Errorf("terminate: %v", err)
			}
		}
		_, err := tx.Exec(ctx, `UPDATE abuse21 SET n = n + 10 WHERE id = 1`)
		return err
	})
	if err != nil || runs != 2 {
		t.Fatalf("transaction with its connection terminated: %v after %d runs, want success after 2", err, runs)
	}
	var rows, n int
	if err := admin.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(n), 0) FROM abuse21`).Scan(&rows, &n); err != nil || rows != 1 || n != 12 {
		t.Fatalf("%d rows with n %d (%v), want the second run's one row, 12", rows, n, err)
	}
}

// TestAbuse21ConnectionsTerminatedUnderLoad: while clients count attempts
// against a rate limit, alone (Hit) and in shared transactions (HitAll),
// every connection to the database is terminated again and again. Every
// attempt succeeds and is counted exactly once, but for one whose COMMIT
// was cut off, which reports the doubt rather than run again.
func TestAbuse21ConnectionsTerminatedUnderLoad(t *testing.T) {
	t.Parallel()
	ctx, db := postgresDB(t)
	admin := adminOf(t, db)
	const clients, perClient = 6, 40
	var (
		wg             sync.WaitGroup
		counted, doubt atomic.Int64
		failure        atomic.Pointer[error]
		killed         atomic.Int64
	)
	done := make(chan struct{})
	progress := make(chan struct{}, clients*perClient)
	go func() { // terminates every few attempts until the clients are done
		for {
			n, err := terminateOthers(ctx, admin)
			if err != nil {
				failure.CompareAndSwap(nil, &err)
				return
			}
			killed.Add(int64(n))
			for range clients {
				select {
				case <-done:
					return
				case <-progress:
				}
			}
		}
	}()
	limit := []store.Limit{{Bucket: "abuse21", Max: clients * perClient}}
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range perClient {
				var err error
				if c%2 == 0 {
					_, _, err = db.Hit(ctx, limit[0].Bucket, limit[0].Max, time.Hour)
				} else {
					_, _, err = db.HitAll(ctx, limit, time.Hour)
				}
				progress <- struct{}{}
				switch {
				case err == nil:
					counted.Add(1)
				case store.CommitInDoubt(err):
					doubt.Add(1)
				default:
					failure.CompareAndSwap(nil, &err)
				}
			}
		}()
	}
	wg.Wait()
	close(done)
	if err := failure.Load(); err != nil {
		t.Fatalf("with connections terminated: %v", *err)
	}
	var hits int64
	if err := admin.QueryRowContext(ctx, `SELECT COALESCE(SUM(hits), 0) FROM rate_limits WHERE bucket = 'abuse21'`).Scan(&hits); err != nil {
		t.Fatal(err)
	}
	if hits < counted.Load() || hits > counted.Load()+doubt.Load() || counted.Load()+doubt.Load() != clients*perClient {
		t.Fatalf("%d attempts counted in the database; %d succeeded, %d in doubt, of %d", hits, counted.Load(), doubt.Load(), clients*perClient)
	}
	t.Logf("%d connections terminated, %d transactions run again, %d commits in doubt", killed.Load(), db.Retried(), doubt.Load())
	if killed.Load() == 0 || db.Retried() == 0 {
		t.Fatalf("%d connections terminated and %d transactions run again: the test tested nothing", killed.Load(), db.Retried())
	}
}

// TestAbuse21SerializationFailureRetried: a transaction that PostgreSQL
// gives up with a serialization failure (40001), then a deadlock (40P01),
// runs again and applies once; one refused for a reason of its own runs
// once, on both engines.
func TestAbuse21SerializationFailureRetried(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	refused := chancery.Errorf(chancery.ECONFLICT, "error.slot_full")
	runs := 0
	err := db.InTx(ctx, func(tx *store.Tx) error {
		runs++
		return refused
	})
	if !errors.Is(err, refused) || runs != 1 {
		t.Fatalf("a refusal: %v after %d runs, want it once", err, runs)
	}
	onlyPostgres(t, db)
	admin := adminOf(t, db)
	if _, err := admin.ExecContext(ctx, `CREATE TABLE abuse21 (id INTEGER PRIMARY KEY)`); err != nil {
		t.Fatal(err)
	}
	runs = 0
	err = db.InTx(ctx, func(tx *store.Tx) error {
		runs++
		if _, err := tx.Exec(ctx, `INSERT INTO abuse21 (id) VALUES (1)`); err != nil {
			return err
		}
		code := map[int]string{1: "serialization_failure", 2: "deadlock_detected"}[runs]
		if code == "" {
			return nil
		}
		_, err := tx.Exec(ctx, `DO $$ BEGIN RAISE EXCEPTION 'forced' USING ERRCODE = '`+code+`'; END $$`)
		return err
	})
	var rows int
	if err := admin.QueryRowContext(ctx, `SELECT COUNT(*) FROM abuse21`).Scan(&rows); err != nil {
		t.Fatal(err)
	}
	if err != nil || runs != 3 || rows != 1 {
		t.Fatalf("after a serialization failure and a deadlock: %v after %d runs, %d rows; want success after 3, one row", err, runs, rows)
	}
}

// TestAbuse21ConnLifetime: PostgreSQL connections are replaced once they
// have served their lifetime.
func TestAbuse21ConnLifetime(t *testing.T) {
	t.Parallel()
	ctx, db := postgresDB(t)
	short, err := store.OpenWith(ctx, db.DSN, store.Options{ConnLifetime: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer short.Close()
	pool := short.Pools()[store.Postgres]
	if err := pool.PingContext(ctx); err != nil {
		t.Fatal(err)
	}
	time.Sleep(5 * time.Millisecond) // longer than the lifetime, however busy the machine
	if err := pool.PingContext(ctx); err != nil {
		t.Fatal(err)
	}
	if closed := pool.Stats().MaxLifetimeClosed; closed < 1 {
		t.Fatalf("%d connections closed for their lifetime, want the first", closed)
	}
}
