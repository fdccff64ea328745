package web_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/chancery-platform/chancery/monitor"
	"github.com/chancery-platform/chancery/store/storetest"
	"github.com/chancery-platform/chancery/web"
)

// cacheServer is a server over a fresh seeded database with a page cache
// of cacheBytes, and a way to count its cache hits.
func cacheServer(t *testing.T, cacheBytes int64) (srv *web.Server, get func(path string, header ...string) response, hits func() float64) {
	t.Helper()
	m, err := monitor.NewMetrics(prometheus.NewRegistry())
	if err != nil {
		t.Fatal(err)
	}
	srv, err = web.New(storetest.Seeded.Open(t), web.Config{Metrics: m, PageCacheBytes: cacheBytes, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	get = func(path string, header ...string) response {
		req := httptest.NewRequest("GET", path, nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		return response{Status: rec.Code, Body: rec.Body.String(), Header: rec.Header()}
	}
	hits = func() float64 {
		families, err := m.Registry().Gather()
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range families {
			if strings.HasSuffix(f.GetName(), "page_cache_lookups_total") {
				for _, c := range f.GetMetric() {
					if c.GetLabel()[0].GetValue() == "hit" {
						return c.GetCounter().GetValue()
					}
				}
			}
		}
		t.Fatal("no page cache metric")
		return 0
	}
	return srv, get, hits
}

// TestAbuse07UnknownParametersAreNotCached sends 2,000 requests whose
// query strings carry parameters no page reads, each different and large:
// they are answered as the page is, but the cache keeps none of them.
func TestAbuse07UnknownParametersAreNotCached(t *testing.T) {
	t.Parallel()
	srv, get, _ := cacheServer(t, 0)
	for _, path := range []string{"/relations", "/api/v1/match/sections", "/api/v1/subdivisions?country=CN"} {
		if res := get(path); res.Status != http.StatusOK {
			t.Fatalf("%s: %d", path, res.Status)
		}
	}
	pages, size := srv.PageCacheSize()
	if pages != 3 {
		t.Fatalf("the cache holds %d pages after three distinct ones, want 3", pages)
	}
	junk := strings.Repeat("x", 1<<10)
	for i := range 2000 {
		path := "/api/v1/subdivisions?country=BY&x=" + junk + strconv.Itoa(i)
		if i%500 == 0 {
			path = "/relations?utm_source=" + strconv.Itoa(i)
		}
		if res := get(path); res.Status != http.StatusOK {
			t.Fatalf("%.60s: %d", path, res.Status)
		}
	}
	if p, s := srv.PageCacheSize(); p != pages || s != size {
		t.Errorf("after 2,000 requests with unknown parameters the cache holds %d pages in %d bytes, want %d in %d", p, s, pages, size)
	}
	// The page with an unknown parameter is still the page, with the
	// language named in the address (which the canonical link follows) or not.
	for plain, tagged := range map[string]string{"/relations": "/relations?utm_source=mail", "/relations?lang=en": "/relations?utm_source=mail&lang=en"} {
		if get(plain).Body != get(tagged).Body {
			t.Errorf("%s differs from %s", tagged, plain)
		}
	}
}

// TestAbuse07CacheBoundedInBytes floods the cache with distinct values of
// a parameter the page reads: the cache never grows past its bound, it
// drops the least recently used pages one at a time, and the page readers
// keep asking for stays cached.
func TestAbuse07CacheBoundedInBytes(t *testing.T) {
	t.Parallel()
	const bound = 256 << 10
	srv, get, hits := cacheServer(t, bound)
	const hot = "/api/v1/subdivisions?country=CN"
	get(hot)
	for i := range 1000 {
		if res := get("/api/v1/subdivisions?country=" + url.QueryEscape("X"+strconv.Itoa(i)+strings.Repeat("y", 200))); res.Status != http.StatusOK {
			t.Fatalf("flood request %d: %d", i, res.Status)
		}
		pages, size := srv.PageCacheSize()
		if size > bound {
			t.Fatalf("after %d distinct pages the cache holds %d bytes, over its bound of %d", i+1, size, bound)
		}
		if i > 600 && pages < 100 {
			t.Fatalf("after %d distinct pages the cache holds only %d: it should drop one page at a time", i+1, pages)
		}
		if i%20 == 0 {
			before := hits()
			get(hot)
			if hits() != before+1 {
				t.Fatalf("after %d other pages, the page read every 20 requests is no longer cached", i+1)
			}
		}
	}
}

// TestAbuse07CachedPagesPerLanguage reads cached pages in every language,
// in turns, by Accept-Language, cookie and ?lang=: each answer is in the
// language asked for, however the cache was filled before.
func TestAbuse07CachedPagesPerLanguage(t *testing.T) {
	t.Parallel()
	_, get, hits := cacheServer(t, 0)
	tags := map[string]string{"en": `lang="en"`, "zh": `lang="zh-Hans"`, "ru": `lang="ru"`, "be": `lang="be"`}
	for round := range 2 {
		for lang, tag := range tags {
			for _, path := range []string{"/relations", "/missions/by-cg-chongqing", "/jurisdiction?place=Wuhan"} {
				for _, res := range []response{get(path, "Accept-Language", lang), get(path, "Cookie", "chancery_lang="+lang),
					get(path + map[bool]string{true: "&", false: "?"}[strings.Contains(path, "?")] + "lang=" + lang)} {
					if res.Status != http.StatusOK || !strings.Contains(res.Body, "<html "+tag) {
						t.Fatalf("round %d: %s in %s: %d, not in %s:\n%.300s", round, path, lang, res.Status, lang, res.Body)
					}
				}
			}
		}
	}
	if hits() == 0 {
		t.Error("no page came from the cache")
	}
}
