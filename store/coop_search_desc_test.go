package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/names"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
)

// descriptionRecords are records found by words of their descriptions
// only: none of their names or titles says food or dairy.
var descriptionRecords = []cooperation.Record{
	cooperation.Entity{ID: "milk-plant", Kind: cooperation.Organisation, Country: "BY", Name: mission.Text{"en": "Minsk Plant No. 1", "zh": "明斯克一号厂"},
		About: mission.Text{"en": "Makes dairy products for China.", "zh": "为中国生产乳制品和食品。"}, Citations: coopCite},
	cooperation.Event{ID: "expo-2024", Kind: "fair", Title: mission.Text{"en": "Chongqing expo"}, Start: "2024",
		Outcome: mission.Text{"en": "Belarusian food producers showed their goods."}, Citations: coopCite},
	cooperation.Corridor{ID: "cold-chain", Name: mission.Text{"en": "Cold chain train"}, Route: []string{"chongqing", "belarus"},
		About: mission.Text{"en": "Carries food and dairy in refrigerated containers."}, Citations: coopCite},
	cooperation.Entity{ID: "tractor-works", Kind: cooperation.Organisation, Country: "BY", Name: mission.Text{"en": "Tractor works"},
		About: mission.Text{"en": "Makes tractors."}, Citations: coopCite},
}

// TestCoopSearchFindsDescriptions: search finds a record by a word of its
// about or outcome, in English and in Chinese, alone or with a word of its
// name, and finds nothing for a word no record has.
func TestCoopSearchFindsDescriptions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	if _, err := db.SaveCoops(ctx, admin, descriptionRecords); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"dairy", []string{"entity/milk-plant", "corridor/cold-chain"}},
		{"food", []string{"event/expo-2024", "corridor/cold-chain"}},
		{"食品", []string{"entity/milk-plant"}},
		{"乳制品", []string{"entity/milk-plant"}},
		{"Minsk dairy", []string{"entity/milk-plant"}},
		{"tractors", []string{"entity/tractor-works"}},
		{"cheese", nil},
	} {
		hits, err := db.CoopSearch(ctx, c.query, 10)
		if err != nil {
			t.Fatalf("%q: %v", c.query, err)
		}
		got := keysOf(hits)
		slices.Sort(got)
		want := slices.Clone(c.want)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("%q found %q, want %q", c.query, got, want)
		}
	}
	// A description rewritten: the old words no longer find it.
	e := descriptionRecords[3].(cooperation.Entity)
	e.About = mission.Text{"en": "Makes combines."}
	if _, err := db.SaveCoop(ctx, admin, e); err != nil {
		t.Fatal(err)
	}
	if hits, _ := db.CoopSearch(ctx, "tractors", 10); len(hits) != 0 {
		t.Errorf("the old description still finds the record: %q", keysOf(hits))
	}
	if hits, _ := db.CoopSearch(ctx, "combines", 10); len(hits) != 1 {
		t.Errorf("the new description does not find the record: %q", keysOf(hits))
	}
}

// TestSearchDescriptionsMigration: records saved before migration 23, with
// the terms of their names only, are found by their descriptions after it,
// keep the terms they had, and the default dataset's partnership
// "chongqing-minsk" (the city of Minsk as Chongqing's sister city) is gone,
// with an audit entry, while another partnership stays.
func TestSearchDescriptionsMigration(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, raw := migratedTo(t, 22)
	q := placeholders(db)
	old := []struct {
		kind, id, doc string
		terms         []string
	}{
		{"entity", "milk-plant", `{"id":"milk-plant","kind":"organisation","name":{"en":"Minsk Plant"},"about":{"en":"Makes dairy products.","zh":"生产食品。"}}`,
			names.Terms("Minsk Plant legacy")},
		{"partnership", "chongqing-minsk", `{"id":"chongqing-minsk","kind":"sister_cities","a":"chongqing","b":"minsk"}`, nil},
		{"partnership", "wanzhou-kapyl", `{"id":"wanzhou-kapyl","kind":"sister_cities","a":"wanzhou","b":"kapyl-district"}`, nil},
	}
	for _, r := range old {
		if _, err := raw.ExecContext(ctx, q(`INSERT INTO coop_records (kind, id, date, doc, updated_at) VALUES (?, ?, '', ?, 1)`),
			r.kind, r.id, r.doc); err != nil {
			t.Fatal(err)
		}
		for _, term := range r.terms {
			if _, err := raw.ExecContext(ctx, q(`INSERT INTO coop_terms (term, kind, date, id) VALUES (?, ?, '', ?)`), term, r.kind, r.id); err != nil {
				t.Fatal(err)
			}
		}
	}
	if hits, _ := db.CoopSearch(ctx, "dairy", 10); len(hits) != 0 {
		t.Fatalf("found by its description before the migration: %q", keysOf(hits))
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	for _, query := range []string{"dairy", "食品", "legacy", "Minsk plant"} {
		if hits, err := db.CoopSearch(ctx, query, 10); err != nil || len(hits) != 1 || hits[0].ID != "milk-plant" {
			t.Errorf("%q after the migration: %q, %v", query, keysOf(hits), err)
		}
	}
	if _, err := db.CoopRecord(ctx, "partnership", "chongqing-minsk"); err == nil {
		t.Error("the partnership chongqing-minsk is still there")
	}
	if _, err := db.CoopRecord(ctx, "partnership", "wanzhou-kapyl"); err != nil {
		t.Errorf("another partnership went: %v", err)
	}
	log, err := db.AuditLog(ctx, store.AuditFilter{Entity: "partnership", EntityID: "chongqing-minsk", Limit: 10})
	if err != nil || len(log) != 1 || log[0].Action != "coop.partnership.delete" {
		t.Errorf("audit of the removal: %+v, %v", log, err)
	}
}
