package store_test

import (
	"context"
	"testing"

	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store/storetest"
)

// TestSearchCountsNeverChangeAnswers: a search remembers how many records
// hold its terms (to order them), but what it finds is always read afresh:
// a record removed or added between two searches of the same words is
// gone from, or in, the second answer, for a query of one term, of a few
// and of many.
func TestSearchCountsNeverChangeAnswers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	event := func(id, title string) cooperation.Record {
		return cooperation.Event{ID: id, Kind: "forum", Title: mission.Text{"en": title}, Start: "2024", Citations: coopCite}
	}
	find := func(q string) []string {
		t.Helper()
		recs, err := db.CoopSearch(ctx, q, 50)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, r := range recs {
			ids = append(ids, r.ID)
		}
		return ids
	}
	var batch []cooperation.Record
	for _, id := range []string{"e1", "e2", "e3"} {
		batch = append(batch, event(id, "walnut harbour lantern"))
	}
	if _, err := db.SaveCoops(ctx, admin, batch); err != nil {
		t.Fatal(err)
	}
	many := "walnut harbour lantern a1 b2 c3 d4 e5 f6 g7 h8 i9 j10 k11"
	for _, q := range []string{"walnut", "walnut harbour", many} {
		want := 3
		if q == many {
			want = 0
		}
		if got := find(q); len(got) != want {
			t.Fatalf("%q before the change: %v, want %d records", q, got, want)
		}
	}
	if _, err := db.DeleteCoop(ctx, admin, "event", "e2"); err != nil {
		t.Fatal(err)
	}
	if got := find("walnut harbour"); len(got) != 2 {
		t.Errorf("after a removal: %v, want e1 and e3", got)
	}
	// A record that holds every term of the long query, whose terms no
	// record held before: found at once.
	if _, err := db.SaveCoop(ctx, admin, event("e4", many)); err != nil {
		t.Fatal(err)
	}
	if got := find(many); len(got) != 1 || got[0] != "e4" {
		t.Errorf("after an addition: %v, want e4", got)
	}
	if got := find("walnut harbour"); len(got) != 3 {
		t.Errorf("after an addition: %v, want e1, e3 and e4", got)
	}
}
