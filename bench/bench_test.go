package bench

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/dataset"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
	"github.com/chancery-platform/chancery/web"
)

// Paths measured against the seeded server.
const (
	missionPath      = "/missions/by-cg-chongqing"
	jurisdictionPath = "/api/v1/jurisdiction?sending=BY&place=Wuhan"
	slotsPath        = "/api/v1/missions/by-cg-chongqing/slots?service=cq-visa"
)

// parallelism multiplies GOMAXPROCS to give the number of client goroutines
// in b.RunParallel, so that requests overlap as they do under real load.
const parallelism = 4

// client is shared by every benchmark, with enough idle connections per
// host that the parallel goroutines never have to dial again.
var client = &http.Client{
	Timeout: 30 * time.Second,
	Transport: &http.Transport{
		Proxy:               nil, // loopback only; ignore any proxy settings
		MaxIdleConns:        512,
		MaxIdleConnsPerHost: 256,
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true,
	},
}

// fixture is the server every benchmark of a run shares: building it
// (migrations and the dataset import) takes far longer than a request, and
// the benchmark functions are called several times as b.N grows.
var fixture struct {
	once    sync.Once
	err     error
	trivial *httptest.Server // writes "ok"
	app     *httptest.Server // chancery over the seeded database
	engine  string
	tb      *setupTB
}

func TestMain(m *testing.M) {
	code := m.Run()
	if fixture.tb != nil {
		if err := fixture.tb.close(); err != nil {
			fmt.Fprintln(os.Stderr, "bench cleanup:", err)
			if code == 0 {
				code = 1
			}
		}
	}
	os.Exit(code)
}

// servers starts the trivial and the chancery test servers on first use.
func servers(b *testing.B) (trivial, app string) {
	b.Helper()
	fixture.once.Do(func() {
		fixture.tb = &setupTB{}
		done := make(chan struct{})
		go func() { // storetest may call Fatal, which ends this goroutine
			defer close(done)
			fixture.err = setup(fixture.tb)
		}()
		<-done
		if fixture.err == nil && fixture.tb.failed != nil {
			fixture.err = fixture.tb.failed
		}
	})
	if fixture.err != nil {
		b.Fatal(fixture.err)
	}
	return fixture.trivial.URL, fixture.app.URL
}

func setup(tb *setupTB) error {
	fixture.trivial = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok")
	}))
	tb.Cleanup(fixture.trivial.Close)

	ctx := context.Background()
	db := storetest.Open(tb) // SQLite, or PostgreSQL with CHANCERY_TEST_POSTGRES
	ds, err := dataset.Default()
	if err != nil {
		return fmt.Errorf("default dataset: %w", err)
	}
	if _, err := db.Import(ctx, store.Actor{Name: "bench"}, ds, dataset.DefaultBytes()); err != nil {
		return fmt.Errorf("import default dataset: %w", err)
	}
	srv, err := web.New(db, web.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return fmt.Errorf("web.New: %w", err)
	}
	fixture.app = httptest.NewServer(srv)
	tb.Cleanup(fixture.app.Close) // registered after the database's close, so it runs first
	fixture.engine = db.Dialect
	return nil
}

// get fetches url, reads the whole body so the connection is reused, and
// returns the status.
func get(url string) (int, error) {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return 0, err
	}
	return fetch(req)
}

// fetch sends req, reads the whole body so the connection is reused, and
// returns the status.
func fetch(req *http.Request) (int, error) {
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, err
}

// run measures GET url from parallel clients. Every response must be a 200.
func run(b *testing.B, url string) {
	b.Helper()
	runEach(b, url, func() string { return url })
}

// runEach measures GETs of the URLs next returns, from parallel clients.
// url is fetched once before the timer starts.
func runEach(b *testing.B, url string, next func() string) {
	b.Helper()
	// One request outside the timer: fails fast on a wrong route or data.
	if status, err := get(url); err != nil {
		b.Fatal(err)
	} else if status != http.StatusOK {
		b.Fatalf("GET %s: status %d, want 200", url, status)
	}
	var (
		failed  atomic.Bool
		errOnce sync.Once
		failure error
	)
	b.SetParallelism(parallelism)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if failed.Load() {
				continue // drain the remaining iterations quickly
			}
			u := next()
			status, err := get(u)
			if err == nil && status != http.StatusOK {
				err = fmt.Errorf("GET %s: status %d, want 200", u, status)
			}
			if err != nil {
				errOnce.Do(func() { failure = err })
				failed.Store(true)
			}
		}
	})
	b.StopTimer()
	if failed.Load() {
		b.Fatal(failure) // b.Fatal only from the benchmark's own goroutine
	}
}

// BenchmarkTrivial is the baseline: a handler that writes "ok", served and
// fetched the same way as the real pages.
func BenchmarkTrivial(b *testing.B) {
	trivial, _ := servers(b)
	run(b, trivial+"/")
}

// BenchmarkMissionPage renders a mission's HTML page.
func BenchmarkMissionPage(b *testing.B) {
	_, app := servers(b)
	b.Logf("engine %s, %d client goroutines", fixture.engine, parallelism*runtime.GOMAXPROCS(0))
	run(b, app+missionPath)
}

// BenchmarkMissionPageUncached renders the mission page afresh on every
// request: a query parameter that changes each time misses the page cache,
// so this is the cost of reading the data and executing the templates.
func BenchmarkMissionPageUncached(b *testing.B) {
	_, app := servers(b)
	var n atomic.Int64
	runEach(b, app+missionPath, func() string { return fmt.Sprintf("%s%s?n=%d", app, missionPath, n.Add(1)) })
}

// BenchmarkJurisdictionAPI answers which mission serves a place, as JSON.
func BenchmarkJurisdictionAPI(b *testing.B) {
	_, app := servers(b)
	run(b, app+jurisdictionPath)
}

// BenchmarkSlotsAPI lists a service's slots over its whole booking window,
// as everyone refreshing it in a release does, while nothing changes.
func BenchmarkSlotsAPI(b *testing.B) {
	_, app := servers(b)
	run(b, app+slotsPath)
}

// setupTB is the testing.TB that storetest gets for the shared fixture: it
// lives from the first benchmark to the end of TestMain, which a *testing.B
// (cleaned up after every round of b.N) does not.
type setupTB struct {
	testing.TB // not set; only the methods below are used
	mu         sync.Mutex
	cleanups   []func()
	dirs       []string
	failed     error
	errs       []error
}

func (t *setupTB) Helper() {}

func (t *setupTB) Name() string { return "bench" }

func (t *setupTB) Cleanup(f func()) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.cleanups = append(t.cleanups, f)
}

func (t *setupTB) TempDir() string {
	dir, err := os.MkdirTemp("", "chancery-bench-")
	if err != nil {
		t.Fatal(err)
	}
	t.mu.Lock()
	t.dirs = append(t.dirs, dir)
	t.mu.Unlock()
	return dir
}

func (t *setupTB) Errorf(format string, args ...any) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.errs = append(t.errs, fmt.Errorf(format, args...))
}

func (t *setupTB) Error(args ...any) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.errs = append(t.errs, fmt.Errorf("%s", fmt.Sprint(args...)))
}

func (t *setupTB) Fatalf(format string, args ...any) {
	t.failed = fmt.Errorf(format, args...)
	runtime.Goexit()
}

func (t *setupTB) Fatal(args ...any) {
	t.failed = fmt.Errorf("%s", fmt.Sprint(args...))
	runtime.Goexit()
}

func (t *setupTB) Logf(format string, args ...any) {}

func (t *setupTB) Log(args ...any) {}

// close runs the cleanups in reverse order and removes the temporary folders.
func (t *setupTB) close() error {
	t.mu.Lock()
	cleanups := t.cleanups
	t.cleanups = nil
	t.mu.Unlock()
	for i := len(cleanups) - 1; i >= 0; i-- {
		cleanups[i]()
	}
	for _, d := range t.dirs {
		os.RemoveAll(d)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if len(t.errs) > 0 {
		return fmt.Errorf("%v", t.errs)
	}
	return nil
}

// sideFixture sets up, once, a fixture of its own beside the shared one
// (a database of its own, say): setup runs with a TB whose cleanups run
// when the shared fixture's do; its error, or a Fatal it called, is kept
// in *errp and fails every benchmark that needs the fixture.
func sideFixture(b *testing.B, once *sync.Once, errp *error, name string, setup func(*setupTB) error) {
	b.Helper()
	servers(b) // the shared fixture's TB outlives every benchmark
	once.Do(func() {
		tb := &setupTB{}
		fixture.tb.Cleanup(func() {
			if err := tb.close(); err != nil {
				fixture.tb.Errorf("%s fixture: %v", name, err)
			}
		})
		done := make(chan struct{})
		go func() { // storetest may call Fatal, which ends this goroutine
			defer close(done)
			*errp = setup(tb)
		}()
		<-done
		if *errp == nil && tb.failed != nil {
			*errp = tb.failed
		}
	})
	if *errp != nil {
		b.Fatal(*errp)
	}
}
