package store_test

import (
	"context"
	"testing"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
)

var (
	coopCite   = []mission.Citation{{SourceID: "ichongqing-2021-02-01", Quote: "Dzmitry Yemelyanau"}}
	coopConsul = cooperation.Entity{ID: "dzmitry-yemelyanau", Kind: cooperation.Person, Country: "BY",
		Name:      mission.Text{"en": "Dzmitry Yemelyanau", "zh": "德米特里·叶梅利扬诺夫"},
		Aliases:   []cooperation.Alias{{Text: "Дмитрий Емельянов", Lang: "ru"}},
		Citations: coopCite}
	coopKapyl = cooperation.Entity{ID: "kapyl-district", Kind: cooperation.Place, Country: "BY", Name: mission.Text{"en": "Kapyl District"},
		Aliases: []cooperation.Alias{{Text: "Koper", Note: mission.English("misspelt in the source")}}, Citations: coopCite}
	coopChongqing = cooperation.Entity{ID: "chongqing", Kind: cooperation.Place, Country: "CN",
		Name: mission.Text{"en": "Chongqing Municipality", "zh": "重庆市"}, Citations: coopCite}
)

// TestCoopRecords: records are saved once (a repeat changes nothing and
// audits nothing), listed by date with a total for pagination, and found
// by any spelling of their names.
func TestCoopRecords(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	events := []cooperation.Event{
		{ID: "opening", Kind: "visit", Title: mission.Text{"en": "The Consulate General opens"}, Start: "2021-01-28", Citations: coopCite},
		{ID: "forum-2019", Kind: "forum", Title: mission.Text{"en": "China (Chongqing)-Belarus (Minsk) Business Forum"}, Start: "2019", Citations: coopCite},
		{ID: "fair-2024", Kind: "fair", Title: mission.Text{"en": "Western China International Fair", "zh": "西部国际博览会"}, Start: "2024-05", Citations: coopCite},
	}
	var recs []cooperation.Record
	for _, e := range []cooperation.Entity{coopConsul, coopKapyl, coopChongqing} {
		recs = append(recs, e)
	}
	for _, e := range events {
		recs = append(recs, e)
	}
	for round, want := range []bool{true, false} {
		for _, r := range recs {
			changed, err := db.SaveCoop(ctx, admin, r)
			if err != nil || changed != want {
				t.Fatalf("round %d, %s: changed %v, %v", round, r.RecordID(), changed, err)
			}
		}
	}
	if log, _ := db.AuditLog(ctx, store.AuditFilter{Limit: 100}); len(log) != len(recs) {
		t.Fatalf("%d audit entries for %d records saved twice", len(log), len(recs))
	}
	got, total, err := db.CoopRecords(ctx, store.CoopQuery{Kind: cooperation.KindEvent, Limit: 2})
	if err != nil || total != 3 || len(got) != 2 || got[0].ID != "forum-2019" || got[1].ID != "opening" {
		t.Fatalf("events page 1: %+v total %d, %v", got, total, err)
	}
	got, _, _ = db.CoopRecords(ctx, store.CoopQuery{Kind: cooperation.KindEvent, Limit: 2, Offset: 2})
	if len(got) != 1 || got[0].ID != "fair-2024" {
		t.Fatalf("events page 2: %+v", got)
	}
	got, total, _ = db.CoopRecords(ctx, store.CoopQuery{Kind: cooperation.KindEvent, From: "2021", To: "2024", Limit: 10})
	if total != 2 {
		t.Fatalf("events 2021–2024: %d", total)
	}
	var e cooperation.Event
	if err := got[1].Decode(&e); err != nil || e.Title["zh"] != "西部国际博览会" {
		t.Fatalf("decoded %+v, %v", e, err)
	}
	for _, c := range []struct {
		query string
		want  string
	}{
		{"Yemelyanov", "dzmitry-yemelyanau"}, {"Емельянов", "dzmitry-yemelyanau"}, {"叶梅利扬诺夫", "dzmitry-yemelyanau"},
		{"Kopyl", "kapyl-district"}, {"Koper", "kapyl-district"}, {"重庆", "chongqing"}, {"博览会", "fair-2024"},
		{"business forum", "forum-2019"}, {"Minsk Belarus forum", "forum-2019"}, {"Pinsk", ""}, {"   ", ""},
	} {
		hits, err := db.CoopSearch(ctx, c.query, 10)
		if err != nil {
			t.Fatalf("search %q: %v", c.query, err)
		}
		if (c.want == "" && len(hits) != 0) || (c.want != "" && (len(hits) != 1 || hits[0].ID != c.want)) {
			t.Errorf("search %q: %+v, want %q", c.query, hits, c.want)
		}
	}
	if _, err := db.CoopRecord(ctx, cooperation.KindEvent, "nothing"); chancery.ErrorCode(err) != chancery.ENOTFOUND {
		t.Fatalf("an unknown record: %v", err)
	}
	// A renamed record is found by its new name only.
	e.Title = mission.Text{"en": "Western China Fair"}
	if changed, err := db.SaveCoop(ctx, admin, e); err != nil || !changed {
		t.Fatalf("update: %v %v", changed, err)
	}
	if hits, _ := db.CoopSearch(ctx, "博览会", 10); len(hits) != 0 {
		t.Fatalf("found by its old name: %+v", hits)
	}
}
