package web_test

import (
	"context"
	"net/url"
	"testing"

	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/store"
)

// recordFields reads a stored record as the values of its editor's form.
func recordFields(t *testing.T, e *testEnv, kind, id string) url.Values {
	t.Helper()
	stored, err := e.DB.CoopRecord(context.Background(), kind, id)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := cooperation.DecodeRecord(kind, stored.Doc)
	if err != nil {
		t.Fatal(err)
	}
	form := url.Values{}
	for c, vs := range cooperation.FieldsOf(rec) {
		form[string(c)] = vs
	}
	return form
}

// newPlace is the form of an entity the default record does not hold.
func newPlace(id string) url.Values {
	return url.Values{"id": {id}, "kind": {"place"}, "country": {"BY"}, "name.en": {"Pinsk"},
		"citations[].source": {"ichongqing-2021-02-01"}, "citations[].quote": {"Pinsk"}}
}

// recordActions are the staff routes of the record editor, import and
// export, for the role matrix.
func recordActions(t *testing.T, e *testEnv) []staffAction {
	events, _, err := e.DB.CoopRecords(context.Background(), store.CoopQuery{Kind: cooperation.KindEvent, Limit: 1})
	if err != nil || len(events) == 0 {
		t.Fatalf("no events to delete: %v", err)
	}
	all := map[string]bool{"admin": true, "consul": true, "officer": true}
	consuls := map[string]bool{"admin": true, "consul": true}
	admins := map[string]bool{"admin": true}
	kapyl := recordFields(t, e, cooperation.KindEntity, "kapyl-district")
	kapyl.Set("about.en", "A district of Minsk Region")
	return []staffAction{
		{"record", "GET", "/staff/record", nil, 200, all},
		{"record list", "GET", "/staff/record/entity", nil, 200, all},
		{"record form", "GET", "/staff/record/entity/kapyl-district", nil, 200, all},
		{"new record form", "GET", "/staff/record/new/entity", nil, 200, consuls},
		{"create record", "POST", "/staff/record/entity", newPlace("pinsk"), 303, consuls},
		{"update record", "POST", "/staff/record/entity/kapyl-district", kapyl, 303, consuls},
		{"delete record", "POST", "/staff/record/event/" + events[0].ID + "/delete", url.Values{"confirm": {"yes"}}, 200, consuls},
		{"restore record", "POST", "/staff/record/restore/entity", url.Values{"record": {
			`{"id":"brest","kind":"place","name":{"en":"Brest"},"citations":[{"source":"ichongqing-2021-02-01","quote":"Brest"}]}`}}, 303, consuls},
		{"export record", "GET", "/staff/record/export/record.json", nil, 200, all},
		{"export a kind", "GET", "/staff/record/export/trade.csv", nil, 200, all},
		// Without a file the import is refused, after the role is checked.
		{"import records", "POST", "/staff/record/import", url.Values{"kind": {"entity"}}, 400, admins},
	}
}
