// Command chancery-rush simulates the release of scarce appointments: M
// booking requests from C concurrent clients for N places, against the
// real server on loopback, on SQLite or PostgreSQL. It checks that exactly
// N bookings were confirmed and stored, none overbooked, and that no answer
// was a 5xx or a transport error.
//
// Its figures compare like with like. Booking requests are group-committed
// (store/batch.go), so the baseline they are measured against is a bare
// write endpoint whose one trivial write per request (a rate-limit counter
// upsert, store.DB.HitAll) goes through the same batcher. The same bare
// write in a transaction of its own per request (store.DB.Hit) is measured
// too, and so is a no-op endpoint that only reads the body and answers 201:
// the ceiling of this process's own clients, beside which a baseline that
// comes close is bounded by the clients, not by the database. All four get
// the same M requests from the same C clients, one after the other, and
// print one Markdown table:
//
//	chancery-rush [-n 200] [-m 2000] [-c 500] [-db postgres://…/postgres]
//
// Everything it creates lives in a temporary folder or a throwaway
// PostgreSQL database, dropped at the end (also on SIGINT or SIGTERM). It
// listens on 127.0.0.1 only and is bounded by -m requests and -timeout.
package main

import (
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"sync/atomic"
	"syscall"
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
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
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

func run(ctx context.Context, o options, out io.Writer) error {
	// The baselines: a bare endpoint doing one trivial write (a rate-limit
	// counter upsert) per request, on its own fresh database of the same
	// engine, through the booking path's batcher or in a transaction of
	// its own.
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
	bareWrite := func(hit func(ctx context.Context, bucket string) error) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			io.Copy(io.Discard, r.Body)
			if err := hit(r.Context(), fmt.Sprintf("rush-%d", seq.Add(1))); err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			w.WriteHeader(http.StatusCreated)
		})
	}
	const unlimited = 1 << 30
	bareURL, err := serve(ctx, bareWrite(func(ctx context.Context, bucket string) error {
		_, _, err := base.Hit(ctx, bucket, unlimited, time.Hour)
		return err
	}))
	if err != nil {
		return err
	}
	batchedURL, err := serve(ctx, bareWrite(func(ctx context.Context, bucket string) error {
		_, _, err := base.HitAll(ctx, []store.Limit{{Bucket: bucket, Max: unlimited}}, time.Hour)
		return err
	}))
	if err != nil {
		return err
	}
	ceilingURL, err := serve(ctx, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusCreated)
	}))
	if err != nil {
		return err
	}

	rel, err := openRelease(ctx, o)
	if err != nil {
		return err
	}
	defer rel.close()

	header := func(i int) http.Header {
		client := i % o.clients
		return http.Header{"Content-Type": {"application/json"},
			// Each simulated client has its own address, as behind a proxy.
			"X-Forwarded-For": {fmt.Sprintf("10.%d.%d.%d", client>>16&255, client>>8&255, client&255)}}
	}
	bookingBody := func(i int) []byte {
		return fmt.Appendf(nil, `{"service":%q,"start":%q,"name":"Applicant %d","email":"applicant%d@example.com","phone":"+86 138 %04d %04d"}`,
			rel.service.ID, rel.start, i, i, i/10000, i%10000)
	}
	// Every endpoint gets a booking's body, so that all read as much.
	measure := func(key, what, url string) measurement {
		samples, took := fire(ctx, url, o, bookingBody, header)
		return summarise(key, what, samples, took)
	}
	rows := []measurement{
		measure("ceiling", "no-op POST: these clients' own ceiling", ceilingURL+"/"),
		measure("bare", "bare write, a transaction of its own per request (store.DB.Hit)", bareURL+"/"),
		measure("batched", "bare write through the booking path's batcher (store.DB.HitAll)", batchedURL+"/"),
		measure("booking", "POST /api/v1/bookings, the real server", rel.url+"/api/v1/bookings"),
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("the run did not finish in time: %w", err)
	}
	batched, booked := rows[2], rows[3]

	usage, err := rel.db.SlotUsage(ctx, rel.service.ID, rel.slot.Start, rel.slot.End)
	if err != nil {
		return err
	}
	u := usage[rel.slot.Start.UnixMilli()]
	overbooked := max(0, u.Booked-u.Capacity)
	stored, err := rel.db.ConfirmedBetween(ctx, rel.slot.Start, rel.slot.End)
	if err != nil {
		return err
	}

	fmt.Fprintf(out, "%s: %d places; %d requests from %d clients to each endpoint; %d confirmed, %d stored, %d overbooked; %.0f bookings/s\n\n",
		bdb.engine, o.places, o.requests, o.clients, booked.created, len(stored), overbooked, float64(booked.created)*booked.perSec/float64(booked.requests))
	writeTable(out, rows, batched)

	var problems []string
	if booked.created != o.places || len(stored) != o.places {
		problems = append(problems, fmt.Sprintf("%d confirmed answers and %d stored bookings, want %d", booked.created, len(stored), o.places))
	}
	if overbooked != 0 || u.Booked > u.Capacity {
		problems = append(problems, fmt.Sprintf("overbooked by %d", overbooked))
	}
	if booked.conflicts != o.requests-o.places {
		problems = append(problems, fmt.Sprintf("%d conflicts, want %d", booked.conflicts, o.requests-o.places))
	}
	for _, m := range rows {
		if m.faults() != 0 || (m.key != "booking" && m.created != m.requests) {
			problems = append(problems, fmt.Sprintf("%s: %d 5xx, %d transport errors, %d other answers", m.key, m.fives, m.failed, m.others))
		}
	}
	if len(problems) > 0 {
		return errors.New(strings.Join(problems, "; "))
	}
	return nil
}

// release is a fresh chancery with one service whose single slot has n
// places, opened to everyone at once, served on loopback.
type release struct {
	db      *store.DB
	url     string
	service booking.Service
	slot    booking.Slot
	start   string // the slot's start as a booking request gives it
	close   func()
}

func openRelease(ctx context.Context, o options) (*release, error) {
	adb, err := freshDB(o, "app")
	if err != nil {
		return nil, err
	}
	db, err := store.Open(ctx, adb.dsn)
	if err != nil {
		adb.drop()
		return nil, err
	}
	rel := &release{db: db, close: func() { db.Close(); adb.drop() }}
	if err := rel.seed(ctx, o); err != nil {
		rel.close()
		return nil, err
	}
	srv, err := web.New(db, web.Config{TrustProxy: true, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		rel.close()
		return nil, err
	}
	if rel.url, err = serve(ctx, srv); err != nil {
		rel.close()
		return nil, err
	}
	return rel, nil
}

// seed migrates the database, imports the default dataset and opens the
// released slot: 09:00 on the first working day at least two days ahead.
func (rel *release) seed(ctx context.Context, o options) error {
	db := rel.db
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
	rel.service = booking.Service{ID: "cq-release", MissionID: "by-cg-chongqing", Name: mission.Text{"en": "Released appointments"},
		Duration: 60, Capacity: o.places, WindowDays: 60, MinNotice: 0, Mode: booking.FirstCome, Active: true}
	if _, err := db.SaveService(ctx, who, rel.service); err != nil {
		return err
	}
	cal, err := db.MissionCalendar(ctx, rel.service.MissionID)
	if err != nil {
		return err
	}
	day := cal.NextWorkingDay(calendar.DateOf(time.Now(), cal.Zone).AddDays(1))
	slots := booking.Slots(rel.service, cal, day)
	if len(slots) == 0 {
		return fmt.Errorf("no slot on %s", day)
	}
	rel.slot = slots[0]
	rel.start = rel.slot.Start.In(cal.Zone).Format(time.RFC3339)
	return nil
}
