package store

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/chancery-platform/chancery/booking"
)

// refuseLotteryOnly is booking.ErrLotteryOnly when the slot of svc that
// starts at start is given out by an undrawn lottery release. It reads in
// the booking's own transaction, with the service's mode as stored there,
// so the pages, the API and the desk are refused alike.
func (tx *Tx) refuseLotteryOnly(ctx context.Context, svc booking.Service, start time.Time) error {
	var mode string
	err := tx.queryRow(ctx, `SELECT s.mode FROM releases r JOIN services s ON s.id = r.service_id
		WHERE r.service_id = ? AND r.starts_at = ? AND r.drawn_at IS NULL LIMIT 1`, svc.ID, millis(start)).Scan(&mode)
	if isNoRows(err) {
		return nil
	}
	if err != nil {
		return err
	}
	if booking.LotteryOnly(booking.Service{Mode: booking.Mode(mode)}, true) {
		return booking.ErrLotteryOnly
	}
	return nil
}

// LotteryOnlyStarts returns the starts (Unix milliseconds) of the slots of
// svc in [from, to) that only a lottery draw gives out (booking.LotteryOnly),
// so that listings leave them out; nil for a service in open mode.
func (db *DB) LotteryOnlyStarts(ctx context.Context, svc booking.Service, from, to time.Time) (map[int64]bool, error) {
	if !booking.LotteryOnly(svc, true) {
		return nil, nil
	}
	rows, err := db.reader().query(ctx, `SELECT starts_at FROM releases
		WHERE service_id = ? AND drawn_at IS NULL AND starts_at >= ? AND starts_at < ?`, svc.ID, millis(from), millis(to))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var start int64
		if err := rows.Scan(&start); err != nil {
			return nil, err
		}
		out[start] = true
	}
	return out, rows.Err()
}

// isUniqueViolation reports whether err is a unique index refusing a
// write that a concurrent transaction made first (PostgreSQL 23505; on
// SQLite writers take turns, so a condition in the write catches it).
func isUniqueViolation(err error) bool {
	var pg *pgconn.PgError
	return errors.As(err, &pg) && pg.Code == "23505"
}

// enqueueEach adds messages to the outbox in tx.
func (tx *Tx) enqueueEach(ctx context.Context, msgs []Message) error {
	for _, m := range msgs {
		if _, err := tx.enqueue(ctx, m); err != nil {
			return err
		}
	}
	return nil
}
