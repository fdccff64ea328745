package monitor_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/monitor"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
)

// TestMetricsListener serves the metrics on a listener of their own at :0
// and finds every metric after a few requests and events.
func TestMetricsListener(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	db := storetest.Open(t)
	queued := time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return queued }
	if _, err := db.Enqueue(ctx, store.Message{Kind: "test", To: "a@example.com", Subject: "S", Body: "B"}); err != nil {
		t.Fatal(err)
	}
	m, err := monitor.NewMetrics(prometheus.NewRegistry())
	if err != nil {
		t.Fatal(err)
	}
	if err := m.WatchPools(db.Pools()); err != nil {
		t.Fatal(err)
	}
	if err := m.WatchOutbox(db, func() time.Time { return queued.Add(90 * time.Second) }); err != nil {
		t.Fatal(err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- monitor.ServeMetrics(ctx, l, m, quiet) }()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("metrics listener: %v", err)
		}
	}()

	mux := http.NewServeMux()
	mux.HandleFunc("GET /missions/{id}", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })
	h := monitor.AccessLog(monitor.RoutePattern(mux), quiet, m)
	for _, p := range []string{"/missions/by-cg-chongqing", "/missions/by-embassy", "/nowhere"} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", p, nil))
	}
	m.Outcome("booking", monitor.OutcomeOf(nil))
	m.Outcome("registration", monitor.OutcomeOf(chancery.Errorf(chancery.ECONFLICT, "error.event_full")))
	m.RateLimited("login")
	m.CacheHit()
	m.CacheMiss()
	m.JobRun("send-mail", nil)
	m.JobRun("send-mail", errors.New("smtp down"))

	res, err := http.Get("http://" + l.Addr().String() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("/metrics: %d\n%s", res.StatusCode, body)
	}
	pool := db.Dialect
	if db.Dialect == store.SQLite {
		pool = "sqlite-write"
	}
	for _, want := range []string{
		`chancery_http_requests_total{method="GET",route="/missions/{id}",status="200"} 2`,
		`chancery_http_requests_total{method="GET",route="unmatched",status="404"} 1`,
		`chancery_http_request_duration_seconds_bucket{method="GET",route="/missions/{id}",status="200",le="+Inf"} 2`,
		`chancery_outcomes_total{kind="booking",outcome="ok"} 1`,
		`chancery_outcomes_total{kind="registration",outcome="conflict"} 1`,
		`chancery_rate_limited_total{bucket="login"} 1`,
		`chancery_page_cache_lookups_total{result="hit"} 1`,
		`chancery_page_cache_lookups_total{result="miss"} 1`,
		`chancery_job_runs_total{job="send-mail",result="ok"} 1`,
		`chancery_job_runs_total{job="send-mail",result="failed"} 1`,
		`chancery_outbox_unsent_messages 1`,
		`chancery_outbox_oldest_unsent_age_seconds 90`,
		`go_sql_max_open_connections{db_name="` + pool + `"}`,
		`go_goroutines `,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

// TestNilMetricsDoNothing: code that reports to a nil *Metrics runs.
func TestNilMetricsDoNothing(t *testing.T) {
	var m *monitor.Metrics
	m.Outcome("booking", "ok")
	m.RateLimited("login")
	m.CacheHit()
	m.CacheMiss()
	m.JobRun("x", nil)
	if m.Registry() != nil || m.WatchPools(nil) != nil || m.WatchOutbox(nil, time.Now) != nil {
		t.Fatal("a nil *Metrics did something")
	}
	h := monitor.AccessLog(http.NotFoundHandler(), slog.New(slog.NewTextHandler(io.Discard, nil)), m)
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
}

// TestOutboxScrapeFailureKeepsTheRest: with the database gone, the scrape
// still answers with the other metrics.
func TestOutboxScrapeFailureKeepsTheRest(t *testing.T) {
	db, err := store.Open(context.Background(), storetest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	m, err := monitor.NewMetrics(prometheus.NewRegistry())
	if err != nil {
		t.Fatal(err)
	}
	m.WatchOutbox(db, time.Now)
	m.CacheHit()
	rec := httptest.NewRecorder()
	m.Handler(slog.New(slog.NewTextHandler(io.Discard, nil))).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != 200 || !strings.Contains(rec.Body.String(), `chancery_page_cache_lookups_total{result="hit"} 1`) ||
		strings.Contains(rec.Body.String(), "chancery_outbox_unsent_messages ") {
		t.Fatalf("%d\n%s", rec.Code, rec.Body.String())
	}
}
