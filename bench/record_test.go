package bench

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/dataset"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
)

// recordImportSize is how many records one round of the import benchmark
// writes: half places, half partnerships between them.
const recordImportSize = 1000

// recordRound is a round's records, with identifiers of their own: places,
// then partnerships naming two of them each.
func recordRound(round int) []cooperation.Record {
	cite := []mission.Citation{{SourceID: "ichongqing-2021-02-01", Quote: "Kapyl District"}}
	var recs []cooperation.Record
	n := recordImportSize / 2
	for i := range n {
		recs = append(recs, cooperation.Entity{ID: fmt.Sprintf("place-%d-%d", round, i), Kind: cooperation.Place, Country: "BY",
			Name:    mission.Text{"en": fmt.Sprintf("Town %d of round %d", i, round), "ru": fmt.Sprintf("Город %d", i), "zh": "城市"},
			Aliases: []cooperation.Alias{{Text: fmt.Sprintf("Horad %d", i), Lang: "be"}}, Citations: cite})
	}
	for i := range n {
		recs = append(recs, cooperation.Partnership{ID: fmt.Sprintf("twin-%d-%d", round, i), Kind: cooperation.SisterCities,
			A: fmt.Sprintf("place-%d-%d", round, i), B: fmt.Sprintf("place-%d-%d", round, (i+1)%n), Since: "2019", Citations: cite})
	}
	return recs
}

// recordCSV writes records as the two CSV files the staff desk takes.
func recordCSV(b *testing.B, recs []cooperation.Record) (entities, partnerships []byte) {
	var es, ps []cooperation.Record
	for _, r := range recs {
		if r.RecordKind() == cooperation.KindEntity {
			es = append(es, r)
		} else {
			ps = append(ps, r)
		}
	}
	var e, p bytes.Buffer
	if err := cooperation.WriteCSV(&e, cooperation.KindEntity, es); err != nil {
		b.Fatal(err)
	}
	if err := cooperation.WriteCSV(&p, cooperation.KindPartnership, ps); err != nil {
		b.Fatal(err)
	}
	return e.Bytes(), p.Bytes()
}

// BenchmarkRecordImport measures an import of the record's CSV files
// (reading them, checking every record against the rest of the record,
// writing them in one transaction) against its baseline, measured in the
// same rounds: the same number of records written by SaveCoops, the
// write alone. Each round writes records of its own; the ratio is the
// import's records per second over the baseline's.
func BenchmarkRecordImport(b *testing.B) {
	ctx := context.Background()
	db := storetest.Open(b)
	ds, err := dataset.Default()
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.Import(ctx, store.Actor{Name: "bench"}, ds, dataset.DefaultBytes()); err != nil {
		b.Fatal(err)
	}
	who := store.Actor{Name: "bench"}
	var base, imp time.Duration
	round := 0
	b.ResetTimer()
	for b.Loop() {
		round++
		b.StopTimer()
		baseline := recordRound(2 * round)
		ents, parts := recordCSV(b, recordRound(2*round+1))
		b.StartTimer()

		start := time.Now()
		if _, err := db.SaveCoops(ctx, who, baseline); err != nil {
			b.Fatal(err)
		}
		base += time.Since(start)

		start = time.Now()
		pe, err := cooperation.ReadCSV(bytes.NewReader(ents), cooperation.KindEntity)
		if err != nil {
			b.Fatal(err)
		}
		pp, err := cooperation.ReadCSV(bytes.NewReader(parts), cooperation.KindPartnership)
		if err != nil {
			b.Fatal(err)
		}
		rep, err := db.ImportRecords(ctx, who, append(pe, pp...), false, nil)
		if err != nil {
			b.Fatal(err)
		}
		imp += time.Since(start)
		if rep.Created != recordImportSize {
			b.Fatalf("round %d created %d records, want %d", round, rep.Created, recordImportSize)
		}
	}
	b.ReportMetric(perSecond(round*recordImportSize, imp), "import-records/s")
	b.ReportMetric(perSecond(round*recordImportSize, base), "baseline-records/s")
	b.ReportMetric(float64(base)/float64(imp), "ratio")
	b.ReportMetric(0, "ns/op")
}
