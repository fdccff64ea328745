package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/dataset"
	"github.com/chancery-platform/chancery/matchmaking"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
	"github.com/chancery-platform/chancery/web"
)

// matchProfilesEnv names the variable that sets how many generated
// profiles the matchmaking benchmarks rank, besides the default dataset's.
const matchProfilesEnv = "CHANCERY_BENCH_MATCH_PROFILES"

const (
	defaultMatchProfiles = 10_000
	matchImportBatch     = 2_500 // profiles (and their entities) a transaction
)

// matchFixture is the server over the generated profiles that every
// matchmaking benchmark of a run shares.
var matchFixture struct {
	once     sync.Once
	err      error
	app      *httptest.Server
	profiles []matchmaking.Profile // as stored, for the in-memory rule
	written  time.Duration
	checked  bool
	requests atomic.Int64 // numbers every request's URL, so the page cache never answers
}

func matchServer(b *testing.B) string {
	b.Helper()
	servers(b) // the shared fixture's TB outlives every benchmark
	n := defaultMatchProfiles
	if v := os.Getenv(matchProfilesEnv); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 2 {
			b.Fatalf("%s=%q: want a whole number of at least 2", matchProfilesEnv, v)
		}
	}
	sideFixture(b, &matchFixture.once, &matchFixture.err, "match", func(tb *setupTB) error { return setupMatch(tb, n) })
	return matchFixture.app.URL
}

// generatedProfiles makes n organisations, alternately of Belarus and
// China, each offering and seeking one to four sections drawn at random
// (always the same for the same n), with their entities.
func generatedProfiles(n int) ([]cooperation.Entity, []matchmaking.Profile) {
	rng := rand.New(rand.NewPCG(uint64(n), 0x3a7c4))
	draw := func() matchmaking.Set {
		var set matchmaking.Set
		for range 1 + rng.IntN(4) {
			set = set.With(matchmaking.Section(1 + rng.IntN(21)))
		}
		return set
	}
	es := make([]cooperation.Entity, n)
	ps := make([]matchmaking.Profile, n)
	for i := range n {
		id, country := fmt.Sprintf("bench-org-%05d", i), matchmaking.Countries[i%2]
		es[i] = cooperation.Entity{ID: id, Kind: cooperation.Organisation, Country: country,
			Name: mission.Text{"en": "Organisation " + strconv.Itoa(i), "zh": "机构" + strconv.Itoa(i)}}
		ps[i] = matchmaking.Profile{EntityID: id, Country: country, Offers: draw(), Seeks: draw()}
	}
	return es, ps
}

func setupMatch(tb *setupTB, n int) error {
	ctx := context.Background()
	who := store.Actor{Name: "bench"}
	db := storetest.Open(tb)
	ds, err := dataset.Default()
	if err != nil {
		return err
	}
	if _, err := db.Import(ctx, who, ds, dataset.DefaultBytes()); err != nil {
		return fmt.Errorf("import default dataset: %w", err)
	}
	es, ps := generatedProfiles(n)
	start := time.Now()
	for k := 0; k < n; k += matchImportBatch {
		part := dataset.Dataset{Version: ds.Version, Cooperation: &dataset.Cooperation{Entities: es[k:min(k+matchImportBatch, n)]},
			Profiles: ps[k:min(k+matchImportBatch, n)]}
		if _, err := db.Import(ctx, who, &part, fmt.Appendf(nil, "match corpus %d", k)); err != nil {
			return fmt.Errorf("import profiles: %w", err)
		}
	}
	matchFixture.written = time.Since(start)
	if matchFixture.profiles, err = db.MatchProfiles(ctx); err != nil {
		return err
	}
	srv, err := web.New(db, web.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return err
	}
	matchFixture.app = httptest.NewServer(srv)
	tb.Cleanup(matchFixture.app.Close)
	return nil
}

// BenchmarkMatchTrivial is the baseline of the matchmaking latencies: the
// trivial handler fetched the way the matchmaking benchmarks fetch.
func BenchmarkMatchTrivial(b *testing.B) {
	trivial, _ := servers(b)
	runTimed(b, func(int) string { return trivial + "/" }, nil)
}

// BenchmarkMatchForOne asks GET /api/v1/match/suggestions?for=… for one
// organisation after another: every profile is read and the organisation
// is paired with those of the other country.
func BenchmarkMatchForOne(b *testing.B) {
	app := matchServer(b)
	if !matchFixture.checked {
		matchFixture.checked = true
		b.Logf("engine %s, %d profiles (written in %s), %d client goroutines", fixture.engine, len(matchFixture.profiles),
			matchFixture.written.Round(time.Millisecond), parallelism*runtime.GOMAXPROCS(0))
		checkMatch(b, app)
	}
	runTimed(b, func(i int) string {
		return fmt.Sprintf("%s/api/v1/match/suggestions?for=bench-org-%05d&limit=20&n=%d", app, i%len(matchFixture.profiles),
			matchFixture.requests.Add(1))
	}, nil)
	b.ReportMetric(float64(len(matchFixture.profiles)), "profiles")
}

// BenchmarkMatchBest asks GET /api/v1/match/suggestions for the best 50
// pairs of all: every pair of the two countries is ranked.
func BenchmarkMatchBest(b *testing.B) {
	app := matchServer(b)
	runTimed(b, func(i int) string {
		return fmt.Sprintf("%s/api/v1/match/suggestions?limit=50&n=%d", app, matchFixture.requests.Add(1))
	}, nil)
	b.ReportMetric(float64(len(matchFixture.profiles)), "profiles")
}

// BenchmarkMatchRule runs the rule alone on the stored profiles, with no
// storage and no HTTP: the best 50 pairs of all, and one organisation's.
func BenchmarkMatchRule(b *testing.B) {
	matchServer(b)
	ps := matchFixture.profiles
	b.Run("best50", func(b *testing.B) {
		for b.Loop() {
			if len(matchmaking.Suggest(ps, matchmaking.Query{Limit: 50})) != 50 {
				b.Fatal("fewer than 50 suggestions")
			}
		}
	})
	b.Run("forOne", func(b *testing.B) {
		i := 0
		for b.Loop() {
			matchmaking.Suggest(ps, matchmaking.Query{For: ps[i%len(ps)].EntityID, Limit: 20})
			i++
		}
	})
}

// checkMatch asks for one organisation's suggestions once, outside the
// timer, and fails the benchmark unless each reason holds: the offerer
// offers the section and the seeker, of the other country, seeks it.
func checkMatch(b *testing.B, app string) {
	b.Helper()
	resp, err := client.Get(app + "/api/v1/match/suggestions?for=bench-org-00000&limit=200")
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	var got struct {
		Items []struct {
			A, B    string
			Reasons []struct{ Offerer, Seeker, Section string }
		}
	}
	if resp.StatusCode != http.StatusOK {
		b.Fatalf("status %d", resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil || len(got.Items) == 0 {
		b.Fatalf("no suggestions for bench-org-00000: %v", err)
	}
	byID := map[string]matchmaking.Profile{}
	for _, p := range matchFixture.profiles {
		byID[p.EntityID] = p
	}
	for _, s := range got.Items {
		for _, r := range s.Reasons {
			sec, err := matchmaking.ParseSection(r.Section)
			o, k := byID[r.Offerer], byID[r.Seeker]
			if err != nil || !o.Offers.Has(sec) || !k.Seeks.Has(sec) || o.Country == k.Country {
				b.Fatalf("%s–%s: the reason %+v does not hold", s.A, s.B, r)
			}
		}
	}
}
