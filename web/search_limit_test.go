package web_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/searches"
	"github.com/chancery-platform/chancery/store/storetest"
	"github.com/chancery-platform/chancery/web"
)

// TestAbuse06SearchRateLimit: a client's searches through the pages and
// the API, on two instances of one database, count against one limit;
// over it the client gets 429 with a whole number of seconds in
// Retry-After and a message in its language, while another client still
// searches.
func TestAbuse06SearchRateLimit(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var urls []string
	for range 2 {
		srv, err := web.New(storetest.OpenDSN(t, e.DSN), web.Config{TrustProxy: true})
		if err != nil {
			t.Fatal(err)
		}
		ts := httptest.NewServer(srv)
		t.Cleanup(ts.Close)
		urls = append(urls, ts.URL)
	}
	search := func(i int, from, lang string) response {
		path := "/relations/search?q="
		if i%2 == 1 {
			path = "/api/v1/search?q="
		}
		// A query of its own each time, so the page cache never answers.
		return newClient(t, urls[i/2%2]).do("GET", path+"Chongqing+"+strconv.Itoa(i), nil,
			map[string]string{"X-Forwarded-For": from, "Accept-Language": lang})
	}
	for i := range searches.PerClient {
		if res := search(i, "203.0.113.7", "en"); res.Status != http.StatusOK {
			t.Fatalf("search %d of %d allowed: status %d", i+1, searches.PerClient, res.Status)
		}
	}
	// The message tells the same wait as Retry-After.
	for i, lang := range []string{"ru", "en"} {
		res := search(searches.PerClient+i, "203.0.113.7", lang)
		if res.Status != http.StatusTooManyRequests {
			t.Fatalf("search %d: status %d, want 429", searches.PerClient+i+1, res.Status)
		}
		if secs, err := strconv.Atoi(res.Header.Get("Retry-After")); err != nil || secs < 1 || secs > 120 {
			t.Fatalf("Retry-After %q, want whole seconds within the limit's two windows", res.Header.Get("Retry-After"))
		}
		if i == 0 && !strings.Contains(res.Body, "Подождите") {
			t.Fatalf("page over the limit, in Russian:\n%s", res.Body)
		}
		if i == 1 {
			var got struct {
				Error struct{ Code, Message string }
			}
			if err := json.Unmarshal([]byte(res.Body), &got); err != nil || got.Error.Code != "rate_limited" ||
				!strings.Contains(got.Error.Message, " "+res.Header.Get("Retry-After")+" s ") {
				t.Fatalf("API over the limit: %v %s", err, res.Body)
			}
		}
	}
	if res := search(0, "203.0.113.8", "en"); res.Status != http.StatusOK {
		t.Fatalf("another client's search: status %d", res.Status)
	}
}
