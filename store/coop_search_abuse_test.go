package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store/storetest"
)

// longWords are the words of long texts: enough that a query of 32 of them
// is accepted, few enough that a record holds many of any query's words.
var longWords = strings.Fields("minsk belarus chongqing forum trade kapyl koper yemelyanau consul general fair " +
	"railway agreement government republic china investment services visa exemption holders ordinary passports " +
	"leadership wanzhou district family honours soviet hero guest pavilion companies products observers heads")

// longText is a text of many words and a long run of Chinese characters.
func longText(rng *rand.Rand) mission.Text {
	ws := slices.Clone(longWords)
	rng.Shuffle(len(ws), func(i, j int) { ws[i], ws[j] = ws[j], ws[i] })
	han := make([]rune, 34+rng.IntN(12))
	for i := range han {
		han[i] = corpusHan[rng.IntN(len(corpusHan))]
	}
	return mission.Text{"en": strings.Join(ws[:24+rng.IntN(len(ws)-24)], " "), "zh": string(han)}
}

// longCorpus is n records of long texts, in a list and by kind and
// identifier.
func longCorpus(rng *rand.Rand, n int) ([]cooperation.Record, map[string]cooperation.Record) {
	byKey := map[string]cooperation.Record{}
	var list []cooperation.Record
	for i := range n {
		var r cooperation.Record = cooperation.Event{ID: fmt.Sprintf("e%03d", i), Kind: "forum", Title: longText(rng),
			Start: corpusDates[rng.IntN(len(corpusDates))], Citations: coopCite}
		if i%4 == 0 {
			r = cooperation.Entity{ID: fmt.Sprintf("p%03d", i), Kind: cooperation.Place, Country: "BY", Name: longText(rng), Citations: coopCite}
		}
		list = append(list, r)
		byKey[r.RecordKind()+"/"+r.RecordID()] = r
	}
	return list, byKey
}

// TestAbuse06ManyTermSearch: queries of up to the 32 terms a search
// accepts, of Latin words and of long runs of Chinese characters, find
// what the plain reference finds, in order and page by page, and a query
// of more terms is refused as the person's mistake.
func TestAbuse06ManyTermSearch(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(6, 32))
	batch, recs := longCorpus(rng, 120)
	db := storetest.Open(t)
	if _, err := db.SaveCoops(ctx, admin, batch); err != nil {
		t.Fatal(err)
	}
	var queries []string
	for i := range 24 {
		r := batch[rng.IntN(len(batch))]
		var doc mission.Text
		switch r := r.(type) {
		case cooperation.Event:
			doc = r.Title
		case cooperation.Entity:
			doc = r.Name
		}
		words := strings.Fields(doc["en"])
		han := []rune(doc["zh"])
		switch i % 4 {
		case 0: // 32 of a record's words, or all it has
			queries = append(queries, strings.Join(words[:min(32, len(words))], " "))
		case 1: // a run of 33 characters: 32 pairs
			queries = append(queries, string(han[:33]))
		case 2: // words of the vocabulary, most likely in no one record together
			ws := slices.Clone(longWords)
			rng.Shuffle(len(ws), func(i, j int) { ws[i], ws[j] = ws[j], ws[i] })
			queries = append(queries, strings.Join(ws[:32], " "))
		default: // few words and characters, many records
			queries = append(queries, strings.Join(words[:20], " ")+" "+string(han[:8]))
		}
	}
	found := 0
	for _, q := range queries {
		want := referenceSearch(recs, q)
		if len(want) > 0 {
			found++
		}
		start := time.Now()
		walked := walkPages(t, db, q, 3)
		if !slices.Equal(walked, want) {
			t.Fatalf("search %q in pages of 3:\n got %q\nwant %q", q, walked, want)
		}
		t.Logf("%d results in %s: %.40q…", len(want), time.Since(start).Round(time.Microsecond), q)
	}
	if found < len(queries)/2 {
		t.Fatalf("only %d of %d queries found something", found, len(queries))
	}
	over := strings.Join(longWords, " ")
	if _, err := db.CoopSearch(ctx, over, 10); chancery.ErrorCode(err) != chancery.EINVALID {
		t.Fatalf("a query of %d words: %v, want it refused as invalid", len(longWords), err)
	}
}
