package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// get fetches url and returns the answer with its body read.
func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, string(body)
}

// TestServeWatched starts the real server with a metrics address on :0:
// it answers health and readiness, logs each request with its id, and
// serves the metrics apart from the site.
func TestServeWatched(t *testing.T) {
	ctx := context.Background()
	cfg := testConfig(t)
	cfg.MetricsAddr, cfg.DBPool = "127.0.0.1:0", 4
	var logs bytes.Buffer
	cfg.LogFormat = "json"
	app, err := NewApp(ctx, cfg, io.Discard, newLogger(cfg, &lockedWriter{w: &logs}))
	if err != nil {
		t.Fatal(err)
	}
	if err := app.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	for _, c := range []struct{ path, want string }{{"/healthz", `"ok"`}, {"/readyz", `"ready"`}} {
		if res, body := get(t, app.URL()+c.path); res.StatusCode != 200 || !strings.Contains(body, c.want) {
			t.Fatalf("%s: %d %s", c.path, res.StatusCode, body)
		}
	}
	res, _ := get(t, app.URL()+"/missions/by-cg-chongqing")
	id := res.Header.Get("X-Request-Id")
	if res.StatusCode != 200 || id == "" {
		t.Fatalf("mission page: %d, request id %q", res.StatusCode, id)
	}
	if res, _ := get(t, app.URL()+"/metrics"); res.StatusCode != 404 {
		t.Fatalf("the site serves the metrics: %d", res.StatusCode)
	}
	// The background work's first round runs beside the requests; its
	// count shows once it is over.
	var body string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if res, body = get(t, "http://"+app.MetricsListener.Addr().String()+"/metrics"); res.StatusCode != 200 {
			t.Fatalf("/metrics: %d", res.StatusCode)
		}
		if strings.Contains(body, `chancery_job_runs_total{job="send-mail"`) {
			break
		}
	}
	for _, want := range []string{
		`chancery_http_requests_total{method="GET",route="/missions/{id}",status="200"} 1`,
		`chancery_http_requests_total{method="GET",route="/readyz",status="200"} 1`,
		`chancery_http_request_duration_seconds_bucket{method="GET",route="/missions/{id}",status="200",le="+Inf"} 1`,
		`chancery_page_cache_lookups_total{result="miss"} 1`,
		`chancery_page_cache_pages 1`,
		`chancery_page_cache_bytes `,
		`chancery_outbox_unsent_messages 0`,
		`chancery_outbox_oldest_unsent_age_seconds 0`,
		`go_sql_max_open_connections{db_name="`,
		`chancery_job_runs_total{job="send-mail",result="ok"}`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if cfg.DB != "" && !strings.Contains(body, `go_sql_max_open_connections{db_name="postgres"} 4`) {
		t.Errorf("the pool size did not reach the pool")
	}
	app.Close()
	if !strings.Contains(logs.String(), `"route":"/missions/{id}","status":200`) || !strings.Contains(logs.String(), `"request_id":"`+id+`"`) {
		t.Fatalf("no access log line for the mission page with id %s:\n%s", id, logs.String())
	}
}

// lockedWriter lets the server's goroutines log into one buffer.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// TestStartingThenReady: serve listens before the database is migrated
// and answers "starting" until it is prepared, then "ready".
func TestStartingThenReady(t *testing.T) {
	ctx := context.Background()
	app, err := OpenApp(ctx, testConfig(t), io.Discard, newLogger(Config{}, io.Discard))
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	if err := app.Start(ctx); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/readyz", "/missions/by-cg-chongqing"} {
		if res, body := get(t, app.URL()+path); res.StatusCode != 503 || !strings.Contains(body, `"starting"`) || res.Header.Get("Retry-After") == "" {
			t.Fatalf("%s while starting: %d %s", path, res.StatusCode, body)
		}
	}
	// The liveness probe: alive, starting, so not to be restarted.
	if res, body := get(t, app.URL()+"/healthz"); res.StatusCode != 200 || !strings.Contains(body, `"starting"`) {
		t.Fatalf("/healthz while starting: %d %s", res.StatusCode, body)
	}
	if err := app.Prepare(ctx); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		path string
		want int
	}{{"/readyz", 200}, {"/healthz", 200}, {"/missions/by-cg-chongqing", 200}} {
		if res, body := get(t, app.URL()+c.path); res.StatusCode != c.want {
			t.Fatalf("%s once ready: %d %s", c.path, res.StatusCode, body)
		}
	}
}
