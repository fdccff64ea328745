package store

import (
	"sync"
	"time"
)

// termCountsTTL is how long a term's count is trusted as a hint.
const termCountsTTL = 5 * time.Minute

// termCountsMax bounds the counts kept; when full, the stale are dropped,
// and if none is stale, all.
const termCountsMax = 1 << 16

// termCounts remembers how many records hold a term, so that a search does
// not count its terms again on every request. The counts only order a
// query's terms (rarest first, for speed): a stale count can make a search
// slower, never its answer wrong, so they may be kept per process. Only a
// term found in some record is remembered: that no record holds a term
// ends a search at once, so that is always read afresh.
type termCounts struct {
	mu sync.Mutex
	m  map[string]termCount
}

// termCount is a term's count of records, counted up to limit: exact
// when below it, else "at least limit".
type termCount struct {
	n, limit int
	at       time.Time
}

func (tc termCount) exact() bool { return tc.n < tc.limit }

// get returns the remembered count of term, if fresh.
func (c *termCounts) get(term string, now time.Time) (termCount, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	tc, ok := c.m[term]
	if !ok || now.Sub(tc.at) > termCountsTTL || tc.at.After(now) {
		return termCount{}, false
	}
	return tc, true
}

// put remembers a count greater than zero.
func (c *termCounts) put(term string, tc termCount, now time.Time) {
	if tc.n <= 0 {
		return
	}
	tc.at = now
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]termCount{}
	}
	if _, ok := c.m[term]; !ok && len(c.m) >= termCountsMax {
		for t, tc := range c.m {
			if now.Sub(tc.at) > termCountsTTL {
				delete(c.m, t)
			}
		}
		if len(c.m) >= termCountsMax {
			clear(c.m)
		}
	}
	c.m[term] = tc
}
