package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/web"
)

// upload posts a file to the import form, with the session's CSRF token.
func (c *client) upload(name, content string, fields url.Values) response {
	c.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("csrf", c.csrf)
	for k, vs := range fields {
		for _, v := range vs {
			mw.WriteField(k, v)
		}
	}
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write([]byte(content))
	mw.Close()
	return c.do("POST", "/staff/record/import", &body, map[string]string{"Content-Type": mw.FormDataContentType()})
}

// TestRecordEditor: a consul adds, changes and deletes records through the
// forms; a refused change shows the form again with what was sent and the
// reason at its field; a deletion can be undone; the public pages follow.
func TestRecordEditor(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	c.login("consul")
	if res := c.get("/staff/record/new/partnership"); res.Status != 200 || !strings.Contains(res.Body, `name="citations[].quote"`) {
		t.Fatalf("new partnership form: %d", res.Status)
	}
	bad := newPlace("pinsk")
	bad.Set("citations[].source", "nowhere")
	res := c.post("/staff/record/entity", bad)
	if res.Status != 400 || !strings.Contains(res.Body, "There is no source “nowhere”") ||
		!strings.Contains(res.Body, `id="f-citations-source-0" name="citations[].source" aria-describedby="f-citations-source-0-error" aria-invalid="true"`) ||
		!strings.Contains(res.Body, `value="Pinsk"`) {
		t.Fatalf("unknown source: %d\n%s", res.Status, res.Body)
	}
	if res := c.post("/staff/record/entity", newPlace("pinsk")); res.Status != 303 || res.Header.Get("Location") != "/staff/record/entity/pinsk?saved=1" {
		t.Fatalf("create: %d %s", res.Status, res.Body)
	}
	if res := c.post("/staff/record/entity", newPlace("pinsk")); res.Status != 409 || !strings.Contains(res.Body, "already") {
		t.Fatalf("create twice: %d", res.Status)
	}
	// A Russian spelling added through the form finds the place.
	form := recordFields(t, e, "entity", "pinsk")
	form["aliases[].text"] = []string{"Пинск", ""}
	form["aliases[].lang"] = []string{"ru", ""}
	if res := c.post("/staff/record/entity/pinsk", form); res.Status != 303 {
		t.Fatalf("update: %d %s", res.Status, res.Body)
	}
	if res := c.get("/api/v1/search?q=%D0%9F%D0%B8%D0%BD%D1%81%D0%BA"); !strings.Contains(res.Body, `"id": "pinsk"`) {
		t.Fatalf("search after the edit: %s", res.Body)
	}
	form.Set("id", "pinsk-2")
	if res := c.post("/staff/record/entity/pinsk", form); res.Status != 400 || !strings.Contains(res.Body, "cannot be changed") {
		t.Fatalf("changing the id: %d", res.Status)
	}
	// Deleting asks for the box to be ticked; an entity others name stays.
	if res := c.post("/staff/record/entity/pinsk/delete", nil); res.Status != 400 {
		t.Fatalf("delete without confirmation: %d", res.Status)
	}
	if res := c.post("/staff/record/entity/kapyl-district/delete", url.Values{"confirm": {"yes"}}); res.Status != 409 ||
		!strings.Contains(res.Body, "partnership") {
		t.Fatalf("delete an entity in use: %d", res.Status)
	}
	res = c.post("/staff/record/entity/pinsk/delete", url.Values{"confirm": {"yes"}})
	if res.Status != 200 || !strings.Contains(res.Body, "has been deleted") {
		t.Fatalf("delete: %d", res.Status)
	}
	restore := regexpValue(t, res.Body, "record")
	if res := c.get("/staff/record/entity/pinsk"); res.Status != 404 {
		t.Fatalf("deleted record still there: %d", res.Status)
	}
	if res := c.post("/staff/record/restore/entity", url.Values{"record": {restore}}); res.Status != 303 {
		t.Fatalf("undo: %d %s", res.Status, res.Body)
	}
	if res := c.get("/staff/record/entity/pinsk"); res.Status != 200 || !strings.Contains(res.Body, `value="Пинск"`) {
		t.Fatalf("after undo: %d", res.Status)
	}
	if res := c.get("/staff/audit"); !strings.Contains(res.Body, "coop.entity.delete") || !strings.Contains(res.Body, "coop.entity.update") {
		t.Fatal("the changes are not in the audit log")
	}
	if res := c.get("/staff/record/animal"); res.Status != 404 {
		t.Fatalf("unknown kind: %d", res.Status)
	}
}

// regexpValue is the value of the hidden input called name.
func regexpValue(t *testing.T, body, name string) string {
	t.Helper()
	marker := `name="` + name + `" value="`
	i := strings.Index(body, marker)
	if i < 0 {
		t.Fatalf("no %s field", name)
	}
	rest := body[i+len(marker):]
	return htmlUnescape(rest[:strings.Index(rest, `"`)])
}

func htmlUnescape(s string) string {
	return strings.NewReplacer("&#34;", `"`, "&quot;", `"`, "&amp;", "&", "&lt;", "<", "&gt;", ">", "&#39;", "'", "&#43;", "+").Replace(s)
}

// TestRecordImportAndExport: the export imports back unchanged; a CSV file
// is checked (a dry run counts without writing), refused whole with the row
// named, or imported; what the import wrote shows on the public pages.
func TestRecordImportAndExport(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	c.login("admin")
	exp := c.get("/staff/record/export/record.json")
	if exp.Status != 200 || !strings.Contains(exp.Header.Get("Content-Disposition"), "attachment") || !strings.Contains(exp.Body, `"format": "chancery-record"`) {
		t.Fatalf("export: %d %s", exp.Status, exp.Header)
	}
	if res := c.upload("record.json", exp.Body, nil); res.Status != 200 || !strings.Contains(res.Body, "0 created, 0 updated") {
		t.Fatalf("re-import of the export: %d\n%s", res.Status, res.Body)
	}
	csv := c.get("/staff/record/export/partnership.csv")
	if !strings.HasPrefix(csv.Body, "\ufeffid,kind,a,b,since,citations[].source") || !strings.Contains(csv.Body, "wanzhou-kapyl") {
		t.Fatalf("partnership CSV:\n%s", csv.Body)
	}
	file := "id,kind,a,b,citations[].source,citations[].quote\n" +
		"chongqing-pinsk,cooperation,chongqing,kapyl-district,ichongqing-2021-02-01,Chongqing\n" +
		"bad-one,cooperation,chongqing,atlantis,ichongqing-2021-02-01,Atlantis\n"
	res := c.upload("p.csv", file, url.Values{"kind": {"partnership"}})
	if res.Status != 400 || !strings.Contains(res.Body, "Row 3 (bad-one)") || !strings.Contains(res.Body, "atlantis") {
		t.Fatalf("bad row: %d\n%s", res.Status, res.Body)
	}
	good := file[:strings.LastIndex(strings.TrimSuffix(file, "\n"), "\n")+1]
	res = c.upload("p.csv", good, url.Values{"kind": {"partnership"}, "dry_run": {"yes"}})
	if res.Status != 200 || !strings.Contains(res.Body, "would create 1") {
		t.Fatalf("dry run: %d\n%s", res.Status, res.Body)
	}
	if r := c.get("/staff/record/partnership/chongqing-pinsk"); r.Status != 404 {
		t.Fatalf("the dry run wrote: %d", r.Status)
	}
	if res := c.upload("p.csv", good, url.Values{"kind": {"partnership"}}); res.Status != 200 || !strings.Contains(res.Body, "1 created") {
		t.Fatalf("import: %d\n%s", res.Status, res.Body)
	}
	if r := c.get("/api/v1/partnerships?limit=200"); !strings.Contains(r.Body, "chongqing-pinsk") {
		t.Fatal("the imported partnership is not listed")
	}
	for _, bad := range []struct{ name, content, kind, want string }{
		{"x.csv", "id,colour\nx,red\n", "entity", "“colour” is not a column"},
		{"x.json", `{"format":"other"}`, "", "not a record file"},
		{"x.csv", "", "entity", "holds no records"},
	} {
		if res := c.upload(bad.name, bad.content, url.Values{"kind": {bad.kind}}); res.Status != 400 || !strings.Contains(res.Body, bad.want) {
			t.Errorf("%s %q: %d, want 400 with %q", bad.name, bad.content, res.Status, bad.want)
		}
	}
	if res := c.upload("big.csv", strings.Repeat("x", 17<<20), url.Values{"kind": {"entity"}}); res.Status != 413 {
		t.Errorf("a file over the limit: %d", res.Status)
	}
}

// TestCustomsTableImport: a trade table in China Customs' shape imports
// through the same form, citing the source chosen, all or nothing.
func TestCustomsTableImport(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	c.login("admin")
	table := "period,flow,value,currency,change\n2024-01/2024-10,total,1450000,USD,103.5\n2024-01/2024-10,import,-5,USD,\n"
	res := c.upload("customs.csv", table, url.Values{"kind": {"customs"}, "source": {"ichongqing-2021-02-01"}})
	if res.Status != 400 || !strings.Contains(res.Body, "Row 3: value: the value -5 is negative") {
		t.Fatalf("a negative value: %d\n%s", res.Status, res.Body)
	}
	if res := c.upload("customs.csv", table, url.Values{"kind": {"customs"}}); res.Status != 400 || !strings.Contains(res.Body, "source: this field is required") {
		t.Fatalf("no source: %d", res.Status)
	}
	if res := c.upload("customs.csv", table, url.Values{"kind": {"customs"}, "source": {"nowhere"}}); res.Status != 404 {
		t.Fatalf("an unknown source: %d", res.Status)
	}
	good := strings.Replace(table, "-5", "900000", 1)
	if res := c.upload("customs.csv", good, url.Values{"kind": {"customs"}, "source": {"ichongqing-2021-02-01"}}); res.Status != 200 || !strings.Contains(res.Body, "2 created") {
		t.Fatalf("import: %d\n%s", res.Status, res.Body)
	}
	if res := c.upload("customs.csv", good, url.Values{"kind": {"customs"}, "source": {"ichongqing-2021-02-01"}}); !strings.Contains(res.Body, "0 created, 0 updated, 2 unchanged") {
		t.Fatalf("again: %d", res.Status)
	}
	if res := c.get("/api/v1/trade-figures?flow=import"); !strings.Contains(res.Body, `"amount": "900000"`) || !strings.Contains(res.Body, "row 3 of customs.csv") {
		t.Fatalf("the imported figure: %s", res.Body)
	}
}

// TestRecordImportStreamsProgress: an import that runs past the threshold
// sends its page as it goes: the progress, then the outcome.
func TestRecordImportStreamsProgress(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	srv, err := web.New(e.DB, web.Config{ImportProgressAfter: -time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	c := newClient(t, ts.URL)
	c.login("admin")
	exp := c.get("/staff/record/export/record.json")
	res := c.upload("record.json", exp.Body, nil)
	if res.Status != http.StatusOK || !strings.Contains(res.Body, "records checked</li>") || !strings.Contains(res.Body, "records written</li>") ||
		!strings.Contains(res.Body, "0 created, 0 updated") || !strings.Contains(res.Body, "</html>") {
		t.Fatalf("streamed import: %d\n%s", res.Status, res.Body)
	}
}

// TestRecordPathsRefuseOtherMethods: a path the editor serves with one
// method answers another with 405 and its Allow header, even where a
// route of the record's kinds (/staff/record/{kind}) would take that
// method.
func TestRecordPathsRefuseOtherMethods(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	c.login("admin")
	for _, tc := range []struct{ method, path, allow string }{
		{"GET", "/staff/record/import", "POST"},
		{"GET", "/staff/record/restore/entity", "POST"},
		{"POST", "/staff/record/new/entity", "GET, HEAD"},
		{"POST", "/staff/record/export/entities.csv", "GET, HEAD"},
	} {
		var res response
		if tc.method == "POST" {
			res = c.post(tc.path, nil)
		} else {
			res = c.get(tc.path)
		}
		if res.Status != http.StatusMethodNotAllowed || res.Header.Get("Allow") != tc.allow {
			t.Errorf("%s %s: %d, Allow %q; want 405, Allow %q", tc.method, tc.path, res.Status, res.Header.Get("Allow"), tc.allow)
		}
	}
}
