// Package store keeps chancery's data in SQLite (the embedded default) or
// PostgreSQL. It speaks only domain types; every dialect difference lives here.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/chancery-platform/chancery/staff"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	_ "modernc.org/sqlite"             // registers the pure-Go "sqlite" driver
)

// Dialects the store speaks.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// DB is an open database. On SQLite it keeps a pool of readers and a single
// writer connection so writers queue in Go instead of failing with
// SQLITE_BUSY; on PostgreSQL both are the same pool.
type DB struct {
	Dialect string
	DSN     string
	read    *sql.DB
	write   *sql.DB
	// Now is the clock; tests replace it.
	Now func() time.Time
	// PasswordCost is the argon2id cost of new password hashes (and of the
	// decoy checked for unknown usernames); the zero value is production's.
	// Tests lower it.
	PasswordCost staff.PasswordCost
	// decoy is the hash checked for unknown usernames, made on first use.
	decoy decoyHash
	// revision is the prepared statement of Revision, made on first use
	// (after migrations have created its table).
	revision atomic.Pointer[sql.Stmt]
	// revisionReads lets concurrent Revision calls on PostgreSQL share a read.
	revisionReads sharedReads[int64]
	// revisionsReads lets concurrent Revisions calls on PostgreSQL share a
	// read.
	revisionsReads sharedReads[Revisions]
	// calendars caches MissionCalendar per mission and data revision.
	calendars sync.Map
	// services caches Service per service and data revision; the ids are
	// those of existing services only.
	services sync.Map
	// profiles caches MatchProfiles by data revision.
	profiles atomic.Pointer[cachedProfiles]
	// batch runs concurrent booking writes in shared transactions.
	batch *batcher
	// readStmts and writeStmts keep prepared statements on SQLite; nil on
	// PostgreSQL.
	readStmts, writeStmts *statements
	// retried counts transactions run again after a transient failure.
	retried atomic.Int64
	// pool is the most connections the PostgreSQL pool keeps.
	pool int
	// termCounts are hints of how many records hold a search term.
	termCounts termCounts
	// blobs keeps uploaded files' content; nil until SetDataKey or
	// SetBlobs, and files are refused until then.
	blobs Blobs
}

// DefaultPool is how many connections a PostgreSQL pool keeps open at most
// unless Options says otherwise.
const DefaultPool = 20

// DefaultConnLifetime is how long a PostgreSQL connection serves at most
// unless Options says otherwise: connections are replaced over time, so a
// changed server setting, a failover or a rebalanced proxy reaches every
// connection within it. ConnMaxIdle closes a connection unused that long.
const (
	DefaultConnLifetime = 30 * time.Minute
	ConnMaxIdle         = 5 * time.Minute
)

// Options tune how a database is opened; the zero value gives the defaults.
type Options struct {
	// Pool is the most connections the PostgreSQL pool opens (0 for
	// DefaultPool). SQLite ignores it: its single writer is the limit.
	Pool int
	// ConnLifetime is how long a PostgreSQL connection serves at most (0
	// for DefaultConnLifetime). SQLite, whose connections are files of
	// this process, ignores it.
	ConnLifetime time.Duration
}

// Open connects to dsn: a postgres:// or postgresql:// URL, or else a path
// to a SQLite file (created with its folder if missing).
func Open(ctx context.Context, dsn string) (*DB, error) {
	return OpenWith(ctx, dsn, Options{})
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, dsn string, opt Options) (*DB, error) {
	if opt.Pool <= 0 {
		opt.Pool = DefaultPool
	}
	if opt.ConnLifetime <= 0 {
		opt.ConnLifetime = DefaultConnLifetime
	}
	db := &DB{DSN: dsn, Now: time.Now, pool: opt.Pool}
	db.batch = &batcher{db: db}
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		db.Dialect = Postgres
		pool, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, err
		}
		pool.SetMaxOpenConns(opt.Pool)
		pool.SetMaxIdleConns(opt.Pool)
		pool.SetConnMaxIdleTime(ConnMaxIdle)
		pool.SetConnMaxLifetime(opt.ConnLifetime)
		db.read, db.write = pool, pool
	} else {
		db.Dialect = SQLite
		if err := os.MkdirAll(filepath.Dir(dsn), 0o750); err != nil {
			return nil, err
		}
		q := url.Values{}
		for _, p := range []string{"busy_timeout(10000)", "journal_mode(WAL)", "foreign_keys(1)", "synchronous(NORMAL)"} {
			q.Add("_pragma", p)
		}
		q.Set("_txlock", "immediate")
		var err error
		if db.write, err = sql.Open("sqlite", "file:"+dsn+"?"+q.Encode()); err != nil {
			return nil, err
		}
		db.write.SetMaxOpenConns(1)
		if db.read, err = sql.Open("sqlite", "file:"+dsn+"?"+q.Encode()); err != nil {
			return nil, err
		}
		db.read.SetMaxOpenConns(8)
		db.read.SetMaxIdleConns(8) // keep connections (and SQLite's page cache) between requests
		db.readStmts, db.writeStmts = newStatements(db.read), newStatements(db.write)
	}
	if err := db.write.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to %s database: %w", db.Dialect, err)
	}
	return db, nil
}

// Close closes both pools.
func (db *DB) Close() error {
	var err error
	if st := db.revision.Load(); st != nil {
		err = st.Close()
	}
	if db.readStmts != nil {
		err = errors.Join(err, db.readStmts.close(), db.writeStmts.close())
	}
	err = errors.Join(err, db.write.Close())
	if db.read != db.write {
		err = errors.Join(err, db.read.Close())
	}
	return err
}

// Tx is a write transaction. Public store methods open one and pass it to
// small private helpers so that the helpers compose.
type Tx struct {
	tx  *sql.Tx
	db  *DB
	now time.Time
	// savepoints is how deep the savepoints open in tx are nested.
	savepoints int
}

// Begin starts a write transaction.
func (db *DB) Begin(ctx context.Context) (*Tx, error) {
	if db.writeStmts != nil {
		db.writeStmts.prepareWanted(ctx)
	}
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	return &Tx{tx: tx, db: db, now: db.Now().UTC()}, nil
}

// Commit commits the transaction.
func (tx *Tx) Commit() error { return tx.tx.Commit() }

// Rollback aborts the transaction; after Commit it does nothing.
func (tx *Tx) Rollback() error { return tx.tx.Rollback() }

func (tx *Tx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if st := tx.prepared(ctx, q); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return tx.tx.ExecContext(ctx, tx.db.rebind(q), args...)
}

func (tx *Tx) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if st := tx.prepared(ctx, q); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return tx.tx.QueryContext(ctx, tx.db.rebind(q), args...)
}

func (tx *Tx) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	if st := tx.prepared(ctx, q); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return tx.tx.QueryRowContext(ctx, tx.db.rebind(q), args...)
}

// prepared is the kept statement of q for this transaction, if there is one.
func (tx *Tx) prepared(ctx context.Context, q string) *sql.Stmt {
	if tx.db.writeStmts == nil {
		return nil
	}
	if st := tx.db.writeStmts.lookup(q); st != nil {
		return tx.tx.StmtContext(ctx, st)
	}
	return nil
}

// queryer is what read helpers need: a transaction or the read pool.
type queryer interface {
	query(ctx context.Context, q string, args ...any) (*sql.Rows, error)
	queryRow(ctx context.Context, q string, args ...any) *sql.Row
}

// reader reads from the read pool, outside any transaction. A read that
// fails for a transient reason (retryTx), such as a connection terminated
// since its last use, is made again; one that fails while its rows are
// read is not.
type reader struct{ db *DB }

func (r reader) query(ctx context.Context, q string, args ...any) (rows *sql.Rows, err error) {
	err = r.db.retryTx(ctx, func() error {
		rows, err = r.queryOnce(ctx, q, args...)
		return err
	})
	return rows, err
}

func (r reader) queryOnce(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if r.db.readStmts != nil {
		if st := r.db.readStmts.get(ctx, q); st != nil {
			return st.QueryContext(ctx, args...)
		}
	}
	return r.db.read.QueryContext(ctx, r.db.rebind(q), args...)
}

func (r reader) queryRow(ctx context.Context, q string, args ...any) (row *sql.Row) {
	r.db.retryTx(ctx, func() error {
		row = r.queryRowOnce(ctx, q, args...)
		return row.Err() // the query's error, which Scan reports
	})
	return row
}

func (r reader) queryRowOnce(ctx context.Context, q string, args ...any) *sql.Row {
	if r.db.readStmts != nil {
		if st := r.db.readStmts.get(ctx, q); st != nil {
			return st.QueryRowContext(ctx, args...)
		}
	}
	return r.db.read.QueryRowContext(ctx, r.db.rebind(q), args...)
}

func (db *DB) reader() queryer { return reader{db} }

// inTx runs fn in a write transaction and commits it when fn succeeds.
// When the transaction fails for a transient reason (a lost connection, a
// serialization failure, a deadlock) and did not commit, the whole of it
// runs again (retryTx): fn may run more than once, so it must set its
// results afresh each time, and only the last run's writes remain.
func (db *DB) inTx(ctx context.Context, fn func(tx *Tx) error) error {
	return db.retryTx(ctx, func() error {
		tx, err := db.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		if err := fn(tx); err != nil {
			return err
		}
		return tx.commit()
	})
}

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.read.PingContext(ctx) }

// millis is how machine timestamps are stored: Unix milliseconds, UTC.
func millis(t time.Time) int64 { return t.UnixMilli() }

func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
