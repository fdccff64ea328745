package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Hit counts one attempt against bucket and reports whether the attempt is
// within limit over a sliding window (see hitAll). The count lives in the
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
// buckets' windows before the previous one.
//
// Attempts are counted per fixed window, but a limit is judged over a
// sliding one: the current window's count plus the previous window's,
// weighted by how much of it the sliding window still covers. A count that
// simply started again at each window's boundary would let twice the limit
// through across it (and would make a limit's test fail when it happens to
// run over a boundary).
func (tx *Tx) hitAll(ctx context.Context, limits []Limit, window time.Duration) (allowed bool, retryAfter time.Duration, err error) {
	now := tx.db.Now().UTC()
	start := now.Truncate(window)
	previous := start.Add(-window)
	if len(limits) == 0 {
		return true, 0, nil
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
	forgetArgs := append(slices.Clone(buckets), millis(previous))
	count := `INSERT INTO rate_limits (bucket, window_start, hits) VALUES ` + strings.Join(values, ", ") + `
		ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1 RETURNING bucket, hits`
	earlier := map[string]int{}
	var res *sql.Rows
	if tx.db.Dialect == Postgres {
		// One round trip: PostgreSQL runs a DELETE and the upsert in WITH
		// clauses, and the outer query reads the previous window's count
		// (rows the statement leaves alone: it forgets older windows and
		// counts in the current one).
		res, err = tx.query(ctx, `WITH forgotten AS (`+forget+`), counted AS (`+count+`)
			SELECT c.bucket, c.hits, COALESCE(p.hits, 0) FROM counted c
			LEFT JOIN rate_limits p ON p.bucket = c.bucket AND p.window_start = ?`,
			slices.Concat(forgetArgs, rows, []any{millis(previous)})...)
	} else {
		if _, err := tx.exec(ctx, forget, forgetArgs...); err != nil {
			return false, 0, err
		}
		if err := tx.earlierHits(ctx, earlier, `SELECT bucket, hits FROM rate_limits WHERE bucket IN (`+strings.Join(in, ", ")+`) AND window_start = ?`,
			append(slices.Clone(buckets), millis(previous))...); err != nil {
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
	elapsed := now.Sub(start)
	for res.Next() {
		var bucket string
		var hits, before int
		dest := []any{&bucket, &hits}
		if tx.db.Dialect == Postgres {
			dest = append(dest, &before)
		}
		if err := res.Scan(dest...); err != nil {
			return false, 0, err
		}
		if tx.db.Dialect != Postgres {
			before = earlier[bucket]
		}
		ok, wait := slidingLimit(limit[bucket], hits, before, elapsed, window)
		allowed = allowed && ok
		retryAfter = max(retryAfter, wait)
		counted++
	}
	if err := res.Err(); err != nil {
		return false, 0, err
	}
	if counted != len(limits) {
		return false, 0, fmt.Errorf("rate limits: %d of %d buckets counted", counted, len(limits))
	}
	return allowed, retryAfter, nil
}

// earlierHits reads the previous window's counts into into.
func (tx *Tx) earlierHits(ctx context.Context, into map[string]int, query string, args ...any) error {
	res, err := tx.query(ctx, query, args...)
	if err != nil {
		return err
	}
	defer res.Close()
	for res.Next() {
		var bucket string
		var hits int
		if err := res.Scan(&bucket, &hits); err != nil {
			return err
		}
		into[bucket] = hits
	}
	return res.Err()
}

// slidingLimit judges an attempt, already counted in hits (the current
// window's count), against max over a sliding window that covers the part
// of the previous window (with before attempts) not yet passed: elapsed is
// how far the current window has gone. wait is how long until the next
// attempt would be allowed, when this one is not.
func slidingLimit(limit, hits, before int, elapsed, window time.Duration) (allowed bool, wait time.Duration) {
	// Counts are weighed in window-length units to stay in integers.
	within := func(hits, before int, elapsed time.Duration) bool {
		return int64(hits)*int64(window)+int64(before)*int64(window-elapsed) <= int64(limit)*int64(window)
	}
	if within(hits, before, elapsed) {
		return true, 0
	}
	// The next attempt counts one more in this window, or, in the next
	// one, one against this window's count as the previous.
	if hits+1 <= limit && before > 0 {
		// before·(window−t) ≤ (limit−hits−1)·window
		t := window - time.Duration(int64(limit-hits-1)*int64(window)/int64(before))
		return false, max(t-elapsed, time.Second)
	}
	if limit < 1 {
		return false, 2*window - elapsed
	}
	// 1·window + hits·(window−t) ≤ limit·window, in the next window
	t := window - time.Duration(int64(limit-1)*int64(window)/int64(hits))
	return false, window - elapsed + max(t, 0) + time.Second
}
