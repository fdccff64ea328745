package store

import (
	"context"
	"database/sql"
)

// InTx runs fn in a write transaction the way every store method does
// (inTx), for tests of what happens when it fails.
func (db *DB) InTx(ctx context.Context, fn func(tx *Tx) error) error { return db.inTx(ctx, fn) }

// Exec runs a statement in the transaction.
func (tx *Tx) Exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	return tx.exec(ctx, q, args...)
}

// QueryRow runs a query of one row in the transaction.
func (tx *Tx) QueryRow(ctx context.Context, q string, args ...any) *sql.Row {
	return tx.queryRow(ctx, q, args...)
}

// Retried is how many transactions ran again after a transient failure.
func (db *DB) Retried() int64 { return db.retried.Load() }
