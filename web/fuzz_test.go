package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/dataset"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
	"github.com/chancery-platform/chancery/web"
	"github.com/chancery-platform/chancery/web/ui"
)

// FuzzAPIParameters sends arbitrary query strings and path segments to the
// JSON API: whatever a client sends, the answer is never a 5xx, and every
// error is the documented JSON shape with a message.
func FuzzAPIParameters(f *testing.F) {
	srv := fuzzServer(f)
	endpoints := []string{"/api/v1/entry-check", "/api/v1/jurisdiction", "/api/v1/missions/", "/api/v1/subdivisions", "/api/v1/missions",
		"/api/v1/entities", "/api/v1/partnerships", "/api/v1/trade-figures", "/api/v1/search"}
	for _, seed := range []string{
		"destination=BY&nationality=CN&passport=ordinary&purpose=tourism&stay_days=20&days_used_this_year=0",
		"destination=by&nationality=cn&passport=ORDINARY&purpose=Work&stay_days=+31&days_used_this_year=61&entries=multiple&urgent=1&on=2018-08-10",
		"stay_days=9223372036854775808&days_used_this_year=-9223372036854775809",
		"sending=BY&subdivision=CN-HB", "sending=BY&place=%E6%AD%A6%E6%B1%89", "place=%ff", "country=CN", "a=%zz&&;=",
		"country=BY&kind=person&limit=2&offset=1", "entity=kapyl-district&from=2019", "area=CN-CQ/BY&flow=total", "q=Kopyl&after=x&limit=1",
		"place=%00", "q=Kopyl%FF", "%00=1", "sending=BY&subdivision=CN-HB%C3", "lang=zh%00",
	} {
		for i := range endpoints {
			f.Add(uint8(i), "by-cg-chongqing", seed)
		}
	}
	for i := range endpoints {
		f.Add(uint8(i), "by-cg-\x00chongqing", "")
		f.Add(uint8(i), "by-cg-\xffchongqing", "lang=ru")
	}
	f.Fuzz(func(t *testing.T, which uint8, segment, rawQuery string) {
		path := endpoints[int(which)%len(endpoints)]
		if path == "/api/v1/missions/" {
			path += url.PathEscape(segment)
		}
		req := httptest.NewRequest("GET", "http://chancery.test"+path, nil)
		req.URL.RawQuery = rawQuery
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("GET %s?%s: status %d\n%s", path, rawQuery, rec.Code, rec.Body)
		}
		// A NUL byte or invalid UTF-8 anywhere the server reads is refused.
		query, _ := url.ParseQuery(rawQuery)
		if !ui.ReadableText(req.URL.Path) || !ui.ReadableValues(query) {
			if rec.Code != http.StatusBadRequest {
				t.Fatalf("GET %q?%q, unreadable text: status %d, want 400", req.URL.Path, rawQuery, rec.Code)
			}
		}
		if rec.Code >= 400 {
			var body struct {
				Error struct{ Code, Message string } `json:"error"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Error.Code == "" || body.Error.Message == "" {
				t.Fatalf("GET %s?%s: %d with a body that is not the error shape: %v\n%s", path, rawQuery, rec.Code, err, rec.Body)
			}
		}
	})
}

// FuzzBookingRequest posts arbitrary bodies and headers to the booking
// endpoint: never a 5xx, and every error has the documented shape.
func FuzzBookingRequest(f *testing.F) {
	srv := fuzzServer(f)
	f.Add(`{"service":"cq-visa","start":"2026-12-01T09:00:00+08:00","name":"Li Wei","email":"li@example.com","phone":"+86 138 0000 0000","passport":"EA1234567"}`, "application/json", "key-1")
	f.Add(`{"service":"cq-visa","start":"2026-12-01T09:00:00+08:00"}`, "application/json; charset=utf-8", "")
	f.Add(`[1,2,3]`, "application/json", "\x00")
	f.Add(`{"start":"9999-99-99T99:99:99Z","name":"\u0000"}`, "text/plain", "")
	f.Add(`{"service":"cq-visa","start":"2026-12-01T09:00:00+08:00","name":"Li\u0000Wei","email":"li@example.com","phone":"+86 138 0000 0000","passport":"EA1234567"}`, "application/json", "")
	f.Add("{\"service\":\"cq-visa\",\"start\":\"2026-12-01T09:00:00+08:00\",\"name\":\"Li \xffWei\",\"email\":\"li@example.com\",\"phone\":\"+86 138 0000 0000\",\"passport\":\"EA1234567\"}", "application/json", "")
	f.Fuzz(func(t *testing.T, body, contentType, key string) {
		req := httptest.NewRequest("POST", "http://chancery.test/api/v1/bookings", strings.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		if key != "" {
			req.Header["Idempotency-Key"] = []string{key}
		}
		checkAPIAnswer(t, srv, req, body)
	})
}

// checkAPIAnswer serves req: never a 5xx, and every error has the
// documented shape.
func checkAPIAnswer(t *testing.T, srv *web.Server, req *http.Request, body string) {
	t.Helper()
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	if rec.Code >= 500 {
		t.Fatalf("status %d for %q\n%s", rec.Code, body, rec.Body)
	}
	if rec.Code >= 400 {
		var out struct {
			Error struct{ Code, Message string } `json:"error"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || out.Error.Code == "" || out.Error.Message == "" {
			t.Fatalf("%d with a body that is not the error shape: %s", rec.Code, rec.Body)
		}
	}
}

// fuzzServer is a server over a seeded database with a fixed clock
// (2026-11-23 10:00 in Chongqing), shared by a fuzz target's inputs.
func fuzzServer(f *testing.F) *web.Server {
	srv, _ := fuzzServerDB(f)
	return srv
}

// fuzzServerDB is fuzzServer with its database, for targets that set up
// more than the default dataset.
func fuzzServerDB(f *testing.F) (*web.Server, *store.DB) {
	db := storetest.Open(f)
	ds, err := dataset.Default()
	if err != nil {
		f.Fatal(err)
	}
	if _, err := db.Import(context.Background(), store.Actor{Name: "fuzz"}, ds, dataset.DefaultBytes()); err != nil {
		f.Fatal(err)
	}
	db.Now = func() time.Time { return time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC) }
	srv, err := web.New(db, web.Config{})
	if err != nil {
		f.Fatal(err)
	}
	return srv, db
}
