package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
)

// submittedCase submits a case in Chongqing of a case type that asks
// nothing and needs no document (uploads are not wired yet), straight
// through the store; it returns the reference and the private link's
// token.
func submittedCase(t *testing.T, db *store.DB) (string, string) {
	t.Helper()
	ctx := context.Background()
	visa, err := db.CaseType(ctx, "by-cg-chongqing", "visa", 1)
	if err != nil {
		t.Fatal(err)
	}
	plain := visa
	plain.ID, plain.Version, plain.Questions, plain.Documents, plain.ProcessingDays = "plain", 0, nil, nil, 5
	plain.SecondConsul = true
	if _, err := db.SaveCaseType(ctx, store.Actor{Name: "test"}, plain); err != nil {
		t.Fatal(err)
	}
	token, tokenHash := booking.NewToken()
	code, codeHash := booking.NewToken()
	a, err := db.CreateApplication(ctx, store.NewApplication{Mission: "by-cg-chongqing", CaseType: "plain", Email: "li.wei@example.com",
		Lang: "en", TokenHash: tokenHash, VerifyHash: codeHash}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.ConfirmApplication(ctx, a.Reference, code); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SubmitApplication(ctx, a.Reference, token, nil); err != nil {
		t.Fatal(err)
	}
	return a.Reference, token
}

// caseActions are the desk's case routes for the role matrix: everyone
// reads cases; officers and consuls work them; only consuls decide and
// take a case over. On a new, unassigned case, a step that needs the
// assignee is refused with 409, past the role check.
func caseActions(t *testing.T, e *testEnv) []staffAction {
	ref, _ := submittedCase(t, e.DB)
	all := map[string]bool{"admin": true, "consul": true, "officer": true}
	workers := map[string]bool{"consul": true, "officer": true}
	consuls := map[string]bool{"consul": true}
	admins := map[string]bool{"admin": true}
	path := "/staff/applications/" + ref
	return []staffAction{
		{"case queue", "GET", "/staff/missions/by-cg-chongqing/cases?queue=new", nil, 200, all},
		{"case", "GET", path, nil, 200, all},
		{"take case", "POST", path + "/take", nil, 303, workers},
		{"take case over", "POST", path + "/takeover", nil, 303, consuls},
		{"release case", "POST", path + "/release", nil, 409, workers},
		{"start check", "POST", path + "/check", nil, 409, workers},
		{"ask applicant", "POST", path + "/request", url.Values{"message": {"More"}, "deadline": {"2099-01-01"}}, 409, workers},
		{"complete case", "POST", path + "/complete", nil, 409, workers},
		{"record fee", "POST", path + "/fee", url.Values{"receipt": {"R-1"}}, 409, workers},
		{"issue case", "POST", path + "/issue", nil, 409, consuls},
		{"passport at the counter", "POST", path + "/counter", url.Values{"mrz": {"P<UTO"}}, 400, all},
		{"review a file", "POST", path + "/files/1/review", url.Values{"status": {"accepted"}}, 409, workers},
		{"refuse case", "POST", path + "/refuse", url.Values{"confirm": {"yes"}, "reasons": {"x"}}, 409, consuls},
		{"staff member's missions", "GET", "/staff/users/officer/missions", nil, 200, admins},
		{"set staff member's missions", "POST", "/staff/users/officer/missions", url.Values{"missions": {"by-cg-chongqing"}}, 303, admins},
	}
}

// TestCaseDesk works a case through the desk's pages and follows it in
// the applicant's API: the queue lists it; opening it is audited; an
// officer takes it (another officer is then refused), checks it and asks
// for more (a request without a message or deadline is refused on the
// page with both faults); the applicant sees the request and the due day,
// edits and sends again; the officer finds it complete; a consul takes it
// over and refuses it (not without confirming), and the applicant sees
// the decision with its reasons and how to appeal. Staff of another
// mission do not find the case.
func TestCaseDesk(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	ref, token := submittedCase(t, e.DB)
	auth := map[string]string{"Authorization": "Bearer " + token}
	path := "/staff/applications/" + ref

	officer := e.client()
	officer.login("officer")
	if r := officer.get("/staff/missions/by-cg-chongqing/cases?queue=new"); r.Status != 200 || !strings.Contains(r.Body, ref) {
		t.Fatalf("the new queue: %d %.300s", r.Status, r.Body)
	}
	if r := officer.get(path); r.Status != 200 || !strings.Contains(r.Body, "li.wei@example.com") {
		t.Fatalf("the case page: %d", r.Status)
	}
	if log, _ := e.DB.AuditLog(ctx, store.AuditFilter{Action: "application.read", EntityID: ref}); len(log) != 1 || log[0].Actor != "officer" {
		t.Errorf("the read is not audited: %+v", log)
	}
	if r := officer.post(path+"/take", nil); r.Status != http.StatusSeeOther {
		t.Fatalf("take: %d %.300s", r.Status, r.Body)
	}
	if _, err := e.DB.CreateUser(ctx, store.Actor{Name: "test"}, "officer2", storetest.Password, "officer"); err != nil {
		t.Fatal(err)
	}
	other := e.client()
	other.login("officer2")
	if r := other.post(path+"/check", nil); r.Status != http.StatusConflict || !strings.Contains(r.Body, "officer is working on this case") {
		t.Errorf("another officer acts: %d %.2000s", r.Status, r.Body)
	}
	if r := officer.post(path+"/check", nil); r.Status != http.StatusSeeOther {
		t.Fatalf("check: %d", r.Status)
	}
	r := officer.post(path+"/request", url.Values{"message": {" "}, "deadline": {"yesterday"}})
	if r.Status != http.StatusBadRequest || !strings.Contains(r.Body, `href="#message"`) || !strings.Contains(r.Body, `href="#deadline"`) {
		t.Errorf("a request without message and deadline: %d %.3000s", r.Status, r.Body)
	}
	by := time.Now().AddDate(0, 1, 0).Format("2006-01-02")
	if r := officer.post(path+"/request", url.Values{"message": {"A clearer scan of the invitation."}, "deadline": {by}}); r.Status != http.StatusSeeOther {
		t.Fatalf("request: %d %.300s", r.Status, r.Body)
	}

	// Staff read the stage in the desk's words, not the applicant's ("Waiting for you").
	if r := officer.get(path); !strings.Contains(r.Body, "<strong>Awaiting the applicant</strong>") || strings.Contains(r.Body, "Waiting for you") {
		t.Errorf("the waiting case's page does not name its stage for staff: %.3000s", r.Body)
	}

	app := applicantAPI(t, e).getApp(ref, auth)
	if app.Status != "waiting" || app.Request == nil || app.Request.Message != "A clearer scan of the invitation." || app.Request.By != by ||
		app.Due == "" || app.History[len(app.History)-1].By != "mission" || app.History[len(app.History)-1].StatusName["en"] == "" {
		t.Fatalf("the applicant's view of the request: %+v", app)
	}
	if page := e.client().get("/applications/" + ref + "?token=" + url.QueryEscape(token)); !strings.Contains(page.Body, "A clearer scan of the invitation.") ||
		!strings.Contains(page.Body, "/applications/"+ref+"/check?token=") {
		t.Errorf("the applicant's page lacks the request or the form to send again")
	}
	api := e.client()
	if r := api.putJSON("/api/v1/applications/"+ref+"/answers", `{"answers":{}}`, auth); r.Status != 200 {
		t.Errorf("answers while waiting: %d %s", r.Status, r.Body)
	}
	if r := api.postJSON("/api/v1/applications/"+ref+"/submit", `{"declaration":true}`, auth); r.Status != 200 {
		t.Fatalf("sent again: %d %s", r.Status, r.Body)
	}
	if app := applicantAPI(t, e).getApp(ref, auth); app.Status != "in_review" || app.Request != nil {
		t.Fatalf("after sending again: %+v", app)
	}
	if r := officer.post(path+"/complete", nil); r.Status != http.StatusSeeOther {
		t.Fatalf("complete: %d %.300s", r.Status, r.Body)
	}

	consul := e.client()
	consul.login("consul")
	if r := consul.get("/staff/missions/by-cg-chongqing/cases?queue=ready"); !strings.Contains(r.Body, ref) {
		t.Errorf("the ready queue lacks the case")
	}
	if r := consul.post(path+"/takeover", nil); r.Status != http.StatusSeeOther {
		t.Fatalf("takeover: %d", r.Status)
	}
	visa, _ := e.DB.CaseType(ctx, "by-cg-chongqing", "plain", 0)
	reason := visa.Refusals[0]
	if r := consul.post(path+"/refuse", url.Values{"reasons": {reason.ID}}); r.Status != http.StatusBadRequest || !strings.Contains(r.Body, `href="#confirm"`) {
		t.Errorf("a refusal not confirmed: %d", r.Status)
	}
	if r := consul.post(path+"/refuse", url.Values{"reasons": {reason.ID}, "confirm": {"yes"}}); r.Status != http.StatusSeeOther ||
		!strings.HasSuffix(r.Header.Get("Location"), "done=propose") {
		t.Fatalf("refusal proposed: %d %s", r.Status, r.Header.Get("Location"))
	}
	if r := consul.post(path+"/refuse", url.Values{"confirm": {"yes"}}); r.Status != http.StatusConflict || !strings.Contains(r.Body, "a different consul must confirm it") {
		t.Errorf("confirmed by the consul who proposed it: %d", r.Status)
	}
	if _, err := e.DB.CreateUser(ctx, store.Actor{Name: "test"}, "consul2", storetest.Password, "consul"); err != nil {
		t.Fatal(err)
	}
	second := e.client()
	second.login("consul2")
	if r := second.post(path+"/takeover", nil); r.Status != http.StatusSeeOther {
		t.Fatalf("second consul takes over: %d", r.Status)
	}
	if r := second.get(path); !strings.Contains(r.Body, "Confirm the proposed refusal") {
		t.Errorf("the second consul's page lacks the confirmation")
	}
	if r := second.post(path+"/refuse", url.Values{"confirm": {"yes"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("second consul confirms: %d %.2000s", r.Status, r.Body)
	}
	app = applicantAPI(t, e).getApp(ref, auth)
	if app.Status != "decided" || app.Decision == nil || app.Decision.Result != "refused" || len(app.Decision.Reasons) != 1 ||
		app.Decision.Reasons[0].ID != reason.ID || app.Decision.Appeal["en"] == "" || app.Due != "" || app.Request != nil {
		t.Errorf("the applicant's view of the refusal: %+v", app)
	}
	if page := e.client().get("/applications/" + ref + "?token=" + url.QueryEscape(token)); !strings.Contains(page.Body, reason.Text["en"]) {
		t.Errorf("the applicant's page lacks the reason")
	}
	// The refusal's letter was signed in the decision's transaction.
	if d, err := e.DB.DocumentOf(ctx, ref); err != nil || d.Result != "refused" || len(d.Reasons) != 1 || d.Reasons[0] != reason.ID {
		t.Errorf("the refusal's letter: %+v %v", d, err)
	}

	// The applicant was mailed at the statuses that inform (waiting,
	// decided), not at the others (in review, ready), in their language.
	msgs, err := e.DB.Outbox(ctx, store.OutboxQuery{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	var subjects []string
	for _, m := range msgs {
		if m.To == "li.wei@example.com" {
			subjects = append(subjects, m.Subject)
			if strings.Contains(m.Subject, "Waiting for you") && (!strings.Contains(m.Body, "A clearer scan of the invitation.") || !strings.Contains(m.Body, "Please answer by")) {
				t.Errorf("the request's mail lacks what was asked or by when:\n%s", m.Body)
			}
		}
	}
	if len(subjects) != 2 || !strings.Contains(strings.Join(subjects, "|"), "Waiting for you") || !strings.Contains(strings.Join(subjects, "|"), "Decided") {
		t.Errorf("the applicant's mails: %q", subjects)
	}

	// Staff of another mission do not find the case or the queues.
	admin := e.client()
	admin.login("admin")
	if r := admin.post("/staff/users/officer2/missions", url.Values{"missions": {"no-such-mission"}}); r.Status != http.StatusBadRequest {
		t.Errorf("an unknown mission: %d", r.Status)
	}
	if r := admin.post("/staff/users/officer2/missions", url.Values{}); r.Status != http.StatusSeeOther {
		t.Fatalf("officer2 serves no mission: %d %.500s", r.Status, r.Body)
	}
	if r := other.get("/staff"); strings.Contains(r.Body, "/staff/missions/by-cg-chongqing/cases") {
		t.Errorf("the desk links another mission's cases")
	}
	if r := officer.get("/staff"); !strings.Contains(r.Body, "/staff/missions/by-cg-chongqing/cases") {
		t.Errorf("the desk does not link the officer's mission's cases")
	}
	if r := other.get(path); r.Status != http.StatusNotFound {
		t.Errorf("another mission's case: %d", r.Status)
	}
	if r := other.get("/staff/missions/by-cg-chongqing/cases"); r.Status != http.StatusNotFound {
		t.Errorf("another mission's queues: %d", r.Status)
	}
}

// caseAPIView is what TestCaseDesk reads of GET /api/v1/applications/{reference}.
type caseAPIView struct {
	Status  string
	Due     string
	Request *struct{ Message, By string }
	History []struct {
		By         string
		StatusName map[string]string `json:"status_name"`
	}
	Decision *struct {
		Result  string
		Reasons []struct{ ID string }
		Appeal  map[string]string
	}
}

type apiReader struct {
	t *testing.T
	c *client
}

func applicantAPI(t *testing.T, e *testEnv) apiReader { return apiReader{t: t, c: e.client()} }

func (a apiReader) getApp(ref string, auth map[string]string) caseAPIView {
	a.t.Helper()
	r := a.c.do("GET", "/api/v1/applications/"+ref, nil, auth)
	var v caseAPIView
	if r.Status != 200 || json.Unmarshal([]byte(r.Body), &v) != nil {
		a.t.Fatalf("GET the application: %d %s", r.Status, r.Body)
	}
	return v
}

// TestCaseDeskFiles: the case page lists each checklist item's files with
// their virus check, and links them for download.
func TestCaseDeskFiles(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	visa, err := e.DB.CaseType(ctx, "by-cg-chongqing", "visa", 1)
	if err != nil {
		t.Fatal(err)
	}
	withFile := visa
	withFile.ID, withFile.Version, withFile.Questions, withFile.ProcessingDays = "one-file", 0, nil, 5
	withFile.Documents = []casework.DocumentRule{{ID: "identity", Name: visa.Documents[0].Name, Types: []string{casework.TypePNG}}}
	if _, err := e.DB.SaveCaseType(ctx, store.Actor{Name: "test"}, withFile); err != nil {
		t.Fatal(err)
	}
	token, tokenHash := booking.NewToken()
	code, codeHash := booking.NewToken()
	a, err := e.DB.CreateApplication(ctx, store.NewApplication{Mission: "by-cg-chongqing", CaseType: "one-file", Email: "li.wei@example.com",
		Lang: "en", TokenHash: tokenHash, VerifyHash: codeHash}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.DB.ConfirmApplication(ctx, a.Reference, code); err != nil {
		t.Fatal(err)
	}
	if _, err := e.DB.AddDocument(ctx, a.Reference, token, store.NewDocument{Item: "identity", Name: "passport.png", Type: casework.TypePNG,
		Width: 10, Height: 10, Content: []byte("the passport page"), Scan: casework.ScanNotScanned, CaseBytes: 1 << 20}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.DB.SubmitApplication(ctx, a.Reference, token, nil); err != nil {
		t.Fatal(err)
	}
	officer := e.client()
	officer.login("officer")
	page := officer.get("/staff/applications/" + a.Reference)
	if page.Status != 200 || !strings.Contains(page.Body, "passport.png") || !strings.Contains(page.Body, "/staff/applications/"+a.Reference+"/files/") {
		t.Errorf("the case page lacks the file or its link: %d", page.Status)
	}
	link := regexp.MustCompile(`/staff/applications/[^/"]+/files/[0-9]+`).FindString(page.Body)
	if r := officer.get(link); r.Status != 200 || r.Body != "the passport page" {
		t.Errorf("the officer's download: %d", r.Status)
	}
	if _, err := e.DB.CreateUser(ctx, store.Actor{Name: "test"}, "officer2", storetest.Password, "officer"); err != nil {
		t.Fatal(err)
	}
	if err := e.DB.SetUserMissions(ctx, store.Actor{Name: "test"}, "officer2", nil); err != nil {
		t.Fatal(err)
	}
	other := e.client()
	other.login("officer2")
	if r := other.get(link); r.Status != http.StatusNotFound {
		t.Errorf("another mission's officer downloads the file: %d", r.Status)
	}

	// The officer checking the case judges the file: a rejection needs its
	// reason, the applicant sees it, and the case is complete only once
	// every file that counts is accepted.
	path := "/staff/applications/" + a.Reference
	review := link + "/review"
	if r := officer.post(review, url.Values{"status": {"accepted"}}); r.Status != http.StatusConflict {
		t.Errorf("a review before taking the case: %d", r.Status)
	}
	for _, step := range []string{"/take", "/check"} {
		if r := officer.post(path+step, nil); r.Status != http.StatusSeeOther {
			t.Fatalf("%s: %d", step, r.Status)
		}
	}
	if r := officer.get(path); !strings.Contains(r.Body, `action="`+review+`"`) {
		t.Errorf("the case page offers no review of the file")
	}
	if r := officer.post(review, url.Values{"status": {"rejected"}, "reason": {" "}}); r.Status != http.StatusBadRequest {
		t.Errorf("a rejection without a reason: %d", r.Status)
	}
	if r := officer.post(review, url.Values{"status": {"rejected"}, "reason": {"The scan is unreadable"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("reject: %d %.500s", r.Status, r.Body)
	}
	if page := e.client().get("/applications/" + a.Reference + "?token=" + url.QueryEscape(token)); !strings.Contains(page.Body, "The scan is unreadable") {
		t.Errorf("the applicant does not see why the file was rejected")
	}
	if r := officer.post(path+"/complete", nil); r.Status != http.StatusConflict || !strings.Contains(r.Body, "not accepted yet") {
		t.Errorf("complete with a rejected file: %d", r.Status)
	}
	if r := officer.post(review, url.Values{"status": {"accepted"}}); r.Status != http.StatusSeeOther {
		t.Fatalf("accept: %d", r.Status)
	}
	if r := officer.post(path+"/complete", nil); r.Status != http.StatusSeeOther {
		t.Errorf("complete once the file is accepted: %d %.500s", r.Status, r.Body)
	}
	if log, _ := e.DB.AuditLog(ctx, store.AuditFilter{Action: "casefile.review", EntityID: a.Reference}); len(log) != 2 || log[0].Actor != "officer" {
		t.Errorf("the reviews are not audited: %+v", log)
	}
}

// TestCaseIssueSignsDocument: a consul's decision to issue signs the
// case's document in the same transaction, naming the holder by surname
// and initials; its verify page says the seal is valid, and the applicant
// downloads its PDF from the private link.
func TestCaseIssueSignsDocument(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	ref, token := submittedCase(t, e.DB)
	path := "/staff/applications/" + ref
	officer := e.client()
	officer.login("officer")
	for _, step := range []string{"/take", "/check", "/complete"} {
		if r := officer.post(path+step, nil); r.Status != http.StatusSeeOther {
			t.Fatalf("%s: %d %.300s", step, r.Status, r.Body)
		}
	}
	consul := e.client()
	consul.login("consul")
	for _, step := range []string{"/takeover", "/issue"} {
		if r := consul.post(path+step, nil); r.Status != http.StatusSeeOther {
			t.Fatalf("%s: %d %.300s", step, r.Status, r.Body)
		}
	}
	d, err := e.DB.DocumentOf(ctx, ref)
	if err != nil || d.Result != "issued" || d.Reference != ref {
		t.Fatalf("the issued document: %+v %v", d, err)
	}
	// The case page leads the consul to the document's record (where it is
	// revoked) and its PDF.
	if r := consul.get(path); r.Status != 200 || !strings.Contains(r.Body, `href="/staff/documents/`+d.Code+`"`) ||
		!strings.Contains(r.Body, `href="`+path+`/document.pdf"`) {
		t.Errorf("the case page does not link the document %s: %d %.300s", d.Code, r.Status, r.Body)
	}
	if r := e.client().get("/verify/" + d.Code); r.Status != 200 || !strings.Contains(r.Body, "The seal is valid") {
		t.Errorf("the verify page: %d %.500s", r.Status, r.Body)
	}
	if r := e.client().get("/applications/" + ref + "/document.pdf?token=" + url.QueryEscape(token)); r.Status != 200 ||
		r.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(r.Body, "%PDF") {
		t.Errorf("the applicant's PDF: %d %s", r.Status, r.Header.Get("Content-Type"))
	}
}

// TestCasePassportAtCounter: a document reader's zone typed at the
// counter is compared with the applicant's identity answers, names
// through the passport transliterations; each difference is listed for
// the officer, a malformed zone is a fault at the field, nothing changes.
func TestCasePassportAtCounter(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	visa, err := e.DB.CaseType(ctx, "by-cg-chongqing", "visa", 0)
	if err != nil {
		t.Fatal(err)
	}
	ident := visa
	ident.ID, ident.Version, ident.Documents, ident.Questions = "ident", 0, nil, nil
	for _, q := range visa.Questions {
		if q.Role != "" {
			ident.Questions = append(ident.Questions, q)
		}
	}
	if _, err := e.DB.SaveCaseType(ctx, store.Actor{Name: "test"}, ident); err != nil {
		t.Fatal(err)
	}
	token, tokenHash := booking.NewToken()
	code, codeHash := booking.NewToken()
	a, err := e.DB.CreateApplication(ctx, store.NewApplication{Mission: "by-cg-chongqing", CaseType: "ident", Email: "anna@example.com",
		Lang: "en", TokenHash: tokenHash, VerifyHash: codeHash}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.DB.SaveAnswers(ctx, a.Reference, token, casework.Answers{"surname": "Eriksen", "given_names": "Anna Maria",
		"date_of_birth": "1974-08-12", "sex": "f", "nationality": "UTO", "passport_number": "L898902C3", "passport_expiry": "2030-04-15"}); err != nil {
		t.Fatal(err)
	}
	if err := e.DB.ConfirmApplication(ctx, a.Reference, code); err != nil {
		t.Fatal(err)
	}
	if _, err := e.DB.SubmitApplication(ctx, a.Reference, token, nil); err != nil {
		t.Fatal(err)
	}
	officer := e.client()
	officer.login("officer")
	path := "/staff/applications/" + a.Reference + "/counter"
	zone := "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
	r := officer.post(path, url.Values{"mrz": {zone}})
	if r.Status != http.StatusOK {
		t.Fatalf("counter: %d %.500s", r.Status, r.Body)
	}
	for _, want := range []string{"The passport differs from the applicant", "Surname: the application says “Eriksen”, the passport “ERIKSSON”",
		"Valid until: the application says “2030-04-15”, the passport “2012-04-15”"} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("the comparison lacks %q\n%.6000s", want, r.Body)
		}
	}
	if strings.Contains(r.Body, "Given names: the application") {
		t.Errorf("given names that agree are listed")
	}
	if r := officer.post(path, url.Values{"mrz": {"P<UTOERIKSSON"}}); r.Status != http.StatusBadRequest || !strings.Contains(r.Body, `href="#counter-mrz"`) {
		t.Errorf("a malformed zone: %d", r.Status)
	}
	if got, _, err := e.DB.ApplicationByToken(ctx, a.Reference, token); err != nil || got.Stage != casework.Submitted || got.MRZ != "" {
		t.Errorf("the counter changed the case: %+v %v", got.Stage, err)
	}
}
