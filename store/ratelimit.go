package store

import (
	"context"
	"time"
)

// Hit counts one attempt against bucket in the current fixed window and
// reports whether the attempt is within limit. The count lives in the
// database and is incremented by a single upsert, so every instance on the
// same database shares it.
func (db *DB) Hit(ctx context.Context, bucket string, limit int, window time.Duration) (allowed bool, retryAfter time.Duration, err error) {
	now := db.Now().UTC()
	start := now.Truncate(window)
	var hits int
	err = db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `DELETE FROM rate_limits WHERE bucket = ? AND window_start < ?`, bucket, millis(start)); err != nil {
			return err
		}
		return tx.queryRow(ctx, `INSERT INTO rate_limits (bucket, window_start, hits) VALUES (?, ?, 1)
			ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1 RETURNING hits`,
			bucket, millis(start)).Scan(&hits)
	})
	if err != nil {
		return false, 0, err
	}
	return hits <= limit, start.Add(window).Sub(now), nil
}

// Limit is one rate limit: at most Max attempts per window in Bucket.
type Limit struct {
	Bucket string
	Max    int
}

// HitAll counts one attempt against every limit in a single transaction
// and reports whether all of them allow it; retryAfter is when the window
// ends.
func (db *DB) HitAll(ctx context.Context, limits []Limit, window time.Duration) (allowed bool, retryAfter time.Duration, err error) {
	now := db.Now().UTC()
	start := now.Truncate(window)
	allowed = true
	err = db.inTx(ctx, func(tx *Tx) error {
		for _, l := range limits {
			if _, err := tx.exec(ctx, `DELETE FROM rate_limits WHERE bucket = ? AND window_start < ?`, l.Bucket, millis(start)); err != nil {
				return err
			}
			var hits int
			if err := tx.queryRow(ctx, `INSERT INTO rate_limits (bucket, window_start, hits) VALUES (?, ?, 1)
				ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1 RETURNING hits`,
				l.Bucket, millis(start)).Scan(&hits); err != nil {
				return err
			}
			allowed = allowed && hits <= l.Max
		}
		return nil
	})
	if err != nil {
		return false, 0, err
	}
	return allowed, start.Add(window).Sub(now), nil
}
