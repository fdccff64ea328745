package web_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/mail/mailtest"
	"github.com/chancery-platform/chancery/web"
)

// TestApplicationAPI walks an application through the API: started with
// an address (201, reference, token, draft); its first mail carries the
// private link and the code that confirms the address; answers are saved
// with every fault named at once; a submission from an unconfirmed
// address is refused, then one lacking answers and documents is refused
// with 422 naming every one; the applicant can withdraw. The token is
// taken as bookings take theirs; without it the application is not found.
func TestApplicationAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c, mailer, smtpd := mailingServer(t, e)

	res := c.postJSON("/api/v1/applications", `{"mission":"by-cg-chongqing","case_type":"visa","email":"li.wei@example.com","language":"zh"}`, nil)
	if res.Status != http.StatusCreated {
		t.Fatalf("start: %d %s", res.Status, res.Body)
	}
	var app struct {
		Reference, Token, Status string
		EmailConfirmed           bool `json:"email_confirmed"`
		Asked                    []string
		Checklist                []string
		Missing                  struct{ Questions, Documents []string }
		DraftKeptUntil           *string `json:"draft_kept_until"`
		History                  []struct{ Status, By string }
	}
	decode := func(r response) {
		t.Helper()
		if err := json.Unmarshal([]byte(r.Body), &app); err != nil {
			t.Fatalf("%d %s", r.Status, r.Body)
		}
	}
	decode(res)
	if app.Reference == "" || len(app.Token) < 20 || app.Status != "draft" || app.EmailConfirmed || app.DraftKeptUntil == nil ||
		len(app.History) != 1 || app.History[0].By != "applicant" || res.Header.Get("Location") != "/api/v1/applications/"+app.Reference {
		t.Fatalf("a new application: %s", res.Body)
	}
	ref, token := app.Reference, app.Token
	auth := map[string]string{"Authorization": "Bearer " + token}

	if n, err := mailer.SendDue(t.Context()); err != nil || n != 1 {
		t.Fatalf("sent %d: %v", n, err)
	}
	first := parseMail(t, smtpd.Messages()[0].Data)
	if !strings.Contains(first.Text, ref) || !strings.Contains(first.Text, "https://consulate.example/applications/"+ref+"?token="+url.QueryEscape(token)) {
		t.Errorf("the first mail lacks the reference or the private link:\n%s", first.Text)
	}
	code := regexp.MustCompile(`/confirm\?token=[^&\s]+&code=([A-Za-z0-9_%-]+)`).FindStringSubmatch(first.Text)
	if code == nil {
		t.Fatalf("no confirmation code in the mail:\n%s", first.Text)
	}

	for _, bad := range []map[string]string{nil, {"Authorization": "Bearer wrong"}} {
		if r := c.do("GET", "/api/v1/applications/"+ref, nil, bad); r.Status != 404 {
			t.Errorf("without its token: %d", r.Status)
		}
	}

	// Every fault at once.
	r := c.putJSON("/api/v1/applications/"+ref+"/answers", `{"answers":{"visa_type":"x","arrival":"15.03.2027","colour":"red"}}`, auth)
	var faults struct {
		Problems []struct{ Field, Message string }
	}
	if r.Status != http.StatusUnprocessableEntity || json.Unmarshal([]byte(r.Body), &faults) != nil || len(faults.Problems) != 3 {
		t.Fatalf("three bad answers: %d %s", r.Status, r.Body)
	}
	// Good answers: the C visa is asked its entries, the D visa is not.
	r = c.putJSON("/api/v1/applications/"+ref+"/answers", `{"answers":{"visa_type":"c","purpose":"business","arrival":"2027-03-15",`+identityJSON+`}}`, auth)
	decode(r)
	if r.Status != 200 || !slices.Contains(app.Asked, "entries") || !slices.Contains(app.Checklist, "invitation") ||
		!slices.Contains(app.Missing.Questions, "entries") {
		t.Errorf("after answers: %d %s", r.Status, r.Body)
	}

	if r := c.postJSON("/api/v1/applications/"+ref+"/submit", `{}`, auth); r.Status != http.StatusConflict || !strings.Contains(r.Body, "Confirm your email") {
		t.Errorf("submitted from an unconfirmed address: %d %s", r.Status, r.Body)
	}
	if r := c.postJSON("/api/v1/applications/"+ref+"/confirm", `{"code":"wrong"}`, nil); r.Status != 404 {
		t.Errorf("a wrong code: %d", r.Status)
	}
	codeValue, _ := url.QueryUnescape(code[1])
	if r := c.postJSON("/api/v1/applications/"+ref+"/confirm", `{"code":"`+codeValue+`"}`, nil); r.Status != http.StatusNoContent {
		t.Fatalf("confirm: %d %s", r.Status, r.Body)
	}
	r = c.postJSON("/api/v1/applications/"+ref+"/submit", `{"declaration":true}`, auth)
	var lacking struct {
		Missing struct{ Questions, Documents []string }
	}
	if r.Status != http.StatusUnprocessableEntity || json.Unmarshal([]byte(r.Body), &lacking) != nil ||
		!slices.Equal(lacking.Missing.Questions, []string{"entries", "departure", "host", "refused_before"}) ||
		!slices.Equal(lacking.Missing.Documents, []string{"identity", "photo", "invitation", "insurance"}) {
		t.Errorf("an incomplete submission: %d %s", r.Status, r.Body)
	}

	r = c.postJSON("/api/v1/applications/"+ref+"/withdraw", `{}`, auth)
	decode(r)
	if r.Status != 200 || app.Status != "withdrawn" || len(app.History) != 2 || app.DraftKeptUntil != nil {
		t.Errorf("withdraw: %d %s", r.Status, r.Body)
	}
	if r := c.putJSON("/api/v1/applications/"+ref+"/answers", `{"answers":{}}`, auth); r.Status != http.StatusConflict {
		t.Errorf("answers to a withdrawn application: %d", r.Status)
	}
	if r := c.postJSON("/api/v1/applications/"+ref+"/withdraw", `{}`, auth); r.Status != http.StatusConflict {
		t.Errorf("withdrawn twice: %d", r.Status)
	}
	if n, _ := mailer.SendDue(t.Context()); n != 1 {
		t.Errorf("withdrawing (a stage that informs) sent %d mails", n)
	}

	for _, bad := range []struct{ body, want string }{
		{`{"mission":"by-cg-chongqing","case_type":"passport","email":"a@example.com"}`, "404"},
		{`{"mission":"by-cg-chongqing","case_type":"visa","email":"not an address"}`, "400"},
		{`{"mission":"nowhere","case_type":"visa","email":"a@example.com"}`, "404"},
	} {
		if r := c.postJSON("/api/v1/applications", bad.body, nil); strconv.Itoa(r.Status) != bad.want {
			t.Errorf("%s: %d %s", bad.body, r.Status, r.Body)
		}
	}
}

// identityJSON are the answers of the visa application's identity
// questions, for ICAO's passport specimen (REFERENCE.md §5).
const identityJSON = `"surname":"Eriksson","given_names":"Anna Maria","date_of_birth":"1974-08-12","sex":"f","nationality":"UTO",` +
	`"passport_number":"L898902C3","passport_expiry":"2012-04-15"`

func (c *client) putJSON(path, body string, header map[string]string) response {
	h := map[string]string{"Content-Type": "application/json"}
	for k, v := range header {
		h[k] = v
	}
	return c.do("PUT", path, strings.NewReader(body), h)
}

// TestApplicationPages walks the applicant's pages without JavaScript:
// the list of case types, the start page (a bad address reported in the
// error summary), the mail's confirmation page (only its POST confirms),
// the application's page with its questions, every fault at once, the
// questions its answers add, a submission refused with everything that is
// missing named, and a withdrawal asked for first.
func TestApplicationPages(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c, mailer, smtpd := mailingServer(t, e)

	list := c.get("/missions/by-cg-chongqing/apply")
	for _, want := range []string{`href="/missions/by-cg-chongqing/apply/visa"`, `href="/missions/by-cg-chongqing/apply/return-certificate"`, "Visa application"} {
		if !strings.Contains(list.Body, want) {
			t.Errorf("the list of case types lacks %s", want)
		}
	}
	start := "/missions/by-cg-chongqing/apply/visa"
	page := c.get(start)
	form := url.Values{"csrf": {pageCSRF(t, page)}, "email": {"li.wei@"}, "msg_lang": {"en"}}
	res := c.post(start, form)
	if res.Status != http.StatusBadRequest || !strings.Contains(res.Body, "<title>Error: ") || !strings.Contains(res.Body, `<a href="#email">`) {
		t.Fatalf("a bad address: %d\n%.1500s", res.Status, res.Body)
	}
	form.Set("email", "li.wei@example.com")
	res = c.post(start, form)
	if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), start+"?sent=") {
		t.Fatalf("start: %d %s", res.Status, res.Header.Get("Location"))
	}
	if sent := c.get(res.Header.Get("Location")); !strings.Contains(sent.Body, "li.wei@example.com") || strings.Contains(sent.Body, `id="apply-form"`) {
		t.Errorf("the page after starting:\n%.1500s", sent.Body)
	}
	if n, err := mailer.SendDue(t.Context()); err != nil || n != 1 {
		t.Fatalf("sent %d: %v", n, err)
	}
	first := parseMail(t, smtpd.Messages()[0].Data)
	link := regexp.MustCompile(`https://consulate\.example(/applications/[A-Z0-9-]+/confirm\?token=[^\s]+)`).FindStringSubmatch(first.Text)
	if link == nil {
		t.Fatalf("no confirmation link:\n%s", first.Text)
	}
	confirm := c.get(link[1])
	if confirm.Status != 200 || !strings.Contains(confirm.Body, "Confirm my address") {
		t.Fatalf("the confirmation page: %d", confirm.Status)
	}
	res = c.post(link[1], url.Values{"csrf": {pageCSRF(t, confirm)}})
	if res.Status != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "confirmed=1") {
		t.Fatalf("confirm: %d %s", res.Status, res.Header.Get("Location"))
	}
	appURL := res.Header.Get("Location")
	u, _ := url.Parse(appURL)
	token := u.Query().Get("token")
	base := u.Path
	app := c.get(appURL)
	for _, want := range []string{"Your email address is confirmed.", `name="q-visa_type"`, `name="q-arrival"`, "Draft kept until", "China Standard Time"} {
		if !strings.Contains(app.Body, want) {
			t.Errorf("the application page lacks %q", want)
		}
	}
	if strings.Contains(app.Body, `name="q-entries"`) {
		t.Error("the entries are asked before the visa type is known")
	}
	answers := url.Values{"csrf": {pageCSRF(t, app)}, "q-visa_type": {"c"}, "q-arrival": {"15.03.2027"}, "q-departure": {"someday"}, "q-purpose": {"business"}}
	res = c.post(base+"/answers?token="+url.QueryEscape(token), answers)
	if res.Status != http.StatusBadRequest || !strings.Contains(res.Body, `<a href="#q-arrival">`) || !strings.Contains(res.Body, `<a href="#q-departure">`) ||
		!strings.Contains(res.Body, `value="15.03.2027"`) {
		t.Fatalf("two bad dates: %d\n%.2000s", res.Status, res.Body)
	}
	answers.Set("q-arrival", "2027-03-15")
	answers.Set("q-departure", "2027-04-30")
	res = c.post(base+"/answers?token="+url.QueryEscape(token), answers)
	if res.Status != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "saved=1") {
		t.Fatalf("good answers: %d", res.Status)
	}
	app = c.get(res.Header.Get("Location"))
	if !strings.Contains(app.Body, "Your answers are saved.") || !strings.Contains(app.Body, `name="q-entries"`) || !strings.Contains(app.Body, `value="2027-03-15"`) {
		t.Errorf("after saving:\n%.2500s", app.Body)
	}
	// Sending goes through "check your answers": every answer and file with
	// a link to change it, and the declaration.
	check := c.get(base + "/check?token=" + url.QueryEscape(token))
	if check.Status != 200 || !strings.Contains(check.Body, "Check your answers before sending") || !strings.Contains(check.Body, "2027-03-15") ||
		!strings.Contains(check.Body, `#q-arrival">Change`) || !strings.Contains(check.Body, `name="declaration"`) {
		t.Errorf("the check page: %d\n%.2500s", check.Status, check.Body)
	}
	res = c.post(base+"/submit?token="+url.QueryEscape(token), url.Values{"csrf": {pageCSRF(t, check)}})
	if res.Status != http.StatusBadRequest || !strings.Contains(res.Body, `<a href="#q-entries">`) || !strings.Contains(res.Body, `<a href="#doc-insurance">`) ||
		!strings.Contains(res.Body, `<a href="#declaration">`) || !strings.Contains(res.Body, `id="q-entries"`) {
		t.Errorf("an incomplete submission without the declaration:%d\n%.2500s", res.Status, res.Body)
	}
	ask := c.get(base + "/withdraw?token=" + url.QueryEscape(token))
	if ask.Status != 200 || !strings.Contains(ask.Body, `class="danger"`) {
		t.Fatalf("withdraw page: %d", ask.Status)
	}
	res = c.post(base+"/withdraw?token="+url.QueryEscape(token), url.Values{"csrf": {pageCSRF(t, ask)}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("withdraw: %d", res.Status)
	}
	if done := c.get(res.Header.Get("Location")); !strings.Contains(done.Body, "<strong>Withdrawn</strong>") || strings.Contains(done.Body, `id="answers-form"`) {
		t.Errorf("after withdrawing:\n%.2000s", done.Body)
	}
	if res := c.get(base + "?token=wrong"); res.Status != 404 {
		t.Errorf("another's token: %d", res.Status)
	}
}

// mailingServer is a server over e's database whose mail goes through a
// real SMTP server, with links to https://consulate.example, and a client
// of it.
func mailingServer(t *testing.T, e *testEnv) (*client, *web.Mailer, *mailtest.Server) {
	t.Helper()
	smtpd := mailtest.Start(t)
	srv, err := web.New(e.DB, web.Config{PublicURL: "https://consulate.example"})
	if err != nil {
		t.Fatal(err)
	}
	conf := smtpd.SMTP()
	mailer := srv.NewMailer(&conf, "Consulate General <cq@consulate.example>")
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return newClient(t, ts.URL), mailer, smtpd
}
