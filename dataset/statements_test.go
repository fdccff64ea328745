package dataset_test

import (
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/dataset"
	"github.com/chancery-platform/chancery/mission"
)

// TestSourcesAndStatementKinds: a source has its date's kind, its language,
// a title or none, and may be a version of another; a citation is sourced
// (with an optional translation) or set by the mission (a note, no source).
func TestSourcesAndStatementKinds(t *testing.T) {
	ds, err := dataset.Default()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]mission.Source{}
	for _, s := range ds.Sources {
		byID[s.ID] = s
		if s.ID == "chancery-reference" {
			t.Error("the dataset cites itself: the source chancery-reference must go")
		}
		if others[s.ID] {
			continue // their notes are another change's (issue 12: the quotes of these sources)
		}
		for _, text := range append([]string{s.Title, s.Publisher, s.URL}, noteTexts(s.Note)...) {
			if strings.Contains(text, "shared/sources") || strings.Contains(text, "REFERENCE.md") {
				t.Errorf("source %s shows an internal path: %q", s.ID, text)
			}
		}
		if s.DateKind == "" {
			t.Errorf("source %s: the date's kind is read from its date when not written", s.ID)
		}
	}
	v := byID["cqcurrents-2025-05-04"]
	if v.VersionOf != "cqcurrents-interview-bilingual" || v.DateKind != mission.DatePageDated || v.Published != "2025-05-04" {
		t.Errorf("sources/003: %+v, want a page-dated version of the bilingual interview", v)
	}
	if w := byID["worldandchongqing-2022"]; w.Title != "" || !strings.HasPrefix(w.URL, "http") {
		t.Errorf("The World and Chongqing: title %q url %q, want no title (none was found) and its address", w.Title, w.URL)
	}
	if u := byID["cqcurrents-interview-bilingual"]; u.DateKind != mission.DateUndated || u.Language != "en+zh" {
		t.Errorf("the bilingual interview: %+v", u)
	}
	var embassy dataset.Mission
	for _, m := range ds.Missions {
		if m.ID == "by-embassy-beijing" {
			embassy = m
		}
	}
	if len(embassy.Citations) == 0 || !embassy.Citations[0].SetByMission || embassy.Citations[0].SourceID != "" ||
		embassy.Citations[0].Note.Missing() != nil {
		t.Errorf("the Embassy's address has no primary source: it is set by the mission, noted in four languages: %+v", embassy.Citations)
	}
	translated := false
	for _, a := range ds.Cooperation.Agreements {
		for _, c := range a.Citations {
			if c.SourceID == "by-china-visa-exemption-2018" && c.Translation["en"] != "" {
				translated = true
			}
		}
	}
	if !translated {
		t.Error("the Russian passage on the visa exemption carries its translation")
	}
}

// others are the sources whose entries other work of issue 12 rewrites; the
// crawl of every public page checks what they show.
var others = map[string]bool{"radio-belarus-zh-2021": true, "xinhua-silkroad-2021-01": true, "by-embassy-cn-fee-tariff": true}

func noteTexts(t mission.Text) []string {
	var out []string
	for _, s := range t {
		out = append(out, s)
	}
	return out
}

func TestStatementsRefused(t *testing.T) {
	const head = "version: \"1\"\nsources:\n  - {id: a-source, title: \"\", publisher: P, published: \"2021\", language: en}\n"
	const mission = "missions:\n  - id: by-embassy-test\n    country: BY\n    host: CN\n    kind: embassy\n    name: {en: M}\n    city: {en: Beijing}\n    time_zone: Asia/Shanghai\n    citations:\n"
	good := head + mission + "      - {source: a-source, quote: \"Q\"}\n      - {set_by_mission: true, note: {en: \"The address\"}}\n"
	if _, err := dataset.Parse(strings.NewReader(good)); err != nil {
		t.Fatalf("an untitled source, a sourced and a set-by-mission statement: %v", err)
	}
	rejects(t, good, []badFile{
		{"neither a source nor set by the mission", head + mission + "      - {quote: \"Q\"}\n", "citations[0]"},
		{"set by the mission without a note", head + mission + "      - {set_by_mission: true}\n", "citations[0].note"},
		{"set by the mission with a source", head + mission + "      - {set_by_mission: true, source: a-source, note: {en: N}}\n", "citations[0]"},
		{"set by the mission with a quote", head + mission + "      - {set_by_mission: true, quote: Q, note: {en: N}}\n", "citations[0]"},
		{"unknown date kind", strings.Replace(good, "language: en}", "language: en, date_kind: sometime}", 1), "sources[0]"},
		{"undated with a date", strings.Replace(good, "language: en}", "language: en, date_kind: undated}", 1), "sources[0]"},
		{"page dated without a date", strings.Replace(good, `published: "2021"`, `published: "", date_kind: page_dated`, 1), "sources[0]"},
		{"version of an unknown source", strings.Replace(good, "language: en}", "language: en, version_of: nowhere}", 1), "sources[0].version_of"},
		{"version of itself", strings.Replace(good, "language: en}", "language: en, version_of: a-source}", 1), "sources[0]"},
		{"version of a version", strings.Replace(good, "language: en}\n", "language: en, version_of: b-source}\n  - {id: b-source, title: B, publisher: P, version_of: c-source}\n  - {id: c-source, title: C, publisher: P}\n", 1), "version_of"},
	})
}
