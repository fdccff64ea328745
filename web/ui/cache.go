package ui

import (
	"bytes"
	"net/http"
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
// are dated), the language and the whole request URI.

// maxCachedPages bounds the cache; when full it starts again empty.
const maxCachedPages = 2048

// cachedHeaders are the headers a handler sets that belong to the answer.
var cachedHeaders = []string{"Content-Type", "Content-Language", "Vary", "Cache-Control"}

type cachedPage struct {
	header http.Header
	body   []byte
}

type pageCache struct {
	mu    sync.Mutex
	pages map[string]cachedPage
}

func (c *pageCache) get(key string) (cachedPage, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p, ok := c.pages[key]
	return p, ok
}

func (c *pageCache) put(key string, p cachedPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.pages == nil || len(c.pages) >= maxCachedPages {
		c.pages = make(map[string]cachedPage)
	}
	c.pages[key] = p
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

// Cached serves h's successful answers to GET and HEAD from the page cache.
func (s *Server) Cached(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		v := VisitOf(r)
		if v.Session != nil || r.Method != http.MethodGet {
			h(w, r)
			return
		}
		rev, err := s.DB.Revision(r.Context())
		if err != nil {
			h(w, r)
			return
		}
		key := strconv.FormatInt(rev, 10) + " " + s.Today(MissionZone) + " " + v.Lang + " " + r.URL.RequestURI()
		if p, ok := s.cache.get(key); ok {
			s.Cfg.Metrics.CacheHit()
			for k, vs := range p.header {
				w.Header()[k] = vs
			}
			w.Header().Set("Content-Length", strconv.Itoa(len(p.body)))
			w.WriteHeader(http.StatusOK)
			w.Write(p.body)
			return
		}
		s.Cfg.Metrics.CacheMiss()
		rec := &recorder{ResponseWriter: w}
		h(rec, r)
		if rec.status != http.StatusOK {
			return
		}
		p := cachedPage{header: http.Header{}, body: bytes.Clone(rec.body.Bytes())}
		for _, k := range cachedHeaders {
			if vs := w.Header().Values(k); len(vs) > 0 {
				p.header[k] = vs
			}
		}
		s.cache.put(key, p)
	}
}

// Today is the current day in a time zone, as YYYY-MM-DD.
func (s *Server) Today(tz string) string {
	return s.DB.Now().In(mission.Zone(tz)).Format(time.DateOnly)
}

// MissionZone is the time zone of the missions in China, in which dates such
// as "today" are reckoned.
const MissionZone = "Asia/Shanghai"
