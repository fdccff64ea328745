package matchmaking_test

import (
	"encoding/json"
	"testing"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/matchmaking"
)

// TestSections: the 21 sections of the Harmonized System, numbered in
// order, with their Roman numerals, chapters 1–97 without gap or overlap,
// and a name in each of the product's four languages.
func TestSections(t *testing.T) {
	ss := matchmaking.Sections()
	if len(ss) != 21 {
		t.Fatalf("%d sections, want 21", len(ss))
	}
	romans := []string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
		"XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI"}
	next := 1
	names := map[string]map[string]bool{}
	for i, info := range ss {
		if int(info.Section) != i+1 || info.Roman != romans[i] || info.Section.String() != romans[i] {
			t.Errorf("section %d: %d %q", i+1, info.Section, info.Roman)
		}
		if info.First != next || info.Last < info.First {
			t.Errorf("section %s spans chapters %d–%d, want to start at %d", info.Roman, info.First, info.Last, next)
		}
		next = info.Last + 1
		for _, lang := range matchmaking.Languages {
			n := info.Name[lang]
			if n == "" {
				t.Errorf("section %s has no %s name", info.Roman, lang)
			}
			if names[lang] == nil {
				names[lang] = map[string]bool{}
			}
			if names[lang][n] {
				t.Errorf("two sections are called %q in %s", n, lang)
			}
			names[lang][n] = true
		}
	}
	if next != 98 {
		t.Errorf("chapters end at %d, want 97", next-1)
	}
	if got := matchmaking.Section(4).Name("zh"); got != "食品；饮料、酒及醋；烟草" {
		t.Errorf("section IV in Chinese: %q", got)
	}
	if got := matchmaking.Section(4).Name("de"); got != matchmaking.Section(4).Name("en") {
		t.Errorf("an unknown language falls back to English: %q", got)
	}
}

func TestParseSections(t *testing.T) {
	cases := []struct {
		name, in string
		want     []matchmaking.Section
		bad      bool
	}{
		{"Roman numerals and a number", "IV, 9, XVI", []matchmaking.Section{4, 9, 16}, false},
		{"lower case and spaces", "iv ix  xvi", []matchmaking.Section{4, 9, 16}, false},
		{"Chinese punctuation", "IV，IX、XVI", []matchmaking.Section{4, 9, 16}, false},
		{"with the word section", "section IV; section 17", []matchmaking.Section{4, 17}, false},
		{"a section twice", "XVII, 17", []matchmaking.Section{17}, false},
		{"empty", "  ", nil, false},
		{"first and last", "1, XXI", []matchmaking.Section{1, 21}, false},
		{"zero", "0", nil, true},
		{"beyond XXI", "22", nil, true},
		{"not a Roman numeral", "IIII", nil, true},
		{"a chapter code", "8703", nil, true},
		{"a sign", "+4", nil, true},
		{"a word", "food", nil, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := matchmaking.ParseSections(c.in)
			if c.bad {
				if chancery.ErrorCode(err) != chancery.EINVALID {
					t.Fatalf("%q: %v, %v; want an invalid-input error", c.in, got, err)
				}
				return
			}
			if err != nil || got != matchmaking.SetOf(c.want...) {
				t.Fatalf("%q: %v, %v; want %v", c.in, got, err, c.want)
			}
			if again, err := matchmaking.ParseSections(got.String()); err != nil || again != got {
				t.Fatalf("%q does not read back: %v, %v", got.String(), again, err)
			}
		})
	}
}

func TestSetJSON(t *testing.T) {
	set := matchmaking.SetOf(4, 9, 10)
	b, err := json.Marshal(set)
	if err != nil || string(b) != `["IV","IX","X"]` {
		t.Fatalf("%s, %v", b, err)
	}
	var back matchmaking.Set
	if err := json.Unmarshal([]byte(`["IV", 9, "x"]`), &back); err != nil || back != set {
		t.Fatalf("%v, %v", back, err)
	}
	if err := json.Unmarshal([]byte(`["XXII"]`), &back); err == nil {
		t.Fatal("section XXII read")
	}
	if b, _ := json.Marshal(matchmaking.Set(0)); string(b) != `[]` {
		t.Fatalf("the empty set: %s", b)
	}
}
