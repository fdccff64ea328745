package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// TestCaseTypeEditor: an administrator changes a case type on the desk
// and it becomes its next version, the earlier one kept; a document with
// several faults is refused with all of them in the error summary and
// what was typed kept; a save based on an older version is told another
// saved first; an officer sees the case type read-only.
func TestCaseTypeEditor(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.client()
	admin.login("admin")
	const path = "/staff/missions/by-cg-chongqing/case-types/return-certificate"
	page := admin.get(path)
	m := regexp.MustCompile(`(?s)<textarea id="document" name="document"[^>]*>(.*?)</textarea>`).FindStringSubmatch(page.Body)
	if page.Status != 200 || m == nil {
		t.Fatalf("the editor: %d\n%.1500s", page.Status, page.Body)
	}
	doc := html.UnescapeString(m[1])
	if !strings.Contains(doc, `"processing_days": 3`) {
		t.Fatalf("the document shown:\n%s", doc)
	}
	changed := strings.Replace(doc, `"processing_days": 3`, `"processing_days": 4`, 1)
	res := admin.post(path, url.Values{"document": {changed}, "version": {"1"}})
	if res.Status != http.StatusSeeOther || !strings.HasSuffix(res.Header.Get("Location"), "?saved=2") {
		t.Fatalf("a change: %d %s\n%.1500s", res.Status, res.Header.Get("Location"), res.Body)
	}
	ctx := context.Background()
	if v2, _ := e.DB.CaseType(ctx, "by-cg-chongqing", "return-certificate", 0); v2.Version != 2 || v2.ProcessingDays != 4 {
		t.Errorf("version %d, %d days", v2.Version, v2.ProcessingDays)
	}
	if v1, _ := e.DB.CaseType(ctx, "by-cg-chongqing", "return-certificate", 1); v1.ProcessingDays != 3 {
		t.Errorf("version 1 changed: %d days", v1.ProcessingDays)
	}

	bad := strings.Replace(strings.Replace(changed, `"processing_days": 4`, `"processing_days": -1`, 1), `"types": [`, `"types": ["docx", `, 1)
	res = admin.post(path, url.Values{"document": {bad}, "version": {"2"}})
	body := html.UnescapeString(res.Body)
	if res.Status != http.StatusBadRequest || !strings.Contains(res.Body, "<title>Error: ") || !strings.Contains(body, "processing takes 0 to 365 working days") ||
		!strings.Contains(body, `unknown type "docx"`) || !strings.Contains(body, `"processing_days": -1`) {
		t.Errorf("two faults: %d\n%.3000s", res.Status, res.Body)
	}
	if res := admin.post(path, url.Values{"document": {"not json"}, "version": {"2"}}); res.Status != http.StatusBadRequest || !strings.Contains(res.Body, "not a case type written as JSON") {
		t.Errorf("not JSON: %d", res.Status)
	}
	if res := admin.post(path, url.Values{"document": {changed}, "version": {"1"}}); res.Status != http.StatusConflict {
		t.Errorf("a save from version 1 after version 2: %d", res.Status)
	}

	officer := e.client()
	officer.login("officer")
	if ro := officer.get(path); ro.Status != 200 || strings.Contains(ro.Body, `<textarea id="document"`) || !strings.Contains(ro.Body, "Only an administrator") {
		t.Errorf("the officer's view: %d", ro.Status)
	}
	if list := officer.get("/staff/missions/by-cg-chongqing/case-types"); !strings.Contains(list.Body, `href="/staff/missions/by-cg-chongqing/case-types/visa"`) {
		t.Error("the list does not link the visa application")
	}
}
