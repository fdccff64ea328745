package bench

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"log/slog"
	"math"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode"

	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/dataset"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/names"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
	"github.com/chancery-platform/chancery/web"
)

// searchScaleEnv names the variable that sets how many times the default
// dataset's record of cooperation the search corpus holds: scripts/bench.sh
// sets 1000 (about 95,000 records); the default keeps the run that CI makes
// of every benchmark short.
const searchScaleEnv = "CHANCERY_BENCH_SEARCH_SCALE"

const defaultSearchScale = 10

// How the corpus is written: the first saveCoopCopies copies of the record
// one store.SaveCoop (one transaction) each, to measure that path; the rest
// through store.DB.Import, which writes each record with the same code,
// importCopies copies (about 1,900 records) a transaction. One transaction
// for all is slower on PostgreSQL: every record raises the data revision,
// one row, whose versions then pile up until the commit.
const (
	saveCoopCopies = 10
	importCopies   = 20
)

// searchQuery is a query the search benchmarks rotate through, with what it
// must find: at least one result (or none, for a query with no hits), and
// the record a person asking it looks for, when there is one.
type searchQuery struct {
	q        string
	hits     bool
	mustFind string // "kind/id" of a record among all it finds, or ""
}

var searchQueries = []searchQuery{
	{"Yemelyanov", true, "entity/dzmitry-yemelyanau"},
	{"Емельянов", true, "entity/dzmitry-yemelyanau"},
	{"叶梅利扬诺夫", true, "entity/dzmitry-yemelyanau"},
	{"重庆", true, ""},
	{"Consul General", true, ""},
	{"白俄罗斯", true, ""},
	{"Belarus", true, ""},
	{"Qwertyuiop Zanzibar", false, ""},
}

// searchFixture is the server over the corpus that every search benchmark
// of a run shares, with how long the corpus took to write.
var searchFixture struct {
	once      sync.Once
	err       error
	app       *httptest.Server
	db        *store.DB
	records   int           // records in the database
	saveCoop  time.Duration // writing the first copies one SaveCoop each
	saved     int
	imported  time.Duration // writing the rest in import transactions
	importedN int
	imports   int
	vacuumed  time.Duration // VACUUM ANALYZE after the corpus, on PostgreSQL
	checked   bool          // the queries were checked and the corpus reported
	requests  atomic.Int64  // numbers every search's URL, across calls, so none is cached
}

// searchServer builds the corpus and its server on first use. It lives
// until TestMain's cleanup, like the shared fixture it hangs from.
func searchServer(b *testing.B) string {
	b.Helper()
	servers(b) // the shared fixture's TB outlives every benchmark
	scale := searchScale(b)
	searchFixture.once.Do(func() {
		tb := &setupTB{}
		fixture.tb.Cleanup(func() {
			if err := tb.close(); err != nil {
				fixture.tb.Errorf("search fixture: %v", err)
			}
		})
		done := make(chan struct{})
		go func() { // storetest may call Fatal, which ends this goroutine
			defer close(done)
			searchFixture.err = setupSearch(tb, scale)
		}()
		<-done
		if searchFixture.err == nil && tb.failed != nil {
			searchFixture.err = tb.failed
		}
	})
	if searchFixture.err != nil {
		b.Fatal(searchFixture.err)
	}
	return searchFixture.app.URL
}

func searchScale(b *testing.B) int {
	v := os.Getenv(searchScaleEnv)
	if v == "" {
		return defaultSearchScale
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		b.Fatalf("%s=%q: want a whole number of at least 1", searchScaleEnv, v)
	}
	return n
}

func setupSearch(tb *setupTB, scale int) error {
	ctx := context.Background()
	who := store.Actor{Name: "bench"}
	db := storetest.Open(tb)
	ds, err := dataset.Default()
	if err != nil {
		return fmt.Errorf("default dataset: %w", err)
	}
	if _, err := db.Import(ctx, who, ds, dataset.DefaultBytes()); err != nil {
		return fmt.Errorf("import default dataset: %w", err)
	}
	searchFixture.db = db
	searchFixture.records = scale * len(coopRecords(ds.Cooperation))

	start := time.Now()
	for _, r := range coopRecords(searchCopies(ds.Cooperation, 1, min(1+saveCoopCopies, scale))) {
		if _, err := db.SaveCoop(ctx, who, r); err != nil {
			return fmt.Errorf("save %s %s: %w", r.RecordKind(), r.RecordID(), err)
		}
		searchFixture.saved++
	}
	searchFixture.saveCoop = time.Since(start)

	// Import writes the records the file lists and leaves the rest of the
	// dataset, imported already, unchanged.
	start = time.Now()
	for k := 1 + saveCoopCopies; k < scale; k += importCopies {
		part := *ds
		part.Cooperation = searchCopies(ds.Cooperation, k, min(k+importCopies, scale))
		raw := fmt.Appendf(slices.Clip(dataset.DefaultBytes()), "\n# search corpus, copies %d to %d\n", k, k+importCopies-1)
		rep, err := db.Import(ctx, who, &part, raw)
		if err != nil {
			return fmt.Errorf("import the search corpus: %w", err)
		}
		searchFixture.importedN += rep.Created
		searchFixture.imports++
	}
	searchFixture.imported = time.Since(start)

	// On PostgreSQL, what autovacuum does within a minute or so of a bulk
	// load: the visibility map that lets a search read the index alone,
	// and fresh statistics. The benchmark measures that steady state.
	if db.Dialect == store.Postgres {
		start = time.Now()
		conn, err := sql.Open("pgx", db.DSN)
		if err != nil {
			return err
		}
		_, err = conn.ExecContext(ctx, `VACUUM ANALYZE`)
		conn.Close()
		if err != nil {
			return fmt.Errorf("vacuum the search corpus: %w", err)
		}
		searchFixture.vacuumed = time.Since(start)
	}

	// Every request comes from one address: the rate limit is still
	// counted, as for every search, but never reached.
	srv, err := web.New(db, web.Config{Logger: slog.New(slog.DiscardHandler), SearchesPerMinute: 1 << 20})
	if err != nil {
		return fmt.Errorf("web.New: %w", err)
	}
	searchFixture.app = httptest.NewServer(srv)
	tb.Cleanup(searchFixture.app.Close) // registered after the database's close, so it runs first
	return nil
}

// BenchmarkSearchTrivial is the baseline of the search latencies: the
// trivial handler fetched the way BenchmarkSearchAPI fetches, with its own
// p50 and p99.
func BenchmarkSearchTrivial(b *testing.B) {
	trivial, _ := servers(b)
	runTimed(b, func(int) string { return trivial + "/" }, nil)
}

// BenchmarkSearchAPI searches the corpus through GET /api/v1/search,
// rotating through Latin, Cyrillic and Chinese queries. Every request has
// its own URL, so the page cache never answers: each is a search.
func BenchmarkSearchAPI(b *testing.B) {
	app := searchServer(b)
	if !searchFixture.checked { // once a run: the first call has b.N = 1
		searchFixture.checked = true
		b.Logf("engine %s, %d records, %d client goroutines; corpus written in %s: %d one SaveCoop each (%.0f records/s), %d in %d import transactions (%.0f records/s); vacuumed in %s",
			fixture.engine, searchFixture.records, parallelism*runtime.GOMAXPROCS(0),
			(searchFixture.saveCoop + searchFixture.imported).Round(time.Millisecond),
			searchFixture.saved, perSecond(searchFixture.saved, searchFixture.saveCoop),
			searchFixture.importedN, searchFixture.imports, perSecond(searchFixture.importedN, searchFixture.imported),
			searchFixture.vacuumed.Round(time.Millisecond))
		for _, sq := range searchQueries {
			checkSearch(b, app, sq)
		}
	}
	perQuery := runTimed(b, func(i int) string {
		return fmt.Sprintf("%s/api/v1/search?q=%s&n=%d", app, url.QueryEscape(searchQueries[i%len(searchQueries)].q),
			searchFixture.requests.Add(1))
	}, func(i int) int { return i % len(searchQueries) })
	b.ReportMetric(float64(searchFixture.records), "records")
	// One line, since the benchmark's output is cut after ten.
	var line []string
	for i, lat := range perQuery {
		if len(lat) > 0 {
			line = append(line, fmt.Sprintf("%s %.1f/%.1f (%d)", searchQueries[i].q,
				ms(percentile(lat, 0.50)), ms(percentile(lat, 0.99)), len(lat)))
		}
	}
	b.Logf("by query, p50/p99 ms (requests): %s", strings.Join(line, "; "))
}

// manyTermQueries are queries of 32 terms, the most a search accepts
// (within the 200 characters it accepts), at most two (the default record
// makes one): short words of the record's searchable texts, in the order
// it first uses them, each a term of many records, which no record holds
// all together, so a search reads every row of its rarest term.
func manyTermQueries(c *dataset.Cooperation) []string {
	var qs []string
	var ws []string
	seen := map[string]bool{}
	for _, w := range vocabulary(c)["en"] {
		ts := names.Terms(w)
		if len(ts) != 1 || seen[ts[0]] || len(w) < 3 || len(w) > 5 || strings.IndexFunc(w, func(r rune) bool { return !unicode.IsLetter(r) }) >= 0 {
			continue
		}
		seen[ts[0]] = true
		if ws = append(ws, w); len(ws) == 32 {
			qs, ws = append(qs, strings.Join(ws, " ")), nil
		}
		if len(qs) == 2 {
			break
		}
	}
	return qs
}

// BenchmarkSearchManyTerms searches the corpus through GET /api/v1/search
// with queries of 32 terms, the most a search accepts: the cost of a
// search must not grow with its terms (issue 11 §6).
func BenchmarkSearchManyTerms(b *testing.B) {
	app := searchServer(b)
	ds, err := dataset.Default()
	if err != nil {
		b.Fatal(err)
	}
	queries := manyTermQueries(ds.Cooperation)
	for _, q := range queries {
		checkSearch(b, app, searchQuery{q: q})
	}
	perQuery := runTimed(b, func(i int) string {
		return fmt.Sprintf("%s/api/v1/search?q=%s&n=%d", app, url.QueryEscape(queries[i%len(queries)]), searchFixture.requests.Add(1))
	}, func(i int) int { return i % len(queries) })
	var line []string
	for i, lat := range perQuery {
		if len(lat) > 0 {
			line = append(line, fmt.Sprintf("%q: %.1f/%.1f (%d)", queries[i], ms(percentile(lat, 0.50)), ms(percentile(lat, 0.99)), len(lat)))
		}
	}
	b.Logf("by query, p50/p99 ms (requests): %s", strings.Join(line, "; "))
}

func perSecond(n int, d time.Duration) float64 {
	if d <= 0 {
		return 0
	}
	return float64(n) / d.Seconds()
}

// checkSearch asks a query once, outside the timer, and fails the
// benchmark unless it finds what it must.
func checkSearch(b *testing.B, app string, sq searchQuery) {
	b.Helper()
	u := app + "/api/v1/search?limit=200&q=" + url.QueryEscape(sq.q)
	resp, err := client.Get(u)
	if err != nil {
		b.Fatal(err)
	}
	defer resp.Body.Close()
	var got struct {
		Results []searchHit
	}
	if resp.StatusCode != http.StatusOK {
		b.Fatalf("GET %s: status %d, want 200", u, resp.StatusCode)
	}
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
		b.Fatalf("GET %s: %v", u, err)
	}
	if sq.hits != (len(got.Results) > 0) {
		b.Fatalf("search %q: %d results, want some: %v", sq.q, len(got.Results), sq.hits)
	}
	if sq.mustFind != "" {
		// The API gives the first results by kind and date, where copies
		// may crowd the record out: ask the store for all of them.
		all, err := searchFixture.db.CoopSearch(context.Background(), sq.q, searchFixture.records)
		if err != nil {
			b.Fatal(err)
		}
		if !slices.ContainsFunc(all, func(r store.CoopRecord) bool { return r.Kind+"/"+r.ID == sq.mustFind }) {
			b.Fatalf("search %q: %s not among its %d results", sq.q, sq.mustFind, len(all))
		}
	}
	// Chinese is found by its characters: each must be in every record found.
	for _, r := range sq.q {
		if !unicode.Is(unicode.Han, r) {
			continue
		}
		for _, hit := range got.Results {
			if !strings.ContainsRune(string(hit.Record), r) {
				b.Fatalf("search %q found %s/%s, which has no %c", sq.q, hit.Kind, hit.ID, r)
			}
		}
	}
}

// searchHit is a result of GET /api/v1/search.
type searchHit struct {
	Kind, ID string
	Record   json.RawMessage
}

// runTimed fetches the URLs urlOf gives for request numbers 0, 1, … from
// parallel clients, as runEach does, and reports the median and the 99th
// percentile of the latencies. With groupOf it also returns the latencies
// of each group of requests, sorted.
func runTimed(b *testing.B, urlOf func(i int) string, groupOf func(i int) int) [][]time.Duration {
	b.Helper()
	var (
		next    atomic.Int64
		mu      sync.Mutex
		all     []time.Duration
		groups  [][]time.Duration
		failure atomic.Pointer[error]
	)
	b.SetParallelism(parallelism)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		var mineGroups [][]time.Duration
		for pb.Next() {
			i := int(next.Add(1) - 1)
			if failure.Load() != nil {
				continue // drain the remaining iterations quickly
			}
			u := urlOf(i)
			start := time.Now()
			status, err := get(u)
			d := time.Since(start)
			if err == nil && status != http.StatusOK {
				err = fmt.Errorf("GET %s: status %d, want 200", u, status)
			}
			if err != nil {
				failure.CompareAndSwap(nil, &err)
			}
			mine = append(mine, d)
			if groupOf != nil {
				g := groupOf(i)
				for len(mineGroups) <= g {
					mineGroups = append(mineGroups, nil)
				}
				mineGroups[g] = append(mineGroups[g], d)
			}
		}
		mu.Lock()
		defer mu.Unlock()
		all = append(all, mine...)
		for len(groups) < len(mineGroups) {
			groups = append(groups, nil)
		}
		for g, ds := range mineGroups {
			groups[g] = append(groups[g], ds...)
		}
	})
	b.StopTimer()
	if err := failure.Load(); err != nil {
		b.Fatal(*err) // b.Fatal only from the benchmark's own goroutine
	}
	slices.Sort(all)
	b.ReportMetric(ms(percentile(all, 0.50)), "p50-ms")
	b.ReportMetric(ms(percentile(all, 0.99)), "p99-ms")
	for _, g := range groups {
		slices.Sort(g)
	}
	return groups
}

// percentile is the nearest-rank percentile of sorted latencies.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p*float64(len(sorted)))) - 1
	return sorted[max(0, min(rank, len(sorted)-1))]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// searchCopies makes copies number from to to-1 of every record of c:
// with the originals, copies 1 to scale-1 make a corpus scale times the
// record. A copy has its own
// identifier (and its references point at copies) and its own names and
// titles: in each language, about half the words are swapped for words
// drawn from that language's texts in the whole record (so a word is as
// common in the corpus as in the record) and the words are shuffled;
// Chinese, written without spaces, is cut into two-character pieces that
// are swapped and shuffled the same way, so copies have runs of characters
// of their own. Copy k is always the same.
func searchCopies(c *dataset.Cooperation, from, to int) *dataset.Cooperation {
	v := vocabulary(c)
	out := &dataset.Cooperation{}
	for k := from; k < to; k++ {
		sfx := fmt.Sprintf("-x%04d", k)
		rng := rand.New(rand.NewPCG(uint64(k), 0x5ea7c4))
		text := func(t mission.Text) mission.Text { return v.vary(t, rng, k) }
		for _, e := range c.Entities {
			e.ID += sfx
			e.Name = text(e.Name)
			e.Aliases = slices.Clone(e.Aliases)
			for i, a := range e.Aliases {
				lang := cmpOr(a.Lang, "en")
				e.Aliases[i].Text = text(mission.Text{lang: a.Text})[lang]
			}
			out.Entities = append(out.Entities, e)
		}
		for _, r := range c.Roles {
			r.Person, r.Organisation, r.Title = r.Person+sfx, r.Organisation+sfx, text(r.Title)
			out.Roles = append(out.Roles, r)
		}
		for _, p := range c.Partnerships {
			p.ID, p.A, p.B = p.ID+sfx, p.A+sfx, p.B+sfx
			out.Partnerships = append(out.Partnerships, p)
		}
		for _, a := range c.Agreements {
			a.ID, a.Title, a.Parties = a.ID+sfx, text(a.Title), suffixed(a.Parties, sfx)
			out.Agreements = append(out.Agreements, a)
		}
		for _, e := range c.Events {
			e.ID, e.Title = e.ID+sfx, text(e.Title)
			out.Events = append(out.Events, e)
		}
		for _, co := range c.Corridors {
			co.ID, co.Name = co.ID+sfx, text(co.Name)
			out.Corridors = append(out.Corridors, co)
		}
		for _, t := range c.Trade {
			t.ID, t.Wording = t.ID+sfx, text(t.Wording)
			out.Trade = append(out.Trade, t)
		}
	}
	return out
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func suffixed(ids []string, sfx string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = id + sfx
	}
	return out
}

// coopRecords lists the records of c in the order the import writes them.
func coopRecords(c *dataset.Cooperation) []cooperation.Record {
	out := appendRecords(nil, c.Entities)
	out = appendRecords(out, c.Roles)
	out = appendRecords(out, c.Partnerships)
	out = appendRecords(out, c.Agreements)
	out = appendRecords(out, c.Events)
	out = appendRecords(out, c.Corridors)
	return appendRecords(out, c.Trade)
}

func appendRecords[T cooperation.Record](out []cooperation.Record, recs []T) []cooperation.Record {
	for _, r := range recs {
		out = append(out, r)
	}
	return out
}

// words are the words of the record's searchable texts by language, each
// as often as it occurs; Chinese as two-character pieces.
type words map[string][]string

func vocabulary(c *dataset.Cooperation) words {
	v := words{}
	add := func(t mission.Text) {
		for lang, s := range t {
			v[lang] = append(v[lang], split(lang, s)...)
		}
	}
	for _, e := range c.Entities {
		add(e.Name)
		for _, a := range e.Aliases {
			add(mission.Text{cmpOr(a.Lang, "en"): a.Text})
		}
	}
	for _, r := range c.Roles {
		add(r.Title)
	}
	for _, a := range c.Agreements {
		add(a.Title)
	}
	for _, e := range c.Events {
		add(e.Title)
	}
	for _, co := range c.Corridors {
		add(co.Name)
	}
	for _, t := range c.Trade {
		add(t.Wording)
	}
	return v
}

// split cuts a text into words, or Chinese into its Han characters two at
// a time.
func split(lang, s string) []string {
	if lang != "zh" {
		return strings.Fields(s)
	}
	var han []rune
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			han = append(han, r)
		}
	}
	var out []string
	for i := 0; i < len(han); i += 2 {
		out = append(out, string(han[i:min(i+2, len(han))]))
	}
	return out
}

// vary writes copy k of a text in every language it has.
func (v words) vary(t mission.Text, rng *rand.Rand, k int) mission.Text {
	if t == nil {
		return nil
	}
	out := mission.Text{}
	for _, lang := range []string{"en", "zh", "ru", "be"} { // a fixed order keeps the corpus the same
		s, ok := t[lang]
		if !ok {
			continue
		}
		ws := split(lang, s)
		for i := range ws {
			if pool := v[lang]; len(pool) > 0 && rng.IntN(2) == 0 {
				ws[i] = pool[rng.IntN(len(pool))]
			}
		}
		rng.Shuffle(len(ws), func(i, j int) { ws[i], ws[j] = ws[j], ws[i] })
		switch lang {
		case "zh":
			out[lang] = strings.Join(ws, "")
		case "en":
			out[lang] = strings.Join(append(ws, strconv.Itoa(k)), " ")
		default:
			out[lang] = strings.Join(ws, " ")
		}
	}
	return out
}
