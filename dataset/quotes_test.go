package dataset_test

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/dataset"
	"github.com/chancery-platform/chancery/mission"
)

// heldSources maps the id of each source whose text the repository holds to
// its file under testdata/sources (see the README there for where each came from).
var heldSources = map[string]string{
	"ichongqing-2021-02-01":          "000_bbd9d3a695ab3629.txt",
	"cqcurrents-interview-bilingual": "001_e89992e11826dccd.txt",
	"worldandchongqing-2022":         "002_26b2c53fa93efa5f.txt",
	"cqcurrents-2025-05-04":          "003_3161e91d4c82842e.txt",
	"ichongqing-2023-01-14":          "004_9b510ffbf9ae5fc1.txt",
}

// normaliseSpace turns every run of white space (spaces, no-break spaces,
// tabs and line breaks, as unicode.IsSpace has them) into one space and trims
// the ends, so that a quote may write a line break of the source as a space.
// Nothing else changes: no case folding, no punctuation changes.
func normaliseSpace(s string) string { return strings.Join(strings.Fields(s), " ") }

// placedCitation is a citation with where in the dataset it sits.
type placedCitation struct {
	where string
	mission.Citation
}

// citationsIn finds every citation anywhere in v: missions' citations and
// claims, cooperation records' citations, matchmaking profiles' citations,
// and any place a citation is added later.
func citationsIn(where string, v reflect.Value) []placedCitation {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return citationsIn(where, v.Elem())
	case reflect.Slice, reflect.Array:
		var out []placedCitation
		for i := 0; i < v.Len(); i++ {
			out = append(out, citationsIn(fmt.Sprintf("%s[%d]", where, i), v.Index(i))...)
		}
		return out
	case reflect.Struct:
		if c, ok := v.Interface().(mission.Citation); ok {
			return []placedCitation{{where, c}}
		}
		var out []placedCitation
		for i := 0; i < v.NumField(); i++ {
			if f := v.Type().Field(i); f.IsExported() {
				out = append(out, citationsIn(where+"."+f.Name, v.Field(i))...)
			}
		}
		return out
	}
	return nil
}

func TestQuotesAreVerbatim(t *testing.T) {
	ds, err := dataset.Default()
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, s := range ds.Sources {
		known[s.ID] = true
	}
	texts := map[string]string{}
	for id, file := range heldSources {
		if !known[id] {
			t.Errorf("the held article %s is no source of the default dataset: map its new id here", file)
		}
		b, err := os.ReadFile(filepath.Join("testdata", "sources", file))
		if err != nil {
			t.Fatal(err)
		}
		texts[id] = normaliseSpace(string(b))
	}
	checked := 0
	for _, c := range citationsIn("dataset", reflect.ValueOf(ds)) {
		text, held := texts[c.SourceID]
		if !held {
			continue
		}
		checked++
		if c.Quote == "" {
			t.Errorf("%s: a citation of %s has no quote", c.where, c.SourceID)
			continue
		}
		if !strings.Contains(text, normaliseSpace(c.Quote)) {
			t.Errorf("%s: the quote is not in %s word for word:\n%s", c.where, c.SourceID, c.Quote)
		}
	}
	// The record quotes the articles some 170 times; finding few means the
	// walk above no longer reaches the citations.
	if checked < 100 {
		t.Errorf("checked only %d quotes of the held articles", checked)
	}
}
