package store

import (
	"context"
	"database/sql"
	"time"
)

// CheckWrite proves that the database takes writes: it opens a write
// transaction (on SQLite through the single writer connection, taking the
// write lock), runs an update that changes nothing, and rolls it back. A
// PostgreSQL server that went read-only or a writer connection stuck
// behind a long transaction fails here, where a ping would succeed.
func (db *DB) CheckWrite(ctx context.Context) error {
	tx, err := db.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// An update, not a select, so that a read-only server refuses it; no
	// row has id 0, so nothing is written even before the rollback.
	_, err = tx.tx.ExecContext(ctx, `UPDATE data_revision SET n = n WHERE id = 0`)
	return err
}

// OutboxBacklog counts the messages not yet sent nor given up and tells when the oldest
// of them was queued (zero when there is none), for the metrics.
func (db *DB) OutboxBacklog(ctx context.Context) (unsent int, oldest time.Time, err error) {
	var first sql.NullInt64
	err = db.reader().queryRow(ctx, `SELECT COUNT(*), MIN(created_at) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL`).Scan(&unsent, &first)
	if first.Valid {
		oldest = fromMillis(first.Int64)
	}
	return unsent, oldest, err
}

// Pools names the connection pools the database uses, for the metrics:
// on SQLite the readers' and the single writer's, on PostgreSQL one.
func (db *DB) Pools() map[string]*sql.DB {
	if db.read == db.write {
		return map[string]*sql.DB{db.Dialect: db.write}
	}
	return map[string]*sql.DB{db.Dialect + "-read": db.read, db.Dialect + "-write": db.write}
}
