package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/chancery-platform/chancery/monitor"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
	"github.com/chancery-platform/chancery/web"
)

// watched is a server over db that logs as JSON to the buffer it returns
// and counts in fresh metrics; requests go straight to its handler, so
// each one's log line is written when serve returns.
func watched(t *testing.T, db *store.DB, ready *monitor.Readiness) (serve func(*http.Request) response, logs *bytes.Buffer, m *monitor.Metrics) {
	t.Helper()
	logs = &bytes.Buffer{}
	m, err := monitor.NewMetrics(prometheus.NewRegistry())
	if err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(db, web.Config{Logger: slog.New(monitor.LogHandler(slog.NewJSONHandler(logs, nil))), Metrics: m, Ready: ready})
	if err != nil {
		t.Fatal(err)
	}
	return func(r *http.Request) response {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, r)
		return response{Status: rec.Code, Body: rec.Body.String(), Header: rec.Header()}
	}, logs, m
}

// TestLogsCarryNoPersonalData books, reads and cancels an appointment with
// its manage-link token in the query and in a header, tries to sign in,
// and sends an email as a request id: the log has one line per request,
// with the route patterns, and none of the tokens or personal data.
func TestLogsCarryNoPersonalData(t *testing.T) {
	e := newBookingEnv(t)
	serve, logs, _ := watched(t, e.DB, nil)
	const email, password = "olga.secret@example.com", "hunter2 secret password"
	body := bookingJSON("2026-12-01T09:00:00+08:00", email)
	req := httptest.NewRequest("POST", "/api/v1/bookings", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	res := serve(req)
	if res.Status != http.StatusCreated {
		t.Fatalf("booking: %d %s", res.Status, res.Body)
	}
	b := decodeBooking(t, res)
	var sent struct{ Name, Phone, Passport string }
	json.Unmarshal([]byte(body), &sent)
	bearer := httptest.NewRequest("GET", "/api/v1/bookings/"+b.Reference, nil)
	bearer.Header.Set("Authorization", "Bearer "+b.Token)
	bearer.Header.Set(monitor.RequestIDHeader, email)
	login := httptest.NewRequest("POST", "/staff/login", strings.NewReader("username="+email+"&password="+password))
	login.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	requests := []struct {
		req   *http.Request
		route string
	}{
		{httptest.NewRequest("GET", "/api/v1/bookings/"+b.Reference+"?token="+b.Token, nil), "/api/v1/bookings/{reference}"},
		{httptest.NewRequest("GET", b.ManageURL, nil), "/bookings/{reference}"},
		{bearer, "/api/v1/bookings/{reference}"},
		{httptest.NewRequest("POST", "/bookings/"+b.Reference+"/cancel?token="+b.Token, nil), "/bookings/{reference}/cancel"},
		{login, "/staff/login"},
		{httptest.NewRequest("GET", "/jurisdiction?q="+email, nil), "/jurisdiction"},
	}
	for _, r := range requests {
		serve(r.req)
	}
	lines := strings.Split(strings.TrimSpace(logs.String()), "\n")
	var routes []string
	for _, l := range lines {
		var rec map[string]any
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("log line %q: %v", l, err)
		}
		if rec["msg"] == "request" {
			routes = append(routes, rec["route"].(string))
		}
	}
	if len(routes) != 1+len(requests) || routes[0] != "/api/v1/bookings" {
		t.Fatalf("access log routes %v", routes)
	}
	for i, r := range requests {
		if routes[i+1] != r.route {
			t.Errorf("request %d logged as %q, want %q", i, routes[i+1], r.route)
		}
	}
	for what, secret := range map[string]string{"token": b.Token, "reference": b.Reference, "email": email,
		"email's name": "olga.secret", "name": sent.Name, "phone": sent.Phone, "passport": sent.Passport, "password": password} {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("the log carries the %s %q:\n%s", what, secret, logs.String())
		}
	}
}

// TestRequestMetrics: requests, booking outcomes and page cache lookups
// are counted.
func TestRequestMetrics(t *testing.T) {
	e := newBookingEnv(t)
	serve, _, m := watched(t, e.DB, nil)
	for _, email := range []string{"a@example.com", "A@example.com"} {
		req := httptest.NewRequest("POST", "/api/v1/bookings", strings.NewReader(bookingJSON("2026-12-01T09:00:00+08:00", email)))
		req.Header.Set("Content-Type", "application/json")
		serve(req)
	}
	serve(httptest.NewRequest("GET", "/missions", nil))
	serve(httptest.NewRequest("GET", "/missions", nil))
	rec := httptest.NewRecorder()
	m.Handler(slog.New(slog.NewTextHandler(io.Discard, nil))).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	for _, want := range []string{
		`chancery_http_requests_total{method="POST",route="/api/v1/bookings",status="201"} 1`,
		`chancery_http_requests_total{method="POST",route="/api/v1/bookings",status="409"} 1`,
		`chancery_http_requests_total{method="GET",route="/missions",status="200"} 2`,
		`chancery_outcomes_total{kind="booking",outcome="ok"} 1`,
		`chancery_outcomes_total{kind="booking",outcome="conflict"} 1`,
		`chancery_page_cache_lookups_total{result="miss"} 1`,
		`chancery_page_cache_lookups_total{result="hit"} 1`,
	} {
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// TestHealthAndReadiness: every request, /readyz too, is answered
// "starting" until start-up is over; then /healthz and /readyz answer from
// the database's write path.
func TestHealthAndReadiness(t *testing.T) {
	db := storetest.Open(t)
	ready := &monitor.Readiness{}
	serve, _, _ := watched(t, db, ready)
	get := func(path string) response { return serve(httptest.NewRequest("GET", path, nil)) }
	check := func(when, path string, status int, want string) {
		t.Helper()
		if res := get(path); res.Status != status || !strings.Contains(res.Body, `"status":"`+want+`"`) &&
			!strings.Contains(res.Body, `"status": "`+want+`"`) {
			t.Errorf("%s: %s answered %d %s, want %d %q", when, path, res.Status, res.Body, status, want)
		}
	}
	// While starting, nothing reaches a handler or the database; the
	// liveness probe says the server is alive and starting.
	for _, path := range []string{"/readyz", "/missions"} {
		check("starting", path, 503, "starting")
	}
	check("starting", "/healthz", 200, "starting")
	ready.Ready()
	check("ready", "/healthz", 200, "ok")
	check("ready", "/readyz", 200, "ready")
	if db.Dialect == store.SQLite {
		// A ping would pass here; the write check waits for the single
		// writer, held by a long transaction, and gives up in time.
		tx, err := db.Begin(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		check("writer held", "/healthz", 503, "database unavailable")
		tx.Rollback()
		check("writer free", "/healthz", 200, "ok")
	}
	db.Close()
	check("database closed", "/healthz", 503, "database unavailable")
	check("database closed", "/readyz", 503, "database unavailable")
}

// TestJobRunsCounted: a round of the background work counts a run of each
// job.
func TestJobRunsCounted(t *testing.T) {
	db := storetest.Open(t)
	m, err := monitor.NewMetrics(prometheus.NewRegistry())
	if err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(db, web.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Metrics: m})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	runner := srv.Jobs(nil, "chancery <no-reply@localhost>")
	runner.Start(ctx)
	defer func() { cancel(); runner.Wait() }()
	want := []string{"draw-releases", "expire-unverified", "prune-expired", "queue-reminders", "scan-uploads", "send-mail"}
	// The jobs start side by side, in no set order: wait until each has run
	// once (or the deadline passes), then say which never did.
	var body string
	counted := func(job string) bool {
		return strings.Contains(body, `chancery_job_runs_total{job="`+job+`",result="ok"} 1`)
	}
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		rec := httptest.NewRecorder()
		m.Handler(slog.New(slog.NewTextHandler(io.Discard, nil))).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
		body = rec.Body.String()
		if !slices.ContainsFunc(want, func(job string) bool { return !counted(job) }) {
			break
		}
	}
	for _, job := range want {
		if !counted(job) {
			t.Errorf("no run of %s counted", job)
		}
	}
}

// TestRateLimitRefusalsCounted: sign-in attempts over the limit are
// counted as refusals of the login limit.
func TestRateLimitRefusalsCounted(t *testing.T) {
	e := newEnv(t)
	m, err := monitor.NewMetrics(prometheus.NewRegistry())
	if err != nil {
		t.Fatal(err)
	}
	srv, err := web.New(e.DB, web.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Metrics: m})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	c := newClient(t, ts.URL)
	token := csrfField.FindStringSubmatch(c.get("/staff/login").Body)[1]
	refused := 0
	for i := 0; i < 12; i++ {
		if res := c.post("/staff/login", url.Values{"csrf": {token}, "username": {"admin"}, "password": {"wrong password"}}); res.Status == http.StatusTooManyRequests {
			refused++
		}
	}
	rec := httptest.NewRecorder()
	m.Handler(slog.New(slog.NewTextHandler(io.Discard, nil))).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	want := fmt.Sprintf(`chancery_rate_limited_total{bucket="login"} %d`, refused)
	if refused == 0 || !strings.Contains(rec.Body.String(), want) {
		t.Fatalf("%d refusals; metrics lack %s", refused, want)
	}
}
