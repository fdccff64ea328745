package bench

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/dataset"
	"github.com/chancery-platform/chancery/events"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
	"github.com/chancery-platform/chancery/web"
)

// eventCapacity is the places of each benchmark event: far fewer than the
// requests, so every request contends for one event's counters, and all
// but the first few join the waiting list.
const eventCapacity = 10

// eventFixture is the server of the event benchmarks: its own database,
// and a server that trusts X-Forwarded-For, so that each request comes
// from an address of its own and none is rate limited.
var eventFixture struct {
	once   sync.Once
	err    error
	app    *httptest.Server
	db     *store.DB
	events atomic.Int64 // numbers the events, one per benchmark round
	people atomic.Int64 // numbers the registrants across rounds
}

func eventServer(b *testing.B) string {
	b.Helper()
	sideFixture(b, &eventFixture.once, &eventFixture.err, "event", setupEvents)
	return eventFixture.app.URL
}

func setupEvents(tb *setupTB) error {
	db := storetest.Open(tb)
	ds, err := dataset.Default()
	if err != nil {
		return err
	}
	if _, err := db.Import(context.Background(), store.Actor{Name: "bench"}, ds, dataset.DefaultBytes()); err != nil {
		return err
	}
	srv, err := web.New(db, web.Config{TrustProxy: true, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return err
	}
	eventFixture.db, eventFixture.app = db, httptest.NewServer(srv)
	tb.Cleanup(eventFixture.app.Close)
	return nil
}

// newBenchEvent adds a record event with registration open, eventCapacity
// places and a waiting list, and returns its ID.
func newBenchEvent(b *testing.B) string {
	b.Helper()
	ctx, who := context.Background(), store.Actor{Name: "bench"}
	id := fmt.Sprintf("bench-forum-%d", eventFixture.events.Add(1))
	db := eventFixture.db
	if _, err := db.SaveCoop(ctx, who, cooperation.Event{ID: id, Kind: "forum", Title: mission.Text{"en": "Benchmark forum"}}); err != nil {
		b.Fatal(err)
	}
	now := time.Now().Truncate(time.Minute)
	start := now.Add(30 * 24 * time.Hour)
	if _, err := db.SaveEventRegistration(ctx, who, events.Event{ID: id, MissionID: "by-cg-chongqing", Start: start,
		End: start.Add(3 * time.Hour), Venue: mission.Text{"en": "Expo Centre"}, Capacity: eventCapacity, Waitlist: true,
		Opens: now.Add(-time.Hour), Closes: start.Add(-time.Hour), Open: true}, nil); err != nil {
		b.Fatal(err)
	}
	return id
}

// post sends a JSON body from a client address of its own (request n's)
// with the header's names and values, and returns the status.
func post(url string, body []byte, n int64, header ...string) (int, error) {
	req, err := http.NewRequest("POST", url, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Forwarded-For", fmt.Sprintf("10.%d.%d.%d", n>>16&255, n>>8&255, n&255))
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return fetch(req)
}

// postTimed runs request number 0, 1, … from parallel clients; each must
// answer want. It reports the median and the 99th percentile latency.
func postTimed(b *testing.B, want int, request func(i int64) (int, error)) {
	b.Helper()
	var next atomic.Int64
	var mu sync.Mutex
	var lat []time.Duration
	var failure atomic.Pointer[error]
	b.SetParallelism(parallelism)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		for pb.Next() {
			if failure.Load() != nil {
				continue
			}
			i := next.Add(1) - 1
			began := time.Now()
			status, err := request(i)
			mine = append(mine, time.Since(began))
			if err == nil && status != want {
				err = fmt.Errorf("request %d: status %d, want %d", i, status, want)
			}
			if err != nil {
				failure.CompareAndSwap(nil, &err)
			}
		}
		mu.Lock()
		lat = append(lat, mine...)
		mu.Unlock()
	})
	b.StopTimer()
	if err := failure.Load(); err != nil {
		b.Fatal(*err)
	}
	slices.Sort(lat)
	b.ReportMetric(ms(percentile(lat, 0.50)), "p50-ms")
	b.ReportMetric(ms(percentile(lat, 0.99)), "p99-ms")
}

// registrationBody is a registration request of person n.
func registrationBody(n int64) []byte {
	return fmt.Appendf(nil, `{"name":"Guest %d","email":"guest%d@example.com","lang":"en"}`, n, n)
}

// BenchmarkEventTrivial is the baseline: the trivial handler, sent the
// same POSTs the way BenchmarkEventRegister sends them.
func BenchmarkEventTrivial(b *testing.B) {
	trivial, _ := servers(b)
	postTimed(b, http.StatusOK, func(int64) (int, error) {
		n := eventFixture.people.Add(1)
		return post(trivial+"/", registrationBody(n), n)
	})
}

// BenchmarkEventRegister registers through POST
// /api/v1/events/{id}/registrations from parallel clients, all for one
// event of eventCapacity places with a waiting list: each registration
// takes the event's row in its transaction (the conditional update of its
// counters), and mails its confirmation through the outbox.
func BenchmarkEventRegister(b *testing.B) {
	app := eventServer(b)
	id := newBenchEvent(b)
	if b.N == 1 { // the first round of a run
		b.Logf("engine %s, %d client goroutines, %d places", fixture.engine, parallelism*runtime.GOMAXPROCS(0), eventCapacity)
	}
	postTimed(b, http.StatusCreated, func(int64) (int, error) {
		n := eventFixture.people.Add(1)
		return post(app+"/api/v1/events/"+id+"/registrations", registrationBody(n), n)
	})
	checkEvent(b, id, min(b.N, eventCapacity), max(0, b.N-eventCapacity))
}

// BenchmarkEventCancel cancels registrations through POST
// /api/v1/registrations/{reference}/cancel from parallel clients, in the
// order they were made: each cancellation of a place promotes the first
// on the waiting list (and mails both) in its transaction.
func BenchmarkEventCancel(b *testing.B) {
	app := eventServer(b)
	id := newBenchEvent(b)
	ctx := context.Background()
	refs, tokens := make([]string, b.N+eventCapacity), make([]string, b.N+eventCapacity)
	for i := range refs {
		token, hash := booking.NewToken()
		n := eventFixture.people.Add(1)
		r, _, err := eventFixture.db.Register(ctx, store.RegisterInput{EventID: id, Reference: booking.NewReference(), TokenHash: hash,
			Registrant: events.Registrant{Name: fmt.Sprintf("Guest %d", n), Email: fmt.Sprintf("guest%d@example.com", n), Lang: "en"}})
		if err != nil {
			b.Fatal(err)
		}
		refs[i], tokens[i] = r.Reference, token
	}
	postTimed(b, http.StatusOK, func(i int64) (int, error) {
		return post(app+"/api/v1/registrations/"+refs[i]+"/cancel", nil, i, "Authorization", "Bearer "+tokens[i])
	})
	checkEvent(b, id, eventCapacity, 0)
}

// checkEvent fails the benchmark unless the event's counters say what its
// rows say, and the places taken are as many as they should be.
func checkEvent(b *testing.B, id string, registered, waiting int) {
	b.Helper()
	e, err := eventFixture.db.EventRegistration(context.Background(), id)
	if err != nil {
		b.Fatal(err)
	}
	regs, err := eventFixture.db.Registrations(context.Background(), id)
	if err != nil {
		b.Fatal(err)
	}
	held := 0
	for _, r := range regs {
		if r.Status.Holds() {
			held++
		}
	}
	if e.Registered != registered || held != registered || e.Waiting != waiting {
		b.Fatalf("%d places taken by the counter, %d by the rows, %d waiting; want %d and %d", e.Registered, held, e.Waiting, registered, waiting)
	}
}
