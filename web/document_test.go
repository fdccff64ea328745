package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/seal"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
)

// issuedDoc is a decided application with its document, in one test
// environment.
type issuedDoc struct {
	Reference, Token string
	Doc              seal.Document
}

var (
	issuedMu sync.Mutex
	issued   = map[*testEnv]issuedDoc{}
)

// issueDocument starts a return-certificate application in e, decides it
// with SQL (the decision is the desk's) and issues its document, once per
// environment.
func issueDocument(t *testing.T, e *testEnv) issuedDoc {
	t.Helper()
	issuedMu.Lock()
	defer issuedMu.Unlock()
	if d, ok := issued[e]; ok {
		return d
	}
	ctx := context.Background()
	token, tokenHash := booking.NewToken()
	app, err := e.DB.CreateApplication(ctx, store.NewApplication{Mission: "by-cg-chongqing", CaseType: "return-certificate",
		Email: "holder@example.com", Lang: "be", TokenHash: tokenHash, VerifyHash: tokenHash}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := storetest.Raw(t, e.DB, e.DSN).Exec(`UPDATE applications SET stage = 'decided' WHERE id = ` + strconv.FormatInt(app.ID, 10)); err != nil {
		t.Fatal(err)
	}
	ct, err := e.DB.CaseType(ctx, app.Mission, app.CaseType, app.Version)
	if err != nil {
		t.Fatal(err)
	}
	key, _, err := e.DB.SealKey(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := e.DB.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	d, err := tx.IssueDocument(ctx, key, app, ct, store.DocumentFacts{Result: "issued", Holder: "IVANOU I. I."})
	if err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	out := issuedDoc{Reference: app.Reference, Token: token, Doc: d}
	issued[e] = out
	return out
}

// documentActions are the staff actions on issued documents, for the role
// matrix: everyone reads, consuls and admins revoke.
func documentActions(t *testing.T, e *testEnv) []staffAction {
	d := issueDocument(t, e)
	all := map[string]bool{"admin": true, "consul": true, "officer": true}
	consuls := map[string]bool{"admin": true, "consul": true}
	return []staffAction{
		{"document", "GET", "/staff/documents/" + d.Doc.Code, nil, 200, all},
		{"document PDF", "GET", "/staff/applications/" + d.Reference + "/document.pdf", nil, 200, all},
		{"revoke document", "POST", "/staff/documents/" + d.Doc.Code, url.Values{"reason": {"issued in error"}, "confirm": {"yes"}}, 303, consuls},
	}
}

// TestDocumentVerify: a document's code checks as valid on the page (in
// each language) and in the API, showing the least the record holds and
// the note that the paper is the legal document; a changed code is
// refused; the keys are published; the applicant and staff download the
// PDF (staff's read audited); a consul revokes it with a reason and a
// confirmation, and from then on the page and the API say revoked.
func TestDocumentVerify(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	d := issueDocument(t, e)
	c := e.client()
	res := c.get("/verify/" + strings.ToLower(d.Doc.Code))
	if res.Status != 200 || !strings.Contains(res.Body, d.Reference) || !strings.Contains(res.Body, "IVANOU I. I.") ||
		!strings.Contains(res.Body, "The seal is valid") || !strings.Contains(res.Body, "signed by the consul") {
		t.Fatalf("verify page: %d\n%.3000s", res.Status, res.Body)
	}
	if strings.Contains(res.Body, "holder@example.com") {
		t.Error("the verify page shows the applicant's address")
	}
	for lang, want := range map[string]string{"zh": "印章有效", "ru": "Печать действительна", "be": "Пячатка сапраўдная"} {
		if got := e.client().get("/verify/" + d.Doc.Code + "?lang=" + lang); !strings.Contains(got.Body, want) {
			t.Errorf("%s: no %q", lang, want)
		}
	}
	tampered := []byte(d.Doc.Code)
	tampered[40] = map[bool]byte{true: 'B', false: 'A'}[tampered[40] == 'A']
	if res := c.get("/verify/" + string(tampered)); res.Status != 422 || !strings.Contains(res.Body, "not valid") {
		t.Errorf("tampered: %d", res.Status)
	}
	if res := c.get("/verify/" + d.Doc.Code[:50]); res.Status != 422 || !strings.Contains(res.Body, "cut short") {
		t.Errorf("truncated: %d", res.Status)
	}
	if res := c.get("/verify?code=" + url.QueryEscape(" "+strings.ToLower(d.Doc.Code)+" ")); res.Status != 303 || res.Header.Get("Location") != "/verify/"+d.Doc.Code {
		t.Errorf("the form: %d %s", res.Status, res.Header.Get("Location"))
	}
	if res := c.get("/verify"); res.Status != 200 || !strings.Contains(res.Body, `href="/verify/keys"`) {
		t.Errorf("verify form: %d", res.Status)
	}
	var keys seal.KeySet
	if res := c.get("/verify/keys"); res.Status != 200 || json.Unmarshal([]byte(res.Body), &keys) != nil || len(keys.Map()) != 1 || keys.Map()[d.Doc.KeyID] == nil {
		t.Fatalf("keys: %d %s", res.Status, res.Body)
	}
	if _, err := seal.Verify(d.Doc.Code, keys.Map()); err != nil {
		t.Errorf("offline check with the published keys: %v", err)
	}
	api := func() map[string]any {
		res := c.get("/api/v1/verify/" + d.Doc.Code)
		var v map[string]any
		if res.Status != 200 || json.Unmarshal([]byte(res.Body), &v) != nil {
			t.Fatalf("api: %d %s", res.Status, res.Body)
		}
		return v
	}
	if v := api(); v["status"] != "valid" || v["reference"] != d.Reference || v["holder"] != "IVANOU I. I." {
		t.Errorf("api: %v", v)
	}
	if res := c.get("/api/v1/verify/" + string(tampered)); res.Status != 422 || !strings.Contains(res.Body, `"invalid"`) {
		t.Errorf("api tampered: %d %s", res.Status, res.Body)
	}

	// The applicant's PDF, from the private link only, linked from the
	// application's page.
	if page := c.get("/applications/" + d.Reference + "?token=" + url.QueryEscape(d.Token)); !strings.Contains(page.Body, "/document.pdf?token=") {
		t.Errorf("the decided application's page has no link to its document (%d)", page.Status)
	}
	pdf := c.get("/applications/" + d.Reference + "/document.pdf?token=" + url.QueryEscape(d.Token))
	if pdf.Status != 200 || pdf.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(pdf.Body, "%PDF-") ||
		pdf.Header.Get("Referrer-Policy") != "no-referrer" {
		t.Errorf("applicant's PDF: %d %s", pdf.Status, pdf.Header.Get("Content-Type"))
	}
	if res := c.get("/applications/" + d.Reference + "/document.pdf?token=wrong"); res.Status != 404 {
		t.Errorf("wrong token: %d", res.Status)
	}

	officer := e.client()
	officer.login("officer")
	if res := officer.get("/staff/applications/" + d.Reference + "/document.pdf"); res.Status != 200 || !strings.HasPrefix(res.Body, "%PDF-") {
		t.Errorf("staff PDF: %d", res.Status)
	}
	if dump := storetest.Dump(t, e.DB, e.DSN, "audit_log"); !strings.Contains(dump, "document.download") {
		t.Error("the staff download is not audited")
	}
	if res := officer.post("/staff/documents/"+d.Doc.Code, url.Values{"reason": {"x"}, "confirm": {"yes"}}); res.Status != 403 {
		t.Errorf("an officer revokes: %d", res.Status)
	}

	consul := e.client()
	consul.login("consul")
	if res := consul.post("/staff/documents/"+d.Doc.Code, url.Values{"reason": {"issued in error"}}); res.Status != 400 ||
		!strings.Contains(res.Body, `id="revoke-confirm"`) {
		t.Errorf("revoke without confirming: %d", res.Status)
	}
	if res := consul.post("/staff/documents/"+d.Doc.Code, url.Values{"confirm": {"yes"}}); res.Status != 400 || !strings.Contains(res.Body, `id="revoke-reason"`) {
		t.Errorf("revoke without a reason: %d", res.Status)
	}
	if res := consul.post("/staff/documents/"+d.Doc.Code, url.Values{"reason": {"issued in error"}, "confirm": {"yes"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("revoke: %d %s", res.Status, res.Body)
	}
	if res := consul.get("/staff/documents/" + d.Doc.Code + "?saved=revoked"); !strings.Contains(res.Body, "issued in error") {
		t.Errorf("the desk page does not show the revocation")
	}
	if res := c.get("/verify/" + d.Doc.Code); res.Status != 200 || !strings.Contains(res.Body, "was revoked on") {
		t.Errorf("verify after revocation: %d\n%.2000s", res.Status, res.Body)
	}
	if res := c.get("/verify/" + d.Doc.Code); strings.Contains(res.Body, "issued in error") {
		t.Error("the public page shows the revocation's reason")
	}
	if v := api(); v["status"] != "revoked" || v["revoked_at"] == nil {
		t.Errorf("api after revocation: %v", v)
	}
	if dump := storetest.Dump(t, e.DB, e.DSN, "audit_log"); !strings.Contains(dump, "document.revoke") {
		t.Error("the revocation is not audited")
	}
	if res := c.get("/applications/" + d.Reference + "/document.pdf?token=" + url.QueryEscape(d.Token)); res.Status != 404 {
		t.Errorf("a revoked document's PDF: %d", res.Status)
	}
}
