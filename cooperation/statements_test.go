package cooperation

import (
	"testing"

	"github.com/chancery-platform/chancery/mission"
)

// TestSetByMissionSurvivesTheColumns: a statement set by the mission and a
// quote's translation go through a form's or a CSV file's columns unchanged.
func TestSetByMissionSurvivesTheColumns(t *testing.T) {
	in := Entity{ID: "kapyl-district", Kind: Place, Country: "BY", Name: mission.Text{"en": "Kapyl District"}, Citations: []mission.Citation{
		{SourceID: "pravo", Quote: "без визы", Translation: mission.Text{"en": "without a visa"}},
		{SetByMission: true, Note: mission.Text{"en": "Read as Kapyl", "ru": "Читается как Копыль"}},
	}}
	fields := FieldsOf(in)
	if got := fields[Column("citations[].kind")]; len(got) != 2 || got[0] != mission.SourcedStatement || got[1] != mission.SetByMission {
		t.Fatalf("kind column %q", got)
	}
	rec, err := Assemble(KindEntity, fields)
	if err != nil {
		t.Fatal(err)
	}
	out := rec.(Entity).Citations
	if len(out) != 2 || out[0].Translation["en"] != "without a visa" || out[0].SetByMission ||
		!out[1].SetByMission || out[1].SourceID != "" || out[1].Note["ru"] != "Читается как Копыль" {
		t.Errorf("after the columns: %+v", out)
	}
	blank := Fields{Column("citations[].kind"): {""}, Column("citations[].source"): {"pravo"}, Column("citations[].quote"): {"q"}}
	for k, v := range FieldsOf(in) {
		if k.List() != "citations" {
			blank[k] = v
		}
	}
	if rec, err := Assemble(KindEntity, blank); err != nil || rec.(Entity).Citations[0].SetByMission {
		t.Errorf("an empty kind is a sourced statement: %+v, %v", rec, err)
	}
}
