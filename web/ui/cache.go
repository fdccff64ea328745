package ui

import (
	"bytes"
	"container/list"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/chancery-platform/chancery/mission"
)

// The page cache keeps the rendered public answers given to readers who are
// not signed in. Its key holds the data revision (store.DB.Revision), which
// every audited change raises in the same transaction, so a change made
// through any instance is seen at once through every instance: the cache
// holds nothing another instance needs, and nothing it could serve stale.
// The key also holds the day in the missions' time zone (districts and fees
// are dated), the language, the path and the query parameters the route
// declares it reads; a request carrying any other parameter is answered
// without the cache, so junk in a query string costs no memory. The cache
// is bounded in bytes and drops the least recently used page first.

// DefaultPageCacheBytes is the page cache's size when Config leaves it 0.
const DefaultPageCacheBytes = 64 << 20

// pageOverhead approximates what an entry costs besides its key, body and
// headers (map slot, list element, slices' headers).
const pageOverhead = 256

// cachedHeaders are the headers a handler sets that belong to the answer.
var cachedHeaders = []string{"Content-Type", "Content-Language", "Vary", "Cache-Control"}

// everyPageReads are the query parameters every page reads: the language,
// which the middleware has already taken into the key.
var everyPageReads = []string{"lang"}

type cachedPage struct {
	key    string
	header http.Header
	body   *Encoded
	size   int64
}

// pageCache is a least-recently-used cache of pages bounded in bytes.
type pageCache struct {
	mu    sync.Mutex
	max   int64 // bytes; 0 or less keeps nothing
	used  int64
	pages map[string]*list.Element // of *cachedPage
	order list.List                // most recently used first
}

func (c *pageCache) get(key string) (*cachedPage, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.pages[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*cachedPage), true
}

// put keeps p, dropping the least recently used pages until it fits. A
// page larger than an eighth of the cache is not kept, so that no single
// answer pushes out many others.
func (c *pageCache) put(p *cachedPage) {
	p.size = int64(len(p.key)+p.body.Size()) + pageOverhead
	for k, vs := range p.header {
		p.size += int64(len(k))
		for _, v := range vs {
			p.size += int64(len(v))
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if p.size > c.max/8 {
		return
	}
	if c.pages == nil {
		c.pages = map[string]*list.Element{}
	}
	if e, ok := c.pages[p.key]; ok {
		c.remove(e)
	}
	for c.used+p.size > c.max {
		c.remove(c.order.Back())
	}
	c.pages[p.key] = c.order.PushFront(p)
	c.used += p.size
}

func (c *pageCache) remove(e *list.Element) {
	p := c.order.Remove(e).(*cachedPage)
	delete(c.pages, p.key)
	c.used -= p.size
}

// PageCacheSize is how many pages the page cache holds and their size in
// bytes, for metrics and tests.
func (s *Server) PageCacheSize() (pages int, bytes int64) {
	s.cache.mu.Lock()
	defer s.cache.mu.Unlock()
	return len(s.cache.pages), s.cache.used
}

// recorder passes an answer through and keeps a copy of it.
type recorder struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (rec *recorder) WriteHeader(status int) {
	if rec.status == 0 {
		rec.status = status
	}
	rec.ResponseWriter.WriteHeader(status)
}

func (rec *recorder) Write(b []byte) (int, error) {
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	rec.body.Write(b)
	return rec.ResponseWriter.Write(b)
}

// Cached serves h's successful answers to GET from the page cache. reads
// names the query parameters h reads (besides lang): h is given the
// request with those alone, so its answer depends on nothing the key
// leaves out, and a request with any other parameter is answered by h
// without the cache.
func (s *Server) Cached(h http.HandlerFunc, reads ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v := VisitOf(r)
		if v.Session != nil || r.Method != http.MethodGet {
			h(w, r)
			return
		}
		query, known := declaredQuery(r.URL.Query(), reads)
		r = withQuery(r, query)
		if !known || s.cache.max <= 0 {
			h(w, r)
			return
		}
		rev, err := s.DB.Revision(r.Context())
		if err != nil {
			h(w, r)
			return
		}
		// The page's canonical address depends on whether its address named
		// the language (see View.Canonical), so that is in the key too.
		key := strconv.FormatInt(rev, 10) + " " + s.Today(MissionZone) + " " + v.Lang + " " + strconv.FormatBool(v.LangInAddress) + " " + r.URL.EscapedPath() + "?" + query
		if p, ok := s.cache.get(key); ok {
			s.Cfg.Metrics.CacheHit()
			for k, vs := range p.header {
				w.Header()[k] = vs
			}
			p.body.Write(w, r)
			return
		}
		s.Cfg.Metrics.CacheMiss()
		rec := &recorder{ResponseWriter: w}
		h(rec, r)
		if rec.status != http.StatusOK {
			return
		}
		p := &cachedPage{key: key, header: http.Header{},
			body: Encode(w.Header().Get("Content-Type"), bytes.Clone(rec.body.Bytes()))}
		for _, k := range cachedHeaders {
			if vs := w.Header().Values(k); len(vs) > 0 {
				p.header[k] = vs
			}
		}
		s.cache.put(p)
	}
}

// declaredQuery is the canonical query of the parameters in reads, and
// whether q holds no other parameter (lang aside).
func declaredQuery(q url.Values, reads []string) (string, bool) {
	known := true
	kept := url.Values{}
	for name, vs := range q {
		switch {
		case slices.Contains(reads, name):
			kept[name] = vs
		case !slices.Contains(everyPageReads, name):
			known = false
		}
	}
	return kept.Encode(), known
}

// withQuery is r with its query string replaced.
func withQuery(r *http.Request, query string) *http.Request {
	if r.URL.RawQuery == query {
		return r
	}
	r2 := *r
	u := *r.URL
	u.RawQuery = query
	r2.URL = &u
	return &r2
}

// Today is the current day in a time zone, as YYYY-MM-DD.
func (s *Server) Today(tz string) string {
	return s.DB.Now().In(mission.Zone(tz)).Format(time.DateOnly)
}

// MissionZone is the time zone of the missions in China, in which dates such
// as "today" are reckoned.
const MissionZone = "Asia/Shanghai"
