package cooperation_test

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/chancery-platform/chancery/cooperation"
)

// TestFacets: every facet a record has is one its kind lists, and the
// "entity" facet holds exactly the entities the record names.
func TestFacets(t *testing.T) {
	by, l := defaultRecords(t)
	kapyl := 0
	for kind, recs := range by {
		for _, rec := range recs {
			f := cooperation.FacetsOf(rec)
			for name := range f {
				if !slices.Contains(cooperation.FacetNames[kind], name) {
					t.Errorf("%s %s has facet %s, not listed for its kind", kind, rec.RecordID(), name)
				}
			}
			named := namedEntities(t, rec, l)
			got := slices.Sorted(slices.Values(f["entity"]))
			if kind != cooperation.KindEntity && !slices.Equal(got, named) {
				t.Errorf("%s %s: entity facet %v; the record names %v", kind, rec.RecordID(), got, named)
			}
			if slices.Contains(named, "kapyl-district") {
				kapyl++
			}
		}
	}
	if kapyl == 0 {
		t.Fatal("no record names kapyl-district: the test checks nothing")
	}
}

// namedEntities lists, sorted and once each, the known entities whose
// identifiers rec holds as a field's value, wherever in the record but its
// own id and its citations.
func namedEntities(t *testing.T, rec cooperation.Record, l cooperation.Lookup) []string {
	t.Helper()
	raw, err := json.Marshal(rec)
	if err != nil {
		t.Fatal(err)
	}
	var fields map[string]any
	if err := json.Unmarshal(raw, &fields); err != nil {
		t.Fatal(err)
	}
	delete(fields, "id")
	delete(fields, "citations")
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			if _, ok := l.Entity(v); ok && !slices.Contains(out, v) {
				out = append(out, v)
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	walk(fields)
	slices.Sort(out)
	return out
}
