package web_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/web"
)

// TestAbuse15PersonalAnswersNotStored books through the API, then asks
// every route whose answers carry personal data, a manage-link token or a
// form's token, with good and bad input: each answer, errors included, is
// marked Cache-Control: no-store, and those whose address carries a token
// are never sent on as a referrer. Every route of a booking or
// registration reference and every staff route must be in the table.
func TestAbuse15PersonalAnswersNotStored(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	c := e.client()
	key := map[string]string{"Idempotency-Key": "abuse-15"}
	created := c.postJSON("/api/v1/bookings", bookingJSON("2026-12-01T09:00:00+08:00", "private.person@example.com"), key)
	replayed := c.postJSON("/api/v1/bookings", bookingJSON("2026-12-01T09:00:00+08:00", "private.person@example.com"), key)
	if created.Status != http.StatusCreated || replayed.Header.Get("Idempotent-Replayed") != "true" {
		t.Fatalf("booking: %d, replay %d %q", created.Status, replayed.Status, replayed.Header.Get("Idempotent-Replayed"))
	}
	b := decodeBooking(t, created)
	for name, res := range map[string]response{"the booking's answer": created, "its replay": replayed} {
		if got := res.Header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("%s, with the manage token, has Cache-Control %q", name, got)
		}
	}

	ref, tok := "/"+b.Reference, "?token="+b.Token
	started := c.postJSON("/api/v1/applications", `{"mission":"by-cg-chongqing","case_type":"visa","email":"private.person@example.com"}`, nil)
	var app struct{ Reference, Token string }
	if started.Status != http.StatusCreated || json.Unmarshal([]byte(started.Body), &app) != nil {
		t.Fatalf("application: %d %s", started.Status, started.Body)
	}
	if got := started.Header.Get("Cache-Control"); got != "no-store" {
		t.Errorf("a new application's answer, with its token, has Cache-Control %q", got)
	}
	appRef, appTok := "/applications/"+app.Reference, "?token="+app.Token
	const book = "/missions/by-cg-chongqing/book/cq-visa"
	const badJSON = `{"name":"Li Wei","email":"x@example.com"`
	cases := []struct {
		route, path, body string
		status            int
		private           bool // the address carries a token
	}{
		{route: "POST /api/v1/bookings", path: "/api/v1/bookings", body: badJSON, status: 400},
		{route: "GET /api/v1/bookings/{reference}", path: "/api/v1/bookings" + ref + tok, status: 200, private: true},
		{route: "GET /api/v1/bookings/{reference}/calendar.ics", path: "/api/v1/bookings" + ref + "/calendar.ics" + tok, status: 200, private: true},
		{route: "POST /api/v1/bookings/{reference}/verify", path: "/api/v1/bookings" + ref + "/verify" + tok, body: `{"code":"nope"}`, private: true},
		{route: "POST /api/v1/bookings/{reference}/reschedule", path: "/api/v1/bookings" + ref + "/reschedule" + tok, body: `{"start":"2026-12-01T09:20:00+08:00"}`, status: 200, private: true},
		{route: "GET /bookings/{reference}", path: "/bookings" + ref + tok, status: 200, private: true},
		{route: "GET /bookings/{reference}/cancel", path: "/bookings" + ref + "/cancel" + tok, status: 200, private: true},
		{route: "POST /bookings/{reference}/cancel", path: "/bookings" + ref + "/cancel" + tok, private: true},
		{route: "GET /bookings/{reference}/reschedule", path: "/bookings" + ref + "/reschedule" + tok, status: 200, private: true},
		{route: "POST /bookings/{reference}/reschedule", path: "/bookings" + ref + "/reschedule" + tok, private: true},
		{route: "GET /bookings/{reference}/verify", path: "/bookings" + ref + "/verify" + tok + "&code=nope", private: true},
		{route: "POST /bookings/{reference}/verify", path: "/bookings" + ref + "/verify" + tok, private: true},
		{route: "POST /api/v1/bookings/{reference}/cancel", path: "/api/v1/bookings" + ref + "/cancel" + tok, status: 200, private: true},
		{route: "GET /missions/{id}/book/{service}/details", path: book + "/details?start=2026-12-01T10%3A00%3A00%2B08%3A00", status: 200},
		{route: "POST /missions/{id}/book/{service}/details", path: book + "/details"},
		{route: "POST /missions/{id}/book/{service}/resend", path: book + "/resend"},
		{route: "GET /bookings/find", path: "/bookings/find", status: 200},
		{route: "POST /bookings/find", path: "/bookings/find"},
		{route: "GET /missions/{id}/book/{service}/check", path: book + "/check?start=2026-12-01T10%3A00%3A00%2B08%3A00", status: 303},
		{route: "GET /missions/{id}/book/{service}/confirm", path: book + "/confirm"},
		{route: "POST /missions/{id}/book/{service}/confirm", path: book + "/confirm"},
		{route: "POST /api/v1/releases/{id}/requests", path: "/api/v1/releases/1/requests", body: badJSON},
		{route: "POST /api/v1/events/{id}/registrations", path: "/api/v1/events/no-event/registrations", body: badJSON},
		{route: "GET /api/v1/registrations/{reference}", path: "/api/v1/registrations/ABCD-EFGH?token=nope", private: true},
		{route: "POST /api/v1/registrations/{reference}/cancel", path: "/api/v1/registrations/ABCD-EFGH/cancel?token=nope", private: true},
		{route: "GET /api/v1/registrations/{reference}/calendar.ics", path: "/api/v1/registrations/ABCD-EFGH/calendar.ics?token=nope", private: true},
		{route: "GET /events/{id}", path: "/events/no-event"},
		{route: "POST /events/{id}/register", path: "/events/no-event/register"},
		{route: "GET /registrations/{reference}", path: "/registrations/ABCD-EFGH?token=nope", private: true},
		{route: "GET /registrations/{reference}/cancel", path: "/registrations/ABCD-EFGH/cancel?token=nope", private: true},
		{route: "POST /registrations/{reference}/cancel", path: "/registrations/ABCD-EFGH/cancel?token=nope", private: true},
		{route: "POST /api/v1/applications", path: "/api/v1/applications", body: badJSON, status: 400},
		{route: "GET /api/v1/applications/{reference}", path: "/api/v1" + appRef + appTok, status: 200, private: true},
		{route: "PUT /api/v1/applications/{reference}/answers", path: "/api/v1" + appRef + "/answers" + appTok, body: `{"answers":{"arrival":"x"}}`, status: 422, private: true},
		{route: "PUT /api/v1/applications/{reference}/mrz", path: "/api/v1" + appRef + "/mrz" + appTok, body: `{"mrz":"P<UTO"}`, status: 400, private: true},
		{route: "POST /api/v1/applications/resend", path: "/api/v1/applications/resend", body: `{"reference":"` + app.Reference + `","email":"someone.else@example.com"}`, status: 202},
		{route: "GET /applications/find", path: "/applications/find", status: 200},
		{route: "POST /applications/find", path: "/applications/find"},
		{route: "POST /api/v1/applications/{reference}/submit", path: "/api/v1" + appRef + "/submit" + appTok, status: 409, private: true},
		{route: "POST /api/v1/applications/{reference}/confirm", path: "/api/v1" + appRef + "/confirm", body: `{"code":"nope"}`, status: 404},
		{route: "GET /missions/{id}/apply/{type}", path: "/missions/by-cg-chongqing/apply/visa", status: 200},
		{route: "POST /missions/{id}/apply/{type}", path: "/missions/by-cg-chongqing/apply/visa"},
		{route: "GET /applications/{reference}", path: appRef + appTok, status: 200, private: true},
		{route: "GET /applications/{reference}/export", path: appRef + "/export" + appTok, status: 200, private: true},
		{route: "GET /api/v1/applications/{reference}/export", path: "/api/v1" + appRef + "/export" + appTok, status: 200, private: true},
		{route: "POST /applications/{reference}/answers", path: appRef + "/answers" + appTok, private: true},
		{route: "POST /applications/{reference}/submit", path: appRef + "/submit" + appTok, private: true},
		{route: "GET /applications/{reference}/confirm", path: appRef + "/confirm" + appTok + "&code=nope", status: 200, private: true},
		{route: "POST /applications/{reference}/confirm", path: appRef + "/confirm" + appTok + "&code=nope", private: true},
		{route: "POST /api/v1/applications/{reference}/documents", path: "/api/v1" + appRef + "/documents" + appTok, status: 400, private: true},
		{route: "DELETE /api/v1/applications/{reference}/documents/{id}", path: "/api/v1" + appRef + "/documents/999" + appTok, status: 404, private: true},
		{route: "POST /applications/{reference}/documents", path: appRef + "/documents" + appTok, status: 400, private: true},
		{route: "GET /applications/{reference}/documents/{id}/remove", path: appRef + "/documents/999/remove" + appTok, status: 404, private: true},
		{route: "POST /applications/{reference}/documents/{id}/remove", path: appRef + "/documents/999/remove" + appTok, private: true},
		{route: "GET /applications/{reference}/withdraw", path: appRef + "/withdraw" + appTok, status: 200, private: true},
		{route: "POST /applications/{reference}/withdraw", path: appRef + "/withdraw" + appTok, private: true},
		{route: "POST /api/v1/applications/{reference}/withdraw", path: "/api/v1" + appRef + "/withdraw" + appTok, status: 200, private: true},
		{route: "GET /staff/applications/{reference}", path: "/staff" + appRef},
		{route: "POST /staff/applications/{reference}/take", path: "/staff" + appRef + "/take"},
		{route: "POST /staff/applications/{reference}/takeover", path: "/staff" + appRef + "/takeover"},
		{route: "POST /staff/applications/{reference}/release", path: "/staff" + appRef + "/release"},
		{route: "POST /staff/applications/{reference}/check", path: "/staff" + appRef + "/check"},
		{route: "POST /staff/applications/{reference}/request", path: "/staff" + appRef + "/request"},
		{route: "POST /staff/applications/{reference}/complete", path: "/staff" + appRef + "/complete"},
		{route: "POST /staff/applications/{reference}/fee", path: "/staff" + appRef + "/fee"},
		{route: "POST /staff/applications/{reference}/issue", path: "/staff" + appRef + "/issue"},
		{route: "POST /staff/applications/{reference}/counter", path: "/staff" + appRef + "/counter"},
		{route: "POST /staff/applications/{reference}/files/{id}/review", path: "/staff" + appRef + "/files/1/review"},
		{route: "POST /staff/applications/{reference}/refuse", path: "/staff" + appRef + "/refuse"},
		{route: "GET /applications/{reference}/document.pdf", path: appRef + "/document.pdf" + appTok, status: 404, private: true},
		{route: "GET /api/v1/verify/{code}", path: "/api/v1/verify/NOTACODE", status: 422},
		{route: "GET /staff/login", path: "/staff/login", status: 200},
		{route: "POST /staff/login", path: "/staff/login"},
	}
	covered := map[string]bool{}
	for _, tc := range cases {
		covered[tc.route] = true
		method := strings.Fields(tc.route)[0]
		header := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
		if strings.HasPrefix(tc.path, "/api/") {
			header["Content-Type"] = "application/json"
		}
		res := c.do(method, tc.path, strings.NewReader(tc.body), header)
		if tc.status != 0 && res.Status != tc.status {
			t.Errorf("%s: status %d, want %d\n%.300s", tc.route, res.Status, tc.status, res.Body)
		}
		if got := res.Header.Get("Cache-Control"); got != "no-store" {
			t.Errorf("%s (%d): Cache-Control %q, want no-store", tc.route, res.Status, got)
		}
		if got := res.Header.Get("Referrer-Policy"); tc.private && got != "no-referrer" {
			t.Errorf("%s (%d): Referrer-Policy %q, want no-referrer", tc.route, res.Status, got)
		}
	}

	// Every staff page, signed in and not.
	srv, err := web.New(e.DB, web.Config{})
	if err != nil {
		t.Fatal(err)
	}
	staffClient := e.client()
	staffClient.login("admin")
	param := regexp.MustCompile(`\{[^}]+\}`)
	for _, route := range srv.Routes() {
		method, pattern, _ := strings.Cut(route, " ")
		if strings.HasPrefix(pattern, "/staff") && !covered[route] {
			covered[route] = true
			path := param.ReplaceAllString(pattern, "x")
			for who, sc := range map[string]*client{"signed in": staffClient, "anonymous": e.client()} {
				res := sc.do(method, path, strings.NewReader(""), map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
				if got := res.Header.Get("Cache-Control"); got != "no-store" {
					t.Errorf("%s %s (%s, %d): Cache-Control %q, want no-store", method, path, who, res.Status, got)
				}
			}
		}
		if (strings.Contains(pattern, "{reference}") || strings.Contains(pattern, "/book/{service}/")) && !covered[route] {
			t.Errorf("%s carries a person's booking or registration, and is not in this test's table", route)
		}
	}
	if !slices.ContainsFunc(srv.Routes(), func(r string) bool { return strings.HasPrefix(r, "GET /staff/outbox") }) {
		t.Error("no staff routes were checked")
	}
}
