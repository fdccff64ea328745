// Command chancery-rush simulates the release of scarce appointments: M
// booking requests from C concurrent clients for N places, against the
// real server on loopback, on SQLite or PostgreSQL. It reports how many
// bookings were confirmed (must be N), how many places were overbooked
// (must be 0), how many answers were 5xx (must be 0), p50 and p99
// latency, and bookings per second as a ratio to a bare endpoint that does
// one write transaction on the same engine, measured in the same run.
//
//	chancery-rush [-n 200] [-m 2000] [-c 500] [-db postgres://…/postgres]
//
// Everything it creates lives in a temporary folder or a throwaway
// PostgreSQL database, dropped at the end. It listens on 127.0.0.1 only and
// is bounded by -m requests and -timeout.
package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/dataset"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/web"
)

type options struct {
	places, requests, clients int
	pgAdmin                   string
	timeout                   time.Duration
}

func main() {
	var o options
	fs := flag.NewFlagSet("chancery-rush", flag.ContinueOnError)
	fs.IntVar(&o.places, "n", 200, "places in the released slot")
	fs.IntVar(&o.requests, "m", 2000, "booking requests to send")
	fs.IntVar(&o.clients, "c", 500, "concurrent clients")
	fs.StringVar(&o.pgAdmin, "db", "", "PostgreSQL admin URL (a throwaway database is created in it); empty for SQLite")
	fs.DurationVar(&o.timeout, "timeout", 2*time.Minute, "give up after this long")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the whole run (client and server) to this file")
	if err := fs.Parse(os.Args[1:]); err != nil {
		os.Exit(2)
	}
	if o.places < 1 || o.requests < o.places || o.clients < 1 || o.clients > 5000 || o.requests > 100000 {
		fmt.Fprintln(os.Stderr, "chancery-rush: need 1 <= n <= m <= 100000 and 1 <= c <= 5000")
		os.Exit(2)
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "chancery-rush:", err)
			os.Exit(1)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	if err := run(ctx, o, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "chancery-rush:", err)
		pprof.StopCPUProfile()
		os.Exit(1)
	}
}

// database is a fresh database of the engine under test, removed by drop.
type database struct {
	dsn    string
	engine string
	drop   func()
}

func freshDB(o options, name string) (database, error) {
	if o.pgAdmin == "" {
		dir, err := os.MkdirTemp("", "chancery-rush-")
		if err != nil {
			return database{}, err
		}
		return database{dsn: filepath.Join(dir, "chancery.db"), engine: "sqlite", drop: func() { os.RemoveAll(dir) }}, nil
	}
	admin, err := sql.Open("pgx", o.pgAdmin)
	if err != nil {
		return database{}, err
	}
	dbname := fmt.Sprintf("chancery_rush_%s_%d", name, time.Now().UnixNano())
	if _, err := admin.Exec("CREATE DATABASE " + dbname); err != nil {
		admin.Close()
		return database{}, err
	}
	u, err := url.Parse(o.pgAdmin)
	if err != nil {
		admin.Close()
		return database{}, err
	}
	u.Path = "/" + dbname
	return database{dsn: u.String(), engine: "postgres", drop: func() {
		admin.Exec("DROP DATABASE IF EXISTS " + dbname + " WITH (FORCE)")
		admin.Close()
	}}, nil
}

// serve runs h on a loopback port until ctx ends.
func serve(ctx context.Context, h http.Handler) (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(l)
	go func() { <-ctx.Done(); srv.Close() }()
	return "http://" + l.Addr().String(), nil
}

// sample is one request's outcome.
type sample struct {
	status int
	took   time.Duration
	err    error
}

// fire sends m requests from c clients; body(i) is request i's body.
func fire(ctx context.Context, url string, o options, body func(i int) []byte, header func(i int) http.Header) ([]sample, time.Duration) {
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{Proxy: nil, MaxIdleConns: o.clients, MaxIdleConnsPerHost: o.clients}}
	samples := make([]sample, o.requests)
	var next atomic.Int64
	var wg sync.WaitGroup
	began := time.Now()
	for range o.clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= o.requests || ctx.Err() != nil {
					return
				}
				req, _ := http.NewRequestWithContext(ctx, "POST", url, bytes.NewReader(body(i)))
				req.Header = header(i)
				t0 := time.Now()
				res, err := client.Do(req)
				s := sample{took: time.Since(t0), err: err}
				if err == nil {
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
					s.status = res.StatusCode
				}
				samples[i] = s
			}
		}()
	}
	wg.Wait()
	return samples, time.Since(began)
}

func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[min(len(ds)-1, int(p*float64(len(ds))))]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d)/float64(time.Millisecond)) }

func run(ctx context.Context, o options, out io.Writer) error {
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))

	// The baseline: a bare endpoint doing one write transaction (a rate-limit
	// counter upsert) on its own fresh database of the same engine.
	bdb, err := freshDB(o, "baseline")
	if err != nil {
		return err
	}
	defer bdb.drop()
	base, err := store.Open(ctx, bdb.dsn)
	if err != nil {
		return err
	}
	defer base.Close()
	if err := base.Migrate(ctx); err != nil {
		return err
	}
	var seq atomic.Int64
	bareURL, err := serve(ctx, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		if _, _, err := base.Hit(r.Context(), fmt.Sprintf("rush-%d", seq.Add(1)), 1<<30, time.Hour); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusCreated)
	}))
	if err != nil {
		return err
	}

	// The release: a fresh chancery with one service whose single slot has
	// n places, opened to everyone at once.
	adb, err := freshDB(o, "app")
	if err != nil {
		return err
	}
	defer adb.drop()
	db, err := store.Open(ctx, adb.dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	ds, err := dataset.Default()
	if err != nil {
		return err
	}
	who := store.Actor{Name: "chancery-rush"}
	if _, err := db.Import(ctx, who, ds, dataset.DefaultBytes()); err != nil {
		return err
	}
	if _, err := db.ImportSchedules(ctx, who, calendar.DefaultSchedules()); err != nil {
		return err
	}
	svc := booking.Service{ID: "cq-release", MissionID: "by-cg-chongqing", Name: mission.Text{"en": "Released appointments"},
		Duration: 60, Capacity: o.places, WindowDays: 60, MinNotice: 0, Mode: booking.FirstCome, Active: true}
	if _, err := db.SaveService(ctx, who, svc); err != nil {
		return err
	}
	cal, err := db.MissionCalendar(ctx, svc.MissionID)
	if err != nil {
		return err
	}
	// The slot: 09:00 on the first working day at least two days ahead.
	day := cal.NextWorkingDay(calendar.DateOf(time.Now(), cal.Zone).AddDays(1))
	slots := booking.Slots(svc, cal, day)
	if len(slots) == 0 {
		return fmt.Errorf("no slot on %s", day)
	}
	start := slots[0].Start.In(cal.Zone).Format(time.RFC3339)
	srv, err := web.New(db, web.Config{TrustProxy: true, Logger: quiet})
	if err != nil {
		return err
	}
	appURL, err := serve(ctx, srv)
	if err != nil {
		return err
	}

	header := func(i int) http.Header {
		client := i % o.clients
		return http.Header{"Content-Type": {"application/json"},
			// Each simulated client has its own address, as behind a proxy.
			"X-Forwarded-For": {fmt.Sprintf("10.%d.%d.%d", client>>16&255, client>>8&255, client&255)}}
	}
	bookingBody := func(i int) []byte {
		return fmt.Appendf(nil, `{"service":"cq-release","start":%q,"name":"Applicant %d","email":"applicant%d@example.com","phone":"+86 138 %04d %04d"}`,
			start, i, i, i/10000, i%10000)
	}
	bareSamples, bareTook := fire(ctx, bareURL+"/", o, func(int) []byte { return nil }, header)
	samples, took := fire(ctx, appURL+"/api/v1/bookings", o, bookingBody, header)
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("the run did not finish in time: %w", err)
	}

	var lat, bareLat []time.Duration
	confirmed, conflicts, fives, others, failed := 0, 0, 0, 0, 0
	for _, s := range samples {
		switch {
		case s.err != nil:
			failed++
		case s.status == http.StatusCreated:
			confirmed++
		case s.status == http.StatusConflict:
			conflicts++
		case s.status >= 500:
			fives++
		default:
			others++
		}
		lat = append(lat, s.took)
	}
	bareOK := 0
	for _, s := range bareSamples {
		if s.err == nil && s.status == http.StatusCreated {
			bareOK++
		}
		bareLat = append(bareLat, s.took)
	}
	usage, err := db.SlotUsage(ctx, svc.ID, slots[0].Start, slots[0].End)
	if err != nil {
		return err
	}
	u := usage[slots[0].Start.UnixMilli()]
	overbooked := max(0, u.Booked-u.Capacity)
	stored, err := db.ConfirmedBetween(ctx, slots[0].Start, slots[0].End)
	if err != nil {
		return err
	}
	perSec := float64(confirmed) / took.Seconds()
	reqPerSec := float64(o.requests) / took.Seconds()
	barePerSec := float64(bareOK) / bareTook.Seconds()

	fmt.Fprintf(out, "| %s | %d | %d/%d | %d | %d | %d | %d | %s | %s | %.0f | %.0f | %.0f | **%.2f** | %s |\n",
		adb.engine, o.places, o.requests, o.clients, confirmed, len(stored), overbooked, fives, ms(percentile(lat, 0.5)), ms(percentile(lat, 0.99)),
		reqPerSec, perSec, barePerSec, reqPerSec/barePerSec, ms(percentile(bareLat, 0.99)))
	var problems []string
	if confirmed != o.places || len(stored) != o.places {
		problems = append(problems, fmt.Sprintf("%d confirmed answers and %d stored bookings, want %d", confirmed, len(stored), o.places))
	}
	if overbooked != 0 || u.Booked > u.Capacity {
		problems = append(problems, fmt.Sprintf("overbooked by %d", overbooked))
	}
	if fives != 0 || failed != 0 || others != 0 {
		problems = append(problems, fmt.Sprintf("%d 5xx, %d transport errors, %d other answers", fives, failed, others))
	}
	if conflicts != o.requests-o.places {
		problems = append(problems, fmt.Sprintf("%d conflicts, want %d", conflicts, o.requests-o.places))
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	return nil
}
