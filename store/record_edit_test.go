package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/matchmaking"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
)

// TestEditingTheRecord: staff create, update and delete records; each
// change is checked against the rest of the record and audited; an
// entity others name cannot go; a deleted record can be put back as it was.
func TestEditingTheRecord(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	pinsk := cooperation.Entity{ID: "pinsk", Kind: cooperation.Place, Country: "BY", Name: mission.Text{"en": "Pinsk"}, Citations: coopCite}
	if err := db.CreateCoop(ctx, admin, pinsk); err != nil {
		t.Fatal(err)
	}
	if err := db.CreateCoop(ctx, admin, pinsk); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Fatalf("created twice: %v", err)
	}
	twin := cooperation.Partnership{ID: "pinsk-wanzhou", Kind: cooperation.SisterCities, A: "pinsk", B: "atlantis", Citations: coopCite}
	if err := db.CreateCoop(ctx, admin, twin); chancery.ErrorCode(err) != chancery.EINVALID {
		t.Fatalf("a partnership with an unknown entity: %v", err)
	}
	twin.B = "kapyl-district"
	if err := db.CreateCoop(ctx, admin, twin); err != nil {
		t.Fatal(err)
	}
	pinsk.Aliases = []cooperation.Alias{{Text: "Пинск", Lang: "ru"}}
	if changed, err := db.UpdateCoop(ctx, admin, cooperation.KindEntity, "pinsk", pinsk); err != nil || !changed {
		t.Fatalf("update: %v %v", changed, err)
	}
	if changed, err := db.UpdateCoop(ctx, admin, cooperation.KindEntity, "pinsk", pinsk); err != nil || changed {
		t.Fatalf("the same update again changed %v, %v", changed, err)
	}
	if found, _ := db.CoopSearch(ctx, "Пинск", 10); len(found) != 1 || found[0].ID != "pinsk" {
		t.Fatalf("the new alias does not find the entity: %+v", found)
	}
	if _, err := db.UpdateCoop(ctx, admin, cooperation.KindEntity, "minsk-x", pinsk); chancery.ErrorCode(err) != chancery.ENOTFOUND {
		t.Fatalf("update of a record there is not: %v", err)
	}
	_, err := db.DeleteCoop(ctx, admin, cooperation.KindEntity, "pinsk")
	if key, data := chancery.ErrorKey(err); chancery.ErrorCode(err) != chancery.ECONFLICT || key != "error.coop_in_use" ||
		!strings.Contains(data["Users"].(string), "partnership pinsk-wanzhou") {
		t.Fatalf("deleting an entity a partnership names: %v %v", err, data)
	}
	if _, err := db.DeleteCoop(ctx, admin, cooperation.KindPartnership, "pinsk-wanzhou"); err != nil {
		t.Fatal(err)
	}
	gone, err := db.DeleteCoop(ctx, admin, cooperation.KindEntity, "pinsk")
	if err != nil {
		t.Fatal(err)
	}
	if found, _ := db.CoopSearch(ctx, "Pinsk", 10); len(found) != 0 {
		t.Fatalf("a deleted record is still found: %+v", found)
	}
	// Undo: the record returned by the delete comes back whole.
	back, err := cooperation.DecodeRecord(gone.Kind, gone.Doc)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CreateCoop(ctx, admin, back); err != nil {
		t.Fatal(err)
	}
	got, _ := db.CoopRecord(ctx, cooperation.KindEntity, "pinsk")
	var e cooperation.Entity
	if json.Unmarshal(got.Doc, &e); len(e.Aliases) != 1 || e.Aliases[0].Text != "Пинск" {
		t.Fatalf("restored %+v", e)
	}
	log, _ := db.AuditLog(ctx, store.AuditFilter{Limit: 20})
	var actions []string
	for _, l := range log {
		if strings.HasPrefix(l.Action, "coop.") && l.Actor == "test" {
			actions = append(actions, l.Action)
		}
	}
	want := "coop.entity.create coop.entity.delete coop.partnership.delete coop.entity.update coop.partnership.create coop.entity.create"
	if strings.Join(actions[:6], " ") != want {
		t.Errorf("audit %v", actions)
	}
}

// TestImportingRecords: an import is all or nothing, names the row of its
// first problem, may name entities of its own file, changes nothing the
// second time, and a dry run changes nothing at all.
func TestImportingRecords(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	csv := "id,kind,a,b,citations[].source,citations[].quote\n" +
		"chongqing-pinsk,cooperation,chongqing,pinsk,ichongqing-2021-02-01,Chongqing\n"
	ents := "id,kind,country,name.en,citations[].source,citations[].quote\n" +
		"pinsk,place,BY,Pinsk,ichongqing-2021-02-01,Pinsk\n" +
		"brest,place,BY,Brest,ichongqing-2021-02-01,Brest\n"
	read := func(kind, in string) []cooperation.Placed {
		ps, err := cooperation.ReadCSV(strings.NewReader(in), kind)
		if err != nil {
			t.Fatal(err)
		}
		return ps
	}
	// The partnership names pinsk, not yet in the record: refused, row 2.
	_, err := db.ImportRecords(ctx, admin, read(cooperation.KindPartnership, csv), false, nil)
	if key, data := chancery.ErrorKey(err); key != "error.record_row" || data["Row"] != 2 {
		t.Fatalf("unknown entity: %v %v", err, data)
	}
	both := append(read(cooperation.KindEntity, ents), read(cooperation.KindPartnership, csv)...)
	rep, err := db.ImportRecords(ctx, admin, both, true, nil)
	if err != nil || !rep.DryRun || rep.Created != 3 {
		t.Fatalf("dry run: %+v %v", rep, err)
	}
	if _, err := db.CoopRecord(ctx, cooperation.KindEntity, "pinsk"); chancery.ErrorCode(err) != chancery.ENOTFOUND {
		t.Fatalf("a dry run wrote: %v", err)
	}
	// A bad row after good ones: nothing of the file is written.
	bad := append(read(cooperation.KindEntity, ents), read(cooperation.KindEntity,
		"id,kind,name.en,citations[].source,citations[].quote\nminsk-city,place,Minsk,nowhere,Minsk\n")...)
	bad[2].Row = 9
	_, err = db.ImportRecords(ctx, admin, bad, false, nil)
	if key, data := chancery.ErrorKey(err); key != "error.record_row" || data["Row"] != 9 || data["ID"] != "minsk-city" {
		t.Fatalf("unknown source: %v %v", err, data)
	}
	if _, err := db.CoopRecord(ctx, cooperation.KindEntity, "pinsk"); chancery.ErrorCode(err) != chancery.ENOTFOUND {
		t.Fatalf("a failed import wrote: %v", err)
	}
	var seen []string
	rep, err = db.ImportRecords(ctx, admin, both, false, func(step store.ImportStep, done, total int) {
		seen = append(seen, fmt.Sprint(step, done, "/", total))
	})
	if err != nil || rep.Created != 3 || strings.Join(seen, " ") != "checked3/3 written3/3" {
		t.Fatalf("import: %+v %v, progress %v", rep, err, seen)
	}
	rep, err = db.ImportRecords(ctx, admin, both, false, nil)
	if err != nil || rep.Changes() != 0 || rep.Unchanged != 3 {
		t.Fatalf("the same import again: %+v %v", rep, err)
	}
	dup := append(both, both[0])
	if _, err := db.ImportRecords(ctx, admin, dup, false, nil); !strings.Contains(err.Error(), "error.record_row") {
		t.Fatalf("a record twice in one file: %v", err)
	}
	// The export holds the record whole and imports as it is.
	doc, err := db.CoopDocument(ctx)
	if err != nil || len(doc.Entities) < 40 || len(doc.Trade) == 0 {
		t.Fatalf("export: %d entities, %d figures, %v", len(doc.Entities), len(doc.Trade), err)
	}
	rep, err = db.ImportRecords(ctx, admin, doc.Records(), false, nil)
	if err != nil || rep.Changes() != 0 {
		t.Fatalf("re-importing the export: %+v %v", rep, err)
	}
}

// TestDeletingAnEventWithRegistration: an event that takes registrations
// stays; the refusal says why.
func TestDeletingAnEventWithRegistration(t *testing.T) {
	t.Parallel()
	db := seeded(t)
	openForum(t, db, 5, true)
	_, err := db.DeleteCoop(context.Background(), admin, cooperation.KindEvent, forumID)
	if key, _ := chancery.ErrorKey(err); chancery.ErrorCode(err) != chancery.ECONFLICT || key != "error.coop_event_registration" {
		t.Fatalf("deleting an event with registration: %v", err)
	}
	if _, err := db.CoopRecord(context.Background(), cooperation.KindEvent, forumID); err != nil {
		t.Fatalf("the event is gone: %v", err)
	}
}

// TestDeletingAnEntityWithAProfile: an organisation with a matchmaking
// profile stays (the profile would go with it, and an undo would not bring
// it back); the refusal says why.
func TestDeletingAnEntityWithAProfile(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	mill := cooperation.Entity{ID: "pinsk-mill", Kind: cooperation.Organisation, Country: "BY", Name: mission.Text{"en": "Pinsk Mill"}, Citations: coopCite}
	if err := db.CreateCoop(ctx, admin, mill); err != nil {
		t.Fatal(err)
	}
	offers, _ := matchmaking.ParseSections("IX, X")
	if _, err := db.SaveProfile(ctx, admin, matchmaking.Profile{EntityID: mill.ID, Country: "BY", Offers: offers, Citations: coopCite}); err != nil {
		t.Fatal(err)
	}
	_, err := db.DeleteCoop(ctx, admin, cooperation.KindEntity, mill.ID)
	if key, _ := chancery.ErrorKey(err); chancery.ErrorCode(err) != chancery.ECONFLICT || key != "error.coop_match_profile" {
		t.Fatalf("deleting an entity with a profile: %v", err)
	}
	if _, err := db.MatchProfile(ctx, mill.ID); err != nil {
		t.Fatalf("the profile is gone: %v", err)
	}
}
