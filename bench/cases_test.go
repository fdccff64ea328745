package bench

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/chancery-platform/chancery/dataset"
	"github.com/chancery-platform/chancery/staff"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
	"github.com/chancery-platform/chancery/web"
)

// The consular case benchmarks (issue 14 §8), each beside the trivial
// handler sent the same requests the same way in the same run.

// mrzBody is a TD3 zone (ICAO Doc 9303 Part 4's specimen) as POST
// /api/v1/mrz takes it.
var mrzBody, _ = json.Marshal(map[string]string{"mrz": "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n" +
	"L898902C36UTO7408122F1204159ZE184226B<<<<<10"})

// BenchmarkMRZTrivial is the baseline of BenchmarkMRZ: the trivial
// handler, sent the same POSTs.
func BenchmarkMRZTrivial(b *testing.B) {
	trivial, _ := servers(b)
	postTimed(b, http.StatusOK, func(i int64) (int, error) { return post(trivial+"/", mrzBody, i) })
}

// BenchmarkMRZ reads a passport's zone through POST /api/v1/mrz from
// parallel clients: parsing, the check digits and the JSON answer.
func BenchmarkMRZ(b *testing.B) {
	_, app := servers(b)
	postTimed(b, http.StatusOK, func(i int64) (int, error) { return post(app+"/api/v1/mrz", mrzBody, i) })
}

// queueCases is how many cases the queue benchmark's mission holds.
const queueCases = 100_000

// queueFixture is the server of the queue benchmark: its own database
// holding queueCases cases in every stage, and a consul's session.
var queueFixture struct {
	once   sync.Once
	err    error
	app    *httptest.Server
	cookie string
}

func queueServer(b *testing.B) (string, string) {
	b.Helper()
	servers(b) // the shared fixture's TB outlives every benchmark
	queueFixture.once.Do(func() {
		tb := &setupTB{}
		fixture.tb.Cleanup(func() {
			if err := tb.close(); err != nil {
				fixture.tb.Errorf("queue fixture: %v", err)
			}
		})
		done := make(chan struct{})
		go func() { // storetest may call Fatal, which ends this goroutine
			defer close(done)
			queueFixture.err = setupQueue(tb)
		}()
		<-done
		if queueFixture.err == nil && tb.failed != nil {
			queueFixture.err = tb.failed
		}
	})
	if queueFixture.err != nil {
		b.Fatal(queueFixture.err)
	}
	return queueFixture.app.URL, queueFixture.cookie
}

func setupQueue(tb *setupTB) error {
	ctx := context.Background()
	db := storetest.Open(tb)
	ds, err := dataset.Default()
	if err != nil {
		return err
	}
	if _, err := db.Import(ctx, store.Actor{Name: "bench"}, ds, dataset.DefaultBytes()); err != nil {
		return err
	}
	storetest.FillCases(tb, db, queueCases)
	u, err := db.CreateUser(ctx, store.Actor{Name: "bench"}, "bench-consul", storetest.Password, "consul")
	if err != nil {
		return err
	}
	sess, err := db.CreateSession(ctx, u, staff.SessionPolicy{})
	if err != nil {
		return err
	}
	srv, err := web.New(db, web.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return err
	}
	queueFixture.app, queueFixture.cookie = httptest.NewServer(srv), "chancery_session="+sess.Token
	tb.Cleanup(queueFixture.app.Close)
	return nil
}

// queuePath is the desk's page of a mission's new cases: its first 50,
// the count of every queue (each counted up to 1,000).
const queuePath = "/staff/missions/by-cg-chongqing/cases?queue=new"

// getAs fetches url with the cookie, as request n.
func getAs(url, cookie string) (int, error) {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Cookie", cookie)
	return fetch(req)
}

// BenchmarkQueueTrivial is the baseline of BenchmarkQueuePage: the
// trivial handler, sent the same GETs the same way.
func BenchmarkQueueTrivial(b *testing.B) {
	trivial, _ := servers(b)
	_, cookie := queueServer(b)
	postTimed(b, http.StatusOK, func(int64) (int, error) { return getAs(trivial+"/", cookie) })
}

// BenchmarkQueuePage serves a consul the desk's queue page of a mission
// holding 100,000 cases, from parallel clients: the session checked in
// the database, the page of new cases and every queue's count read, the
// page rendered.
func BenchmarkQueuePage(b *testing.B) {
	app, cookie := queueServer(b)
	postTimed(b, http.StatusOK, func(int64) (int, error) { return getAs(app+queuePath, cookie) })
}
