package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/store"
)

// TestFacetFilters: lists filter by the facets of their records, combined
// with each other and with dates; an edit moves a record between filters.
func TestFacetFilters(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	ids := func(q store.CoopQuery) (out []string) {
		t.Helper()
		q.Limit = 500
		recs, total, err := db.CoopRecords(ctx, q)
		if err != nil || total != len(recs) {
			t.Fatalf("%+v: %d of %d, %v", q, len(recs), total, err)
		}
		for _, r := range recs {
			out = append(out, r.ID)
		}
		return out
	}
	all := ids(store.CoopQuery{Kind: cooperation.KindEntity})
	by := ids(store.CoopQuery{Kind: cooperation.KindEntity, Facets: map[string]string{"country": "BY"}})
	people := ids(store.CoopQuery{Kind: cooperation.KindEntity, Facets: map[string]string{"country": "BY", "kind": "person"}})
	if len(by) == 0 || len(by) >= len(all) || len(people) == 0 || len(people) >= len(by) {
		t.Fatalf("entities %d, Belarusian %d, Belarusian people %d", len(all), len(by), len(people))
	}
	for _, id := range people {
		rec, _ := db.CoopRecord(ctx, cooperation.KindEntity, id)
		var e cooperation.Entity
		rec.Decode(&e)
		if e.Country != "BY" || e.Kind != cooperation.Person {
			t.Errorf("%s is not a Belarusian person: %+v", id, e)
		}
	}
	twins := ids(store.CoopQuery{Kind: cooperation.KindPartnership, Facets: map[string]string{"entity": "kapyl-district"}})
	if len(twins) != 1 || twins[0] != "wanzhou-kapyl" {
		t.Fatalf("partnerships of Kapyl: %v", twins)
	}
	if got := ids(store.CoopQuery{Kind: cooperation.KindPartnership, Facets: map[string]string{"entity": "atlantis"}}); len(got) != 0 {
		t.Fatalf("partnerships of an unknown entity: %v", got)
	}
	// An edit of the country moves the entity from one filter to the other.
	rec, _ := db.CoopRecord(ctx, cooperation.KindEntity, "kapyl-district")
	var kapyl cooperation.Entity
	rec.Decode(&kapyl)
	kapyl.Country = "CN"
	if _, err := db.UpdateCoop(ctx, admin, cooperation.KindEntity, kapyl.ID, kapyl); err != nil {
		t.Fatal(err)
	}
	cn := ids(store.CoopQuery{Kind: cooperation.KindEntity, Facets: map[string]string{"country": "CN"}})
	if !slices.Contains(cn, "kapyl-district") || slices.Contains(ids(store.CoopQuery{Kind: cooperation.KindEntity, Facets: map[string]string{"country": "BY"}}), "kapyl-district") {
		t.Fatal("the edit did not move the entity between filters")
	}
}

// TestFacetBackfill: records written before coop_facets existed get their
// facets from the migration after it, so the filters find them.
func TestFacetBackfill(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, raw := migratedTo(t, 9)
	insert := `INSERT INTO coop_records (kind, id, date, doc, updated_at) VALUES (?, ?, ?, ?, 1)`
	if db.Dialect == store.Postgres {
		insert = `INSERT INTO coop_records (kind, id, date, doc, updated_at) VALUES ($1, $2, $3, $4, 1)`
	}
	for _, r := range [][4]string{
		{"entity", "pinsk", "", `{"id":"pinsk","kind":"place","country":"BY","name":{"en":"Pinsk"}}`},
		{"entity", "wanzhou", "", `{"id":"wanzhou","kind":"place","country":"CN","name":{"en":"Wanzhou"}}`},
		{"partnership", "pinsk-wanzhou", "2019", `{"id":"pinsk-wanzhou","kind":"sister_cities","a":"pinsk","b":"wanzhou","since":"2019"}`},
		{"event", "odd", "", `{"id":"odd","colour":"red"}`}, // a document this version cannot read
	} {
		if _, err := raw.ExecContext(ctx, insert, r[0], r[1], r[2], r[3]); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	recs, total, err := db.CoopRecords(ctx, store.CoopQuery{Kind: cooperation.KindPartnership, Facets: map[string]string{"entity": "wanzhou"}, Limit: 10})
	if err != nil || total != 1 || recs[0].ID != "pinsk-wanzhou" {
		t.Fatalf("after the backfill: %+v %d %v", recs, total, err)
	}
	recs, _, _ = db.CoopRecords(ctx, store.CoopQuery{Kind: cooperation.KindEntity, Facets: map[string]string{"country": "BY"}, Limit: 10})
	if len(recs) != 1 || recs[0].ID != "pinsk" {
		t.Fatalf("Belarusian entities after the backfill: %+v", recs)
	}
}
