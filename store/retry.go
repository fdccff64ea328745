package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
)

// Transactions that PostgreSQL gives up for reasons of the moment, not of
// the data, run again: at most txAttempts times in all, waiting
// txBackoff, doubled at each attempt, with jitter, in between, so that
// transactions that collided do not collide again in step. Over the five
// attempts the waits add up to at most about 0.8 s.
const (
	txAttempts = 5
	txBackoff  = 50 * time.Millisecond
)

// commitInDoubt is a failure of COMMIT that leaves unknown whether the
// transaction was committed: the connection was lost after the COMMIT was
// sent. Such a transaction is never run again, since it may have applied.
type commitInDoubt struct{ err error }

func (e commitInDoubt) Error() string { return "commit in doubt: " + e.err.Error() }
func (e commitInDoubt) Unwrap() error { return e.err }

// retryTx runs attempt, one transaction from BEGIN to COMMIT, again while
// it fails for a transient reason (transient) and ctx lasts. attempt must
// not have committed when it fails: inTx marks a failed COMMIT that may
// have applied as commitInDoubt, which is never retried.
func (db *DB) retryTx(ctx context.Context, attempt func() error) error {
	wait := txBackoff
	for n := 1; ; n++ {
		err := attempt()
		if err == nil || n == txAttempts || !db.transient(err) || ctx.Err() != nil {
			return err
		}
		db.retried.Add(1)
		if !serializationFailure(err) {
			// A lost connection seldom goes alone (a server restarting, an
			// administrator ending sessions): the pool's idle connections
			// are likely lost as well, and would each fail an attempt.
			db.dropIdle()
		}
		// Between half the wait and the whole of it.
		t := time.NewTimer(wait/2 + rand.N(wait/2+1))
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
		wait *= 2
	}
}

// transient reports whether err is a failure of the moment, after which
// the same transaction may succeed when run again: on PostgreSQL a
// serialization failure or deadlock (40001, 40P01), a server shutting down
// or restarting (57P01 admin_shutdown, 57P02 crash_shutdown, 57P03
// cannot_connect_now), a connection error (class 08), or a connection lost
// or found closed. SQLite has none: its writers queue for the single
// writer connection, and busy_timeout waits out other processes' locks.
func (db *DB) transient(err error) bool {
	if db.Dialect != Postgres || errors.As(err, new(commitInDoubt)) {
		return false
	}
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		switch pg.Code {
		case "40001", "40P01", "57P01", "57P02", "57P03":
			return true
		}
		return strings.HasPrefix(pg.Code, "08")
	}
	var nerr net.Error
	return pgconn.SafeToRetry(err) || errors.Is(err, driver.ErrBadConn) || errors.Is(err, sql.ErrConnDone) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.As(err, &nerr) ||
		errors.As(err, new(*pgconn.ConnectError))
}

// commit commits tx. A failure is in doubt unless it is certain the
// transaction did not apply: PostgreSQL answered that it rolled back
// (a serialization failure or deadlock found at COMMIT), or the COMMIT
// was never sent.
func (tx *Tx) commit() error {
	err := tx.tx.Commit()
	if err == nil || !tx.db.transient(err) {
		return err
	}
	if serializationFailure(err) || pgconn.SafeToRetry(err) {
		return err
	}
	return commitInDoubt{err}
}

// serializationFailure reports whether err is PostgreSQL giving up a
// transaction that collided with another: a serialization failure or a
// deadlock. The transaction was rolled back, even at COMMIT.
func serializationFailure(err error) bool {
	var pg *pgconn.PgError
	return errors.As(err, &pg) && (pg.Code == "40001" || pg.Code == "40P01")
}

// dropIdle closes the pool's idle connections; the next transactions open
// new ones.
func (db *DB) dropIdle() {
	db.write.SetMaxIdleConns(0)
	db.write.SetMaxIdleConns(db.pool)
}

// CommitInDoubt reports whether err is a COMMIT cut off after it was
// sent: the transaction may or may not have applied, and was not run
// again.
func CommitInDoubt(err error) bool { return errors.As(err, new(commitInDoubt)) }
