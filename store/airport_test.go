package store_test

import (
	"bytes"
	"context"
	"reflect"
	"testing"

	"github.com/chancery-platform/chancery/dataset"
)

// TestImportAirportLists: the Minsk airport visa-free list is stored as
// dated versions; an import writes only what changed, a re-import nothing,
// and a file in the old flat form becomes one list without a date.
func TestImportAirportLists(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	if lists, err := db.VisaFreeAirport(ctx); err != nil || len(lists) != 0 {
		t.Fatalf("the default dataset configures no list: %v %v", lists, err)
	}
	withLists := func(section string) ([]byte, *dataset.Dataset) {
		t.Helper()
		raw := bytes.Replace(dataset.DefaultBytes(), []byte("\nvisa_free_airport: []\n"), []byte("\n"+section), 1)
		ds, err := dataset.Parse(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		return raw, ds
	}
	dated := "visa_free_airport:\n  - {from: \"2018-07-27\", nationalities: [US, DE]}\n  - {from: \"2021-09-01\", nationalities: [US, DE, BR]}\n"
	raw, ds := withLists(dated)
	rep, err := db.Import(ctx, admin, ds, raw)
	if err != nil || rep.Created != 5 {
		t.Fatalf("import: %s %v", rep, err)
	}
	want := []dataset.AirportList{{From: "2018-07-27", Nationalities: []string{"DE", "US"}}, {From: "2021-09-01", Nationalities: []string{"BR", "DE", "US"}}}
	if got, err := db.VisaFreeAirport(ctx); err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("lists %v %v; want %v", got, err, want)
	}
	if rep, err := db.Import(ctx, admin, ds, raw); err != nil || rep.Changes() != 0 {
		t.Fatalf("a re-import wrote %s %v", rep, err)
	}
	raw, ds = withLists("visa_free_airport: [US, FR]\n")
	if rep, err := db.Import(ctx, admin, ds, raw); err != nil || rep.Created != 2 || rep.Deleted != 5 {
		t.Fatalf("the flat form: %s %v", rep, err)
	}
	want = []dataset.AirportList{{From: "", Nationalities: []string{"FR", "US"}}}
	if got, err := db.VisaFreeAirport(ctx); err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("lists %v %v; want %v", got, err, want)
	}
}
