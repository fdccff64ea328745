package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Hit counts one attempt against bucket in the current fixed window and
// reports whether the attempt is within limit. The count lives in the
// database and is incremented by a single upsert, so every instance on the
// same database shares it. It is a write transaction of its own.
func (db *DB) Hit(ctx context.Context, bucket string, limit int, window time.Duration) (allowed bool, retryAfter time.Duration, err error) {
	err = db.inTx(ctx, func(tx *Tx) error {
		allowed, retryAfter, err = tx.hitAll(ctx, []Limit{{Bucket: bucket, Max: limit}}, window)
		return err
	})
	if err != nil {
		return false, 0, err
	}
	return allowed, retryAfter, nil
}

// Limit is one rate limit: at most Max attempts per window in Bucket.
type Limit struct {
	Bucket string
	Max    int
}

// HitAll counts one attempt against every limit in a single transaction
// and reports whether all of them allow it; retryAfter is when the window
// ends. The transaction may be shared with other requests' (see inBatch);
// the counts are the database's all the same.
func (db *DB) HitAll(ctx context.Context, limits []Limit, window time.Duration) (allowed bool, retryAfter time.Duration, err error) {
	err = db.inBatch(ctx, func(ctx context.Context, tx *Tx) error {
		allowed, retryAfter, err = tx.hitAll(ctx, limits, window)
		return err
	})
	if err != nil {
		return false, 0, err
	}
	return allowed, retryAfter, nil
}

// hitAll counts one attempt against every limit in tx, forgetting the
// buckets' past windows: two statements, however many limits.
func (tx *Tx) hitAll(ctx context.Context, limits []Limit, window time.Duration) (allowed bool, retryAfter time.Duration, err error) {
	now := tx.db.Now().UTC()
	start := now.Truncate(window)
	if len(limits) == 0 {
		return true, start.Add(window).Sub(now), nil
	}
	// In the order of their names, so that transactions counting the same
	// buckets lock their rows in the same order.
	byName := slices.SortedFunc(slices.Values(limits), func(a, b Limit) int { return strings.Compare(a.Bucket, b.Bucket) })
	limit := map[string]int{}
	in, values := make([]string, len(byName)), make([]string, len(byName))
	var buckets, rows []any
	for i, l := range byName {
		if _, ok := limit[l.Bucket]; ok {
			return false, 0, fmt.Errorf("rate limit bucket %q counted twice", l.Bucket)
		}
		limit[l.Bucket] = l.Max
		in[i], values[i] = "?", "(?, ?, 1)"
		buckets = append(buckets, l.Bucket)
		rows = append(rows, l.Bucket, millis(start))
	}
	forget := `DELETE FROM rate_limits WHERE bucket IN (` + strings.Join(in, ", ") + `) AND window_start < ?`
	count := `INSERT INTO rate_limits (bucket, window_start, hits) VALUES ` + strings.Join(values, ", ") + `
		ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1 RETURNING bucket, hits`
	forgetArgs := append(buckets, millis(start))
	var res *sql.Rows
	if tx.db.Dialect == Postgres {
		// One round trip: PostgreSQL runs a DELETE in a WITH clause (the
		// rows it forgets are of past windows, never the ones counted).
		res, err = tx.query(ctx, `WITH forgotten AS (`+forget+`) `+count, append(forgetArgs, rows...)...)
	} else {
		if _, err := tx.exec(ctx, forget, forgetArgs...); err != nil {
			return false, 0, err
		}
		res, err = tx.query(ctx, count, rows...)
	}
	if err != nil {
		return false, 0, err
	}
	defer res.Close()
	allowed = true
	counted := 0
	for res.Next() {
		var bucket string
		var hits int
		if err := res.Scan(&bucket, &hits); err != nil {
			return false, 0, err
		}
		allowed = allowed && hits <= limit[bucket]
		counted++
	}
	if err := res.Err(); err != nil {
		return false, 0, err
	}
	if counted != len(limits) {
		return false, 0, fmt.Errorf("rate limits: %d of %d buckets counted", counted, len(limits))
	}
	return allowed, start.Add(window).Sub(now), nil
}
