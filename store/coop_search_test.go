package store_test

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/names"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
)

// Words of the generated corpus: few, so that queries of several words
// still find records, in the scripts the record is written in.
var (
	corpusLatin    = strings.Fields("Minsk Belarus Chongqing forum trade Kapyl Koper Yemelyanau consul general fair railway")
	corpusCyrillic = strings.Fields("Минск Беларусь Емельянов Копыль форум торговля")
	corpusHan      = []rune("重庆白俄罗斯叶梅利扬诺夫博览会明斯克")
	corpusDates    = []string{"", "2011", "2019-06", "2021-01-28", "2021-01", "2024"}
)

// corpusText is a random text of the corpus's words.
func corpusText(rng *rand.Rand) mission.Text {
	pick := func(ws []string, n int) string {
		out := make([]string, n)
		for i := range out {
			out[i] = ws[rng.IntN(len(ws))]
		}
		return strings.Join(out, " ")
	}
	han := make([]rune, 1+rng.IntN(6))
	for i := range han {
		han[i] = corpusHan[rng.IntN(len(corpusHan))]
	}
	t := mission.Text{"en": pick(corpusLatin, 1+rng.IntN(4)), "zh": string(han)}
	if rng.IntN(2) == 0 {
		t["ru"] = pick(corpusCyrillic, 1+rng.IntN(3))
	}
	return t
}

// corpusRecord is record i of a generated corpus: an entity or an event.
func corpusRecord(rng *rand.Rand, i int) cooperation.Record {
	id := fmt.Sprintf("r%03d", i)
	if rng.IntN(3) == 0 {
		return cooperation.Entity{ID: id, Kind: cooperation.Place, Country: "BY", Name: corpusText(rng), Citations: coopCite}
	}
	return cooperation.Event{ID: id, Kind: "forum", Title: corpusText(rng), Start: corpusDates[rng.IntN(len(corpusDates))],
		Citations: coopCite}
}

// referenceSearch is the search done plainly: every record whose terms
// hold all the query's terms, sorted by kind, date and identifier.
func referenceSearch(recs map[string]cooperation.Record, query string) []string {
	var want []string
	for _, t := range names.Terms(query) {
		want = append(want, names.Bounded(t))
	}
	if len(want) == 0 {
		return nil
	}
	var hits []cooperation.Record
	for _, r := range recs {
		var have []string
		for _, t := range r.Terms() {
			have = append(have, names.Bounded(t))
		}
		if !slices.ContainsFunc(want, func(t string) bool { return !slices.Contains(have, t) }) {
			hits = append(hits, r)
		}
	}
	slices.SortFunc(hits, func(a, b cooperation.Record) int {
		return cmp.Or(cmp.Compare(a.RecordKind(), b.RecordKind()), cmp.Compare(a.RecordDate(), b.RecordDate()),
			cmp.Compare(a.RecordID(), b.RecordID()))
	})
	out := make([]string, len(hits))
	for i, r := range hits {
		out[i] = r.RecordKind() + "/" + r.RecordID()
	}
	return out
}

// walkPages searches q a page of limit at a time, following each page's
// last record, and returns what all the pages found.
func walkPages(t *testing.T, db *store.DB, q string, limit int) []string {
	t.Helper()
	var walked []string
	page := store.CoopSearchQuery{Text: q, Limit: limit}
	for {
		recs, more, err := db.CoopSearchPage(context.Background(), page)
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		walked = append(walked, keysOf(recs)...)
		if !more {
			return walked
		}
		after := recs[len(recs)-1].Key()
		page.After = &after
	}
}

func keysOf(recs []store.CoopRecord) []string {
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = r.Kind + "/" + r.ID
	}
	return out
}

// TestCoopSearchMatchesReference: on a generated corpus, written in a
// batch, one record at a time, and rewritten (new names, new dates), every
// search finds what the plain reference finds, in its order; a limit
// gives the first of them, and pages walked with the cursor give them all.
func TestCoopSearchMatchesReference(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	rng := rand.New(rand.NewPCG(4, 9))
	recs := map[string]cooperation.Record{}
	var batch []cooperation.Record
	for i := range 300 {
		r := corpusRecord(rng, i)
		batch = append(batch, r)
		recs[r.RecordKind()+"/"+r.RecordID()] = r
	}
	rep, err := db.SaveCoops(ctx, admin, batch)
	if err != nil || rep.Created != len(batch) {
		t.Fatalf("batch: %+v, %v", rep, err)
	}
	// Rewrite some, one at a time and in a batch that repeats records (the
	// last version counts) and leaves some as they are.
	batch = batch[:0]
	for i := range 120 {
		// Of the same number, it may be of the other kind: a new record.
		n := rng.IntN(300)
		r := corpusRecord(rng, n)
		if i%2 == 0 {
			recs[r.RecordKind()+"/"+r.RecordID()] = r
			if _, err := db.SaveCoop(ctx, admin, r); err != nil {
				t.Fatal(err)
			}
			continue
		}
		batch = append(batch, r, corpusRecord(rng, n))
	}
	batch = append(batch, batch[0])
	if _, err := db.SaveCoops(ctx, admin, batch); err != nil {
		t.Fatal(err)
	}
	for _, r := range batch {
		recs[r.RecordKind()+"/"+r.RecordID()] = r
	}
	var queries []string
	for range 150 {
		text := corpusText(rng)
		words := strings.Fields(text["en"] + " " + text["ru"])
		q := strings.Join(words[:1+rng.IntN(min(3, len(words)))], " ")
		switch rng.IntN(3) {
		case 0:
			q = text["zh"]
		case 1:
			q += " " + string([]rune(text["zh"])[:1])
		}
		queries = append(queries, q)
	}
	queries = append(queries, "Yemelyanov", "Емельянов", "叶梅利扬诺夫", "Kopyl", "Koper", "Pinsk", "   ", "重庆 Minsk")
	// Queries of many terms, a record's own, so that every part of the
	// statement (the rarest terms, the checks, the count of the rest) has
	// rows to find.
	keys := slices.Sorted(maps.Keys(recs))
	for range 20 {
		terms := recs[keys[rng.IntN(len(keys))]].Terms()
		rng.Shuffle(len(terms), func(i, j int) { terms[i], terms[j] = terms[j], terms[i] })
		queries = append(queries, strings.Join(terms[:min(len(terms), 3+rng.IntN(12))], " "))
	}
	found, paged := 0, 0
	for _, q := range queries {
		want := referenceSearch(recs, q)
		got, err := db.CoopSearch(ctx, q, 1000)
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		if !slices.Equal(keysOf(got), want) {
			t.Fatalf("search %q:\n got %q\nwant %q", q, keysOf(got), want)
		}
		limit := 1 + rng.IntN(7)
		if len(want) > 0 {
			found++
		}
		if len(want) > limit {
			paged++
		}
		first, err := db.CoopSearch(ctx, q, limit)
		if err != nil || !slices.Equal(keysOf(first), want[:min(limit, len(want))]) {
			t.Fatalf("search %q, limit %d: %q, %v; want the first of %q", q, limit, keysOf(first), err, want)
		}
		if walked := walkPages(t, db, q, limit); !slices.Equal(walked, want) {
			t.Fatalf("search %q in pages of %d: %q, want %q", q, limit, walked, want)
		}
	}
	// The corpus is meant to make most queries find something, many more
	// than a page.
	if found < len(queries)/2 || paged < len(queries)/4 {
		t.Fatalf("of %d queries, %d found something and %d more than a page", len(queries), found, paged)
	}
	t.Logf("of %d queries, %d found something and %d more than a page", len(queries), found, paged)
}

// TestSaveCoopsAuditsAndIsAllOrNothing: a batch audits each record it
// changes and raises the revision as many times, a repeat changes and
// audits nothing, and a batch with a record the database refuses saves
// none of its records.
func TestSaveCoopsAuditsAndIsAllOrNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	rng := rand.New(rand.NewPCG(1, 2))
	var batch []cooperation.Record
	for i := range 450 { // more than one chunk of coopBatchRecords
		batch = append(batch, corpusRecord(rng, i))
	}
	rev0, _ := db.Revision(ctx)
	if rep, err := db.SaveCoops(ctx, admin, batch); err != nil || rep.Created != len(batch) {
		t.Fatalf("first batch: %+v, %v", rep, err)
	}
	rev1, _ := db.Revision(ctx)
	log, _ := db.AuditLog(ctx, store.AuditFilter{Limit: 500})
	if rev1-rev0 != int64(len(batch)) || len(log) != len(batch) {
		t.Fatalf("revision +%d and %d audit entries for %d records", rev1-rev0, len(log), len(batch))
	}
	if rep, err := db.SaveCoops(ctx, admin, batch); err != nil || rep.Changes() != 0 || rep.Unchanged != len(batch) {
		t.Fatalf("the same batch again: %+v, %v", rep, err)
	}
	if rev, _ := db.Revision(ctx); rev != rev1 {
		t.Fatalf("a batch that changes nothing raised the revision from %d to %d", rev1, rev)
	}
	bad := []cooperation.Record{
		cooperation.Event{ID: "new-before", Kind: "forum", Title: mission.Text{"en": "Pinsk fair"}, Start: "2025", Citations: coopCite},
		cooperation.Event{ID: strings.Repeat("x", 201), Kind: "forum", Title: mission.Text{"en": "Pinsk"}, Citations: coopCite},
	}
	if _, err := db.SaveCoops(ctx, admin, bad); err == nil {
		t.Fatal("a record with an over-long identifier was saved")
	}
	if hits, _ := db.CoopSearch(ctx, "Pinsk", 10); len(hits) != 0 {
		t.Fatalf("a failed batch left %+v", keysOf(hits))
	}
	if rev, _ := db.Revision(ctx); rev != rev1 {
		t.Fatalf("a failed batch raised the revision from %d to %d", rev1, rev)
	}
}
