package dataset_test

import (
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/dataset"
	"github.com/chancery-platform/chancery/mission"
)

// TestDefaultDatasetInFourLanguages: every public content field of the
// built-in dataset has a text in each of mission.Languages (issue 12 §5).
//
// The content fields are found by their type: every mission.Text the
// parsed dataset holds, wherever it stands (mission names, cities,
// addresses, hours, notes, the head's name and title, service names,
// source notes, citation notes and translations, reading notes, the
// cooperation records' names, about texts, titles, outcomes, wordings and
// alias notes, the matchmaking details), so a field added later is checked
// without changing this test. A field left wholly blank needs no
// translation (mission.Text.Missing).
//
// Plain strings are not content to translate: a quote is verbatim in its
// source's language, an alias is a spelling (its point is how it is
// written), and ids, codes, dates and amounts are no language's. A name is
// content: a person's name is a mission.Text and needs all four scripts,
// as Chinese, Russian and Belarusian readers write it.
//
// A citation's translation may lack the languages of its source: a quote
// is not translated into the language it is written in.
func TestDefaultDatasetInFourLanguages(t *testing.T) {
	ds, err := dataset.Default()
	if err != nil {
		t.Fatal(err)
	}
	texts, problems := untranslated(ds)
	if texts < 100 {
		t.Fatalf("found only %d texts in the dataset: the walk misses fields", texts)
	}
	for _, p := range problems {
		t.Error(p)
	}
}

// The walk finds texts wherever they stand, names the record, and counts a
// text in some but not all languages as lacking the rest.
func TestUntranslatedFindsEveryText(t *testing.T) {
	ds := parseTestdata(t, "hungary.yaml")
	_, problems := untranslated(ds)
	want := []string{
		"Missions[0 hu-embassy-beijing].Name: no text in zh, ru, be",
		"Missions[0 hu-embassy-beijing].City: no text in zh, ru, be",
		"Missions[1 hu-cg-chongqing].Name: no text in zh, ru, be",
		"Missions[1 hu-cg-chongqing].City: no text in ru, be",
		"Missions[1 hu-cg-chongqing].Head.Name: no text in zh, ru, be",
		"Missions[1 hu-cg-chongqing].Head.Title: no text in zh, ru, be",
		"Missions[1 hu-cg-chongqing].Claims[0].Citation.Note: no text in zh, ru, be",
	}
	if !slices.Equal(problems, want) {
		t.Errorf("problems\n%s\nwant\n%s", strings.Join(problems, "\n"), strings.Join(want, "\n"))
	}
}

// untranslated walks a dataset: how many texts it holds, and one line for
// each that lacks a language.
func untranslated(ds *dataset.Dataset) (texts int, problems []string) {
	w := textWalk{sourceLang: map[string]string{}}
	for _, s := range ds.Sources {
		w.sourceLang[s.ID] = s.Language
	}
	w.walk("", reflect.ValueOf(*ds), nil)
	return len(w.texts), w.problems
}

var (
	textType     = reflect.TypeFor[mission.Text]()
	citationType = reflect.TypeFor[mission.Citation]()
	sourcePtr    = reflect.TypeFor[*mission.Source]()
)

// textWalk visits every mission.Text of a value and records each that
// lacks a language.
type textWalk struct {
	sourceLang map[string]string // source id -> its language, "en+zh" for a bilingual one
	texts      []string
	problems   []string
}

// walk visits v at path; exempt are languages the text at v may lack.
func (w *textWalk) walk(path string, v reflect.Value, exempt []string) {
	switch {
	case v.Type() == textType:
		w.texts = append(w.texts, path)
		var missing []string
		for _, l := range v.Interface().(mission.Text).Missing() {
			if !slices.Contains(exempt, l) {
				missing = append(missing, l)
			}
		}
		if len(missing) > 0 {
			w.problems = append(w.problems, fmt.Sprintf("%s: no text in %s", path, strings.Join(missing, ", ")))
		}
		return
	case v.Type() == sourcePtr:
		return // the citation's source, read with it: the sources are walked once, at the top
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			w.walk(path, v.Elem(), exempt)
		}
	case reflect.Struct:
		var citedLangs []string
		if v.Type() == citationType {
			citedLangs = strings.Split(w.sourceLang[v.FieldByName("SourceID").String()], "+")
		}
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			var ex []string
			if f.Name == "Translation" {
				ex = citedLangs
			}
			p := f.Name
			if !f.Anonymous {
				p = join(path, f.Name)
			} else {
				p = path
			}
			w.walk(p, v.Field(i), ex)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			w.walk(fmt.Sprintf("%s[%s]", path, label(v.Index(i), i)), v.Index(i), nil)
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			w.walk(fmt.Sprintf("%s[%v]", path, iter.Key()), iter.Value(), nil)
		}
	}
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// label names an element of a list by its id where it has one (an entity,
// a mission, a source), by person and organisation for a role, and by its
// index otherwise.
func label(v reflect.Value, i int) string {
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return fmt.Sprint(i)
	}
	for _, names := range [][]string{{"ID"}, {"EntityID"}, {"Person", "Organisation"}, {"SourceID"}} {
		var parts []string
		for _, n := range names {
			if f := v.FieldByName(n); f.IsValid() && f.Kind() == reflect.String && f.String() != "" {
				parts = append(parts, f.String())
			}
		}
		if len(parts) == len(names) {
			return fmt.Sprintf("%d %s", i, strings.Join(parts, "/"))
		}
	}
	return fmt.Sprint(i)
}

// parseTestdata reads a dataset file of testdata/.
func parseTestdata(t *testing.T, name string) *dataset.Dataset {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ds, err := dataset.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	return ds
}
