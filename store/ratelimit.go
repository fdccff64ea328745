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
	// NotWhenFull leaves uncounted a booking attempt refused because its
	// slot or its day is full (see limitedWrite): the person did nothing
	// wrong, and many lose in a release.
	NotWhenFull bool
}

// uncount takes back the attempt hitAll counted in tx against the
// limits marked NotWhenFull.
func (tx *Tx) uncount(ctx context.Context, limits []Limit, window time.Duration) error {
	start := tx.db.Now().UTC().Truncate(window)
	for _, l := range limits {
		if !l.NotWhenFull {
			continue
		}
		if _, err := tx.exec(ctx, `UPDATE rate_limits SET hits = hits - 1 WHERE bucket = ? AND window_start = ? AND hits > 0`,
			l.Bucket, millis(start)); err != nil {
			return err
		}
	}
	return nil
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

// LongestLimitWindow is the longest window a rate limit may count over:
// PruneExpired deletes counts older than two of them, which no limit reads.
const LongestLimitWindow = 24 * time.Hour

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
	if len(limits) == 0 {
		return true, 0, nil
	}
	if window <= 0 || window > LongestLimitWindow {
		return false, 0, fmt.Errorf("rate limit window %v not within (0, %v]", window, LongestLimitWindow)
	}
	now := tx.db.Now().UTC()
	start := now.Truncate(window)
	// In the order of their names, so that transactions counting the same
	// buckets lock their rows in the same order.
	byName := slices.SortedFunc(slices.Values(limits), func(a, b Limit) int { return strings.Compare(a.Bucket, b.Bucket) })
	for i := 1; i < len(byName); i++ {
		if byName[i].Bucket == byName[i-1].Bucket {
			return false, 0, fmt.Errorf("rate limit bucket %q counted twice", byName[i].Bucket)
		}
	}
	counts, err := tx.countHits(ctx, byName, start, start.Add(-window))
	if err != nil {
		return false, 0, err
	}
	allowed = true
	for _, l := range byName {
		c, ok := counts[l.Bucket]
		if !ok {
			return false, 0, fmt.Errorf("rate limits: bucket %q not counted", l.Bucket)
		}
		ok, wait := slidingLimit(l.Max, c.hits, c.before, now.Sub(start), window)
		allowed = allowed && ok
		retryAfter = max(retryAfter, wait)
	}
	return allowed, retryAfter, nil
}

// bucketCount is a bucket's attempts in the current window (this one
// included) and in the one before.
type bucketCount struct{ hits, before int }

// countHits forgets the buckets' windows before previous, counts one
// attempt in the window that begins at start, and returns each bucket's
// counts in that window and in previous. PostgreSQL does it in one
// statement; SQLite, which has no DELETE or INSERT in a WITH clause, in
// three.
func (tx *Tx) countHits(ctx context.Context, byName []Limit, start, previous time.Time) (map[string]bucketCount, error) {
	names := make([]string, len(byName))
	for i, l := range byName {
		names[i] = l.Bucket
	}
	inBuckets, bucketsArg, err := tx.db.oneOf("bucket", names)
	if err != nil {
		return nil, err
	}
	eachBucket, eachArg, err := tx.db.rowsOf(names)
	if err != nil {
		return nil, err
	}
	forget := `DELETE FROM rate_limits WHERE ` + inBuckets + ` AND window_start < ?`
	// WHERE true tells SQLite's parser that ON CONFLICT is the INSERT's,
	// not a join's of the SELECT.
	count := `INSERT INTO rate_limits (bucket, window_start, hits) SELECT value, CAST(? AS BIGINT), 1 FROM ` + eachBucket + ` WHERE true
		ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1 RETURNING bucket, hits`
	rows := []any{millis(start), eachArg}
	bucketsAnd := func(t time.Time) []any { return []any{bucketsArg, millis(t)} }
	counts := map[string]bucketCount{}
	if tx.db.Dialect == Postgres {
		// The outer query reads the previous window's rows, which the
		// statement neither forgets nor counts in.
		res, err := tx.query(ctx, `WITH forgotten AS (`+forget+`), counted AS (`+count+`)
			SELECT c.bucket, c.hits, COALESCE(p.hits, 0) FROM counted c
			LEFT JOIN rate_limits p ON p.bucket = c.bucket AND p.window_start = ?`,
			slices.Concat(bucketsAnd(previous), rows, []any{millis(previous)})...)
		if err != nil {
			return nil, err
		}
		defer res.Close()
		for res.Next() {
			var bucket string
			var c bucketCount
			if err := res.Scan(&bucket, &c.hits, &c.before); err != nil {
				return nil, err
			}
			counts[bucket] = c
		}
		return counts, res.Err()
	}
	if _, err := tx.exec(ctx, forget, bucketsAnd(previous)...); err != nil {
		return nil, err
	}
	before, err := bucketHits(tx.query(ctx, `SELECT bucket, hits FROM rate_limits WHERE `+inBuckets+` AND window_start = ?`, bucketsAnd(previous)...))
	if err != nil {
		return nil, err
	}
	hits, err := bucketHits(tx.query(ctx, count, rows...))
	for bucket, n := range hits {
		counts[bucket] = bucketCount{n, before[bucket]}
	}
	return counts, err
}

// bucketHits reads rows of (bucket, hits).
func bucketHits(res *sql.Rows, err error) (map[string]int, error) {
	if err != nil {
		return nil, err
	}
	defer res.Close()
	hits := map[string]int{}
	for res.Next() {
		var bucket string
		var n int
		if err := res.Scan(&bucket, &n); err != nil {
			return nil, err
		}
		hits[bucket] = n
	}
	return hits, res.Err()
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
