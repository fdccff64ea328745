// Package searches holds the workflow of a search of the record of
// cooperation: counted against the client's rate limit, then run. The
// public pages and the JSON API both call it, so a client cannot search
// more through one than through the other.
package searches

import (
	"context"
	"errors"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/monitor"
	"github.com/chancery-platform/chancery/store"
)

// PerClient is how many searches a client address may make per Window
// unless the server is configured otherwise: more than a person types,
// far fewer than a script that walks the record query by query. The count
// lives in the database, so every instance shares it.
const (
	PerClient = 60
	Window    = time.Minute
)

// Searches runs searches over one database.
type Searches struct {
	db    *store.DB
	limit int
	// Metrics counts refusals by the rate limit; nil counts nothing.
	Metrics *monitor.Metrics
}

// New returns the workflow over db, allowing perClient searches per Window
// and client address: 0 for PerClient, negative for no limit.
func New(db *store.DB, perClient int) *Searches {
	if perClient == 0 {
		perClient = PerClient
	}
	return &Searches{db: db, limit: perClient}
}

// Page finds one page of the records q asks for (store.DB.CoopSearchPage)
// for the client at address ip, once the search is counted against the
// client's limit; over it, the error is a rate-limit refusal that
// RetryAfter reads.
func (s *Searches) Page(ctx context.Context, ip string, q store.CoopSearchQuery) ([]store.CoopRecord, bool, error) {
	if s.limit > 0 {
		ok, retry, err := s.db.HitAll(ctx, []store.Limit{{Bucket: "search-ip:" + ip, Max: s.limit}}, Window)
		if err != nil {
			return nil, false, err
		}
		if !ok {
			s.Metrics.RateLimited("search")
			return nil, false, &rateLimited{err: chancery.Errorf(chancery.ERATELIMIT, "error.search_rate_limited",
				"Seconds", seconds(retry)), retry: retry}
		}
	}
	return s.db.CoopSearchPage(ctx, q)
}

// rateLimited is a search refused by the rate limit, with when to try
// again.
type rateLimited struct {
	err   *chancery.Error
	retry time.Duration
}

func (e *rateLimited) Error() string { return e.err.Error() }
func (e *rateLimited) Unwrap() error { return e.err }

// RetryAfter is the whole number of seconds, at least 1, after which a
// search refused with err may be tried again: the value of a Retry-After
// header. ok is false for any other error.
func RetryAfter(err error) (secs int, ok bool) {
	var rl *rateLimited
	if !errors.As(err, &rl) {
		return 0, false
	}
	return seconds(rl.retry), true
}

// seconds rounds d up to whole seconds, at least one.
func seconds(d time.Duration) int {
	return max(1, int((d+time.Second-1)/time.Second))
}
