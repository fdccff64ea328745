// Package searches holds the workflow of a search of the record of
// cooperation: counted against the client's rate limit, then run. The
// public pages and the JSON API both call it, so a client cannot search
// more through one than through the other.
package searches

import (
	"context"
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
// client's limit; over it, the error is a rate-limit refusal
// (chancery.TooMany) that carries the wait.
func (s *Searches) Page(ctx context.Context, ip string, q store.CoopSearchQuery) ([]store.CoopRecord, bool, error) {
	if s.limit > 0 {
		ok, retry, err := s.db.HitAll(ctx, []store.Limit{{Bucket: "search-ip:" + ip, Max: s.limit}}, Window)
		if err != nil {
			return nil, false, err
		}
		if !ok {
			s.Metrics.RateLimited("search")
			// The message tells the wait in seconds, as Retry-After does
			// (ui.StatusFor writes the header from the error).
			e := chancery.TooMany("error.search_rate_limited", retry)
			e.Data["Seconds"] = max(1, int((retry+time.Second-1)/time.Second))
			return nil, false, e
		}
	}
	return s.db.CoopSearchPage(ctx, q)
}
