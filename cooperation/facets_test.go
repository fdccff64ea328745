package cooperation_test

import (
	"slices"
	"testing"

	"github.com/chancery-platform/chancery/cooperation"
)

// TestFacets: every facet a record has is one its kind lists, and the
// "entity" facet holds exactly the entities the record names.
func TestFacets(t *testing.T) {
	by, _ := defaultRecords(t)
	kapyl := 0
	for kind, recs := range by {
		for _, rec := range recs {
			f := cooperation.FacetsOf(rec)
			for name := range f {
				if !slices.Contains(cooperation.FacetNames[kind], name) {
					t.Errorf("%s %s has facet %s, not listed for its kind", kind, rec.RecordID(), name)
				}
			}
			for _, e := range f["entity"] {
				if !cooperation.Names(rec, e) {
					t.Errorf("%s %s: entity facet %s is not named by the record", kind, rec.RecordID(), e)
				}
			}
			if cooperation.Names(rec, "kapyl-district") {
				kapyl++
				if !slices.Contains(f["entity"], "kapyl-district") {
					t.Errorf("%s %s names kapyl-district; its facets do not", kind, rec.RecordID())
				}
			}
		}
	}
	if kapyl == 0 {
		t.Fatal("no record names kapyl-district: the test checks nothing")
	}
}
