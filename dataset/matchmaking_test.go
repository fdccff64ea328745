package dataset_test

import (
	"os"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/dataset"
	"github.com/chancery-platform/chancery/matchmaking"
)

// TestDefaultProfiles: the built-in profiles are of Belarus, Chongqing and
// the Great Stone park, cite the sources, and give the suggestions the
// sources describe: Belarusian agri-food, timber and pulp for Chongqing,
// Chongqing's equipment, electronics and vehicles for Belarus, and
// Chongqing makers for the park's search for medical equipment and
// automotive components.
func TestDefaultProfiles(t *testing.T) {
	ds, err := dataset.Default()
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Profiles) == 0 {
		t.Fatal("the default dataset has no matchmaking profiles")
	}
	for _, p := range ds.Profiles {
		if len(p.Citations) == 0 {
			t.Errorf("profile %s cites no source", p.EntityID)
		}
		for _, lang := range matchmaking.Languages {
			if p.Detail[lang] == "" {
				t.Errorf("profile %s has no detail in %s", p.EntityID, lang)
			}
		}
	}
	got := map[matchmaking.Pair]matchmaking.Suggestion{}
	for _, s := range matchmaking.Suggest(ds.Profiles, matchmaking.Query{}) {
		got[s.Pair] = s
	}
	want := func(a, b string, offerer string, sections ...matchmaking.Section) {
		t.Helper()
		s, ok := got[matchmaking.PairOf(a, b)]
		if !ok {
			t.Fatalf("no suggestion of %s and %s", a, b)
		}
		for _, sec := range sections {
			found := false
			for _, r := range s.Reasons {
				found = found || (r.Offerer == offerer && r.Section == sec)
			}
			if !found {
				t.Errorf("%s–%s: no reason that %s offers section %s", a, b, offerer, sec)
			}
		}
	}
	want("belarus", "chongqing", "belarus", 1, 2, 4, 9, 10)
	want("belarus", "chongqing", "chongqing", 16, 17)
	want("great-stone", "chongqing", "chongqing", 17, 18)
	if _, ok := got[matchmaking.PairOf("belarus", "great-stone")]; ok {
		t.Error("two Belarusian profiles suggested to each other")
	}
}

func TestParseRejectsBadProfiles(t *testing.T) {
	raw, err := os.ReadFile("testdata/cooperation.yaml")
	if err != nil {
		t.Fatal(err)
	}
	section := `
matchmaking:
  profiles:
    - entity: minsk-region
      offers: "IV, IX"
      seeks: "XVI"
      detail: {en: "Food and timber"}
      citations:
        - {source: article, quote: "Minsk Region sells food"}
    - entity: chongqing
      offers: "XVI"
      seeks: "IV"
      citations:
        - {source: article, quote: "Chongqing buys food"}
`
	good := string(raw) + section
	ds, err := dataset.Parse(strings.NewReader(good))
	if err != nil {
		t.Fatalf("the test file itself: %v", err)
	}
	if len(ds.Profiles) != 2 || ds.Profiles[0].Country != "BY" || ds.Profiles[0].Offers != matchmaking.SetOf(4, 9) {
		t.Fatalf("profiles read: %+v", ds.Profiles)
	}
	edit := func(old, new string) string { return strings.Replace(good, old, new, 1) }
	rejects(t, good, []badFile{
		{"unknown entity", edit("entity: minsk-region", "entity: minsk-oblast"), "matchmaking.profiles[0].entity"},
		{"a person", edit("entity: minsk-region", "entity: consul"), "matchmaking.profiles[0].entity"},
		{"a second profile of one entity", edit("entity: chongqing", "entity: minsk-region"), "matchmaking.profiles[1].entity"},
		{"section beyond XXI", edit(`offers: "IV, IX"`, `offers: "IV, XXII"`), "matchmaking.profiles[0].offers"},
		{"a chapter, not a section", edit(`seeks: "XVI"`, `seeks: "8703"`), "matchmaking.profiles[0].seeks"},
		{"nothing offered or sought", edit("offers: \"XVI\"\n      seeks: \"IV\"", "offers: \"\""), "matchmaking.profiles[1]"},
		{"no citation", edit("      citations:\n        - {source: article, quote: \"Chongqing buys food\"}\n", ""), "matchmaking.profiles[1].citations"},
		{"unknown source", edit(`{source: article, quote: "Minsk Region sells food"}`, `{source: nowhere, quote: "Minsk Region sells food"}`), "matchmaking.profiles[0].citations[0].source"},
		{"empty quote", edit(`{source: article, quote: "Minsk Region sells food"}`, `{source: article, quote: ""}`), "matchmaking.profiles[0].citations[0].quote"},
		{"detail in an unknown language", edit(`detail: {en: "Food and timber"}`, `detail: {en: "Food", deutsch: "Essen"}`), "matchmaking.profiles[0].detail"},
		{"unknown field", edit(`seeks: "XVI"`, "seeks: \"XVI\"\n      budget: 100"), "budget"},
	})
}
