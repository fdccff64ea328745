package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chancery-platform/chancery/store/storetest"
)

// A passport's machine-readable zone for the applicant of the tests below
// (check digits 7, 2, 2 and composite 6): Дзмітрый Емяльянаў,
// born 1985-03-17, Belarusian passport MP1234567 valid until 2031-01-01.
const dzmitryZone = "P<BLRYEMELYANAU<<DZMITRY<<<<<<<<<<<<<<<<<<<<\nMP12345677BLR8503172M3101012<<<<<<<<<<<<<<06"

// TestApplicationIdempotencyKey: a retried start with the same
// Idempotency-Key and body gets the first answer back, marked as a replay,
// with no second application and no second mail; the key with another
// body is refused; a bad key is refused before anything happens.
func TestApplicationIdempotencyKey(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c, mailer, _ := mailingServer(t, e)
	body := `{"mission":"by-cg-chongqing","case_type":"visa","email":"li.wei@example.com","language":"zh"}`
	key := map[string]string{"Idempotency-Key": "6f1c1f0e-start-visa"}
	first := c.postJSON("/api/v1/applications", body, key)
	again := c.postJSON("/api/v1/applications", body, key)
	if first.Status != http.StatusCreated || again.Status != http.StatusCreated || again.Body != first.Body ||
		again.Header.Get("Idempotent-Replayed") != "true" || first.Header.Get("Idempotent-Replayed") != "" {
		t.Fatalf("first %d, again %d %q:\n%s\n%s", first.Status, again.Status, again.Header.Get("Idempotent-Replayed"), first.Body, again.Body)
	}
	var app struct{ Reference, Token string }
	if json.Unmarshal([]byte(first.Body), &app) != nil || app.Token == "" {
		t.Fatalf("%s", first.Body)
	}
	if r := c.do("GET", "/api/v1/applications/"+app.Reference, nil, map[string]string{"Authorization": "Bearer " + app.Token}); r.Status != 200 {
		t.Errorf("the replayed token does not open the application: %d", r.Status)
	}
	if n, err := mailer.SendDue(t.Context()); err != nil || n != 1 {
		t.Errorf("a retried start sent %d mails: %v", n, err)
	}
	other := c.postJSON("/api/v1/applications", strings.Replace(body, "li.wei", "wang.fang", 1), key)
	if other.Status != http.StatusConflict {
		t.Errorf("the key with another body: %d %s", other.Status, other.Body)
	}
	if r := c.postJSON("/api/v1/applications", body, map[string]string{"Idempotency-Key": "a key with spaces"}); r.Status != http.StatusBadRequest {
		t.Errorf("a bad key: %d", r.Status)
	}
	if r := c.postJSON("/api/v1/applications", body, nil); r.Status != http.StatusCreated || strings.Contains(r.Body, app.Reference) {
		t.Errorf("without a key, a new application: %d", r.Status)
	}
	if stored := storetest.Dump(t, e.DB, e.DSN, "idempotency_keys"); strings.Contains(stored, app.Token) || strings.Contains(stored, "li.wei") {
		t.Errorf("the kept answer holds the token or the address in clear:\n%s", stored)
	}

	// Retries at once: one application, one answer for all.
	concurrent := strings.Replace(body, "li.wei", "zhang.san", 1)
	answers := make([]response, 6)
	var wg sync.WaitGroup
	for i := range answers {
		wg.Go(func() {
			answers[i] = c.postJSON("/api/v1/applications", concurrent, map[string]string{"Idempotency-Key": "6f1c1f0e-at-once"})
		})
	}
	wg.Wait()
	for _, r := range answers {
		if r.Status != http.StatusCreated || r.Body != answers[0].Body {
			t.Errorf("a retry at once: %d %s", r.Status, r.Body)
		}
	}
	if apps := storetest.Dump(t, e.DB, e.DSN, "applications"); strings.Count(apps, "zhang.san@example.com") != 1 {
		t.Errorf("retries at once started %d applications", strings.Count(apps, "zhang.san@example.com"))
	}
}

// TestApplicationMRZ: the applicant types the passport's zone; a
// malformed one is refused naming the line and position (API 400, page
// 400 with the field named); a good one is kept and compared with the
// identity answers, the differences listed as warnings on the page and in
// the API, and a name typed in Belarusian matches the passport's spelling.
func TestApplicationMRZ(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	started := c.postJSON("/api/v1/applications", `{"mission":"by-cg-chongqing","case_type":"return-certificate","email":"d.y@example.com","language":"en"}`, nil)
	var app struct{ Reference, Token string }
	if started.Status != http.StatusCreated || json.Unmarshal([]byte(started.Body), &app) != nil {
		t.Fatalf("start: %d %s", started.Status, started.Body)
	}
	auth := map[string]string{"Authorization": "Bearer " + app.Token}
	base := "/api/v1/applications/" + app.Reference
	r := c.putJSON(base+"/answers", `{"answers":{"surname":"Емяльянаў","given_names":"Дзмітрый","date_of_birth":"1985-03-18","sex":"m",`+
		`"passport_number":"MP 1234567","reason":"lost"}}`, auth)
	if r.Status != 200 || !strings.Contains(r.Body, `"identity_check": null`) {
		t.Fatalf("answers: %d %s", r.Status, r.Body)
	}

	r = c.putJSON(base+"/mrz", `{"mrz":"P<BLRYEMELYANAU<<DZMITRY\nMP12345675BLR"}`, auth)
	var bad struct {
		Error struct {
			Message        string
			Line, Position int
		}
	}
	if r.Status != http.StatusBadRequest || json.Unmarshal([]byte(r.Body), &bad) != nil || bad.Error.Line != 1 || bad.Error.Position != 25 ||
		!strings.Contains(bad.Error.Message, "Line 1, position 25") {
		t.Errorf("a zone cut short: %d %s", r.Status, r.Body)
	}

	r = c.putJSON(base+"/mrz", `{"mrz":`+strconvQuote(dzmitryZone)+`}`, auth)
	var got struct {
		Identity *struct {
			MRZ      string `json:"mrz"`
			Document struct {
				Surname string
				Valid   bool
			}
			Mismatches []struct{ Field, Question, Typed, MRZ string }
		} `json:"identity_check"`
	}
	if r.Status != 200 || json.Unmarshal([]byte(r.Body), &got) != nil || got.Identity == nil || !got.Identity.Document.Valid ||
		got.Identity.Document.Surname != "YEMELYANAU" {
		t.Fatalf("a good zone: %d %s", r.Status, r.Body)
	}
	if m := got.Identity.Mismatches; len(m) != 1 || m[0].Field != "birth_date" || m[0].Question != "date_of_birth" ||
		m[0].Typed != "1985-03-18" || m[0].MRZ != "1985-03-17" {
		t.Errorf("the differences: %+v", m)
	}

	page := c.get("/applications/" + app.Reference + "?token=" + url.QueryEscape(app.Token))
	for _, want := range []string{`<div class="notice" role="note" id="identity-check">`, `<a href="#q-date_of_birth">Date of birth</a>`, "1985-03-18", "You can still send the application",
		`id="mrz" name="mrz"`, "YEMELYANAU&lt;&lt;DZMITRY"} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	// The page saves the answers and the zone at once; a malformed zone
	// and a bad date are both named, and nothing is saved.
	form := url.Values{"csrf": {pageCSRF(t, page)}, "q-surname": {"Емяльянаў"}, "q-given_names": {"Дзмітрый"}, "q-date_of_birth": {"17.03.1985"},
		"q-sex": {"m"}, "q-reason": {"lost"}, "mrz": {"P<BLR?"}}
	res := c.post("/applications/"+app.Reference+"/answers?token="+url.QueryEscape(app.Token), form)
	if res.Status != http.StatusBadRequest || !strings.Contains(res.Body, `<a href="#mrz">`) || !strings.Contains(res.Body, `<a href="#q-date_of_birth">`) ||
		!strings.Contains(res.Body, "P&lt;BLR?") {
		t.Errorf("a bad zone and a bad date: %d\n%.3000s", res.Status, res.Body)
	}
	form.Set("q-date_of_birth", "1985-03-17")
	form.Set("mrz", strings.ToLower(dzmitryZone))
	res = c.post("/applications/"+app.Reference+"/answers?token="+url.QueryEscape(app.Token), form)
	if res.Status != http.StatusSeeOther {
		t.Fatalf("good answers and zone: %d\n%.2000s", res.Status, res.Body)
	}
	page = c.get(res.Header.Get("Location"))
	// Agreement is good news, not a warning.
	if !strings.Contains(page.Body, "Your answers agree with your passport") || strings.Contains(page.Body, "differ from") ||
		!strings.Contains(page.Body, `<div class="ok" role="note" id="identity-check">`) {
		t.Errorf("after fixing the date:\n%.3000s", page.Body)
	}
	// A difference never stops a submission: what stops this one is the
	// unconfirmed address.
	r = c.putJSON(base+"/answers", `{"answers":{"surname":"Kavaliou","given_names":"Dzmitry","date_of_birth":"1985-03-17","sex":"f","reason":"expired","travel_date":"2027-01-20"}}`, auth)
	if r.Status != 200 || !strings.Contains(r.Body, `"field": "surname"`) || !strings.Contains(r.Body, `"field": "sex"`) {
		t.Errorf("another surname and sex: %d %s", r.Status, r.Body)
	}
	page = c.get("/applications/" + app.Reference + "?token=" + url.QueryEscape(app.Token))
	if !strings.Contains(page.Body, "you wrote “Female”, the passport says “M”") || !strings.Contains(page.Body, "you wrote “Kavaliou”") {
		t.Errorf("the differences on the page:\n%.4000s", page.Body)
	}
	if r := c.postJSON(base+"/submit", `{}`, auth); r.Status != http.StatusConflict || !strings.Contains(r.Body, "Confirm your email") {
		t.Errorf("submit: %d %s", r.Status, r.Body)
	}
	if r := c.putJSON(base+"/mrz", `{"mrz":""}`, auth); r.Status != 200 || !strings.Contains(r.Body, `"identity_check": null`) {
		t.Errorf("the zone removed: %d %s", r.Status, r.Body)
	}
	if r := c.putJSON(base+"/mrz", `{"mrz":""}`, nil); r.Status != 404 {
		t.Errorf("without the token: %d", r.Status)
	}
}

// TestApplicationResend: "send me my link again" answers the same whether
// or not the reference and the address match; when they do, a new link
// goes to the address, the old one stops working, and an unconfirmed
// address gets a new confirmation link; the page says the same; asking
// too often is refused.
func TestApplicationResend(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c, mailer, smtpd := mailingServer(t, e)
	started := c.postJSON("/api/v1/applications", `{"mission":"by-cg-chongqing","case_type":"visa","email":"Li.Wei@Example.com","language":"ru"}`, nil)
	var app struct{ Reference, Token string }
	if started.Status != http.StatusCreated || json.Unmarshal([]byte(started.Body), &app) != nil {
		t.Fatalf("start: %d %s", started.Status, started.Body)
	}
	if n, _ := mailer.SendDue(t.Context()); n != 1 {
		t.Fatalf("the first mail: %d", n)
	}
	for _, body := range []string{`{"reference":"` + app.Reference + `","email":"someone@example.com"}`, `{"reference":"ZZZZ-ZZZZ","email":"li.wei@example.com"}`} {
		if r := c.postJSON("/api/v1/applications/resend", body, nil); r.Status != http.StatusAccepted || r.Body != "" {
			t.Errorf("%s: %d %s", body, r.Status, r.Body)
		}
	}
	if n, _ := mailer.SendDue(t.Context()); n != 0 {
		t.Errorf("a mismatch sent %d mails", n)
	}
	typed := strings.ToLower(strings.ReplaceAll(app.Reference, "-", " "))
	if r := c.postJSON("/api/v1/applications/resend", `{"reference":"`+typed+`","email":"li.wei@example.com"}`, nil); r.Status != http.StatusAccepted {
		t.Fatalf("resend: %d %s", r.Status, r.Body)
	}
	if n, _ := mailer.SendDue(t.Context()); n != 1 {
		t.Fatalf("resend sent %d mails", n)
	}
	mail := parseMail(t, smtpd.Messages()[1].Data)
	link := regexp.MustCompile(`https://consulate\.example/applications/` + app.Reference + `\?token=([^\s]+)`).FindStringSubmatch(mail.Text)
	if link == nil || !strings.Contains(mail.Text, "/confirm?token=") || !strings.Contains(mail.Text, "новая личная ссылка") {
		t.Fatalf("the mail:\n%s", mail.Text)
	}
	token, _ := url.QueryUnescape(link[1])
	if r := c.do("GET", "/api/v1/applications/"+app.Reference, nil, map[string]string{"Authorization": "Bearer " + app.Token}); r.Status != 404 {
		t.Errorf("the old link still works: %d", r.Status)
	}
	if r := c.do("GET", "/api/v1/applications/"+app.Reference, nil, map[string]string{"Authorization": "Bearer " + token}); r.Status != 200 {
		t.Errorf("the new link: %d", r.Status)
	}

	find := c.get("/applications/find")
	if find.Status != 200 || !strings.Contains(find.Body, "Send me my application link again") || !strings.Contains(find.Body, `action="/applications/find"`) {
		t.Fatalf("the page: %d", find.Status)
	}
	if res := c.post("/applications/find", url.Values{"csrf": {pageCSRF(t, find)}, "reference": {""}, "email": {"x"}}); res.Status != http.StatusBadRequest ||
		!strings.Contains(res.Body, `<a href="#reference">`) || !strings.Contains(res.Body, `<a href="#email">`) {
		t.Errorf("an empty form: %d", res.Status)
	}
	res := c.post("/applications/find", url.Values{"csrf": {pageCSRF(t, find)}, "reference": {app.Reference}, "email": {"nobody@example.com"}})
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/applications/find?sent=1" {
		t.Fatalf("the page's answer: %d %s", res.Status, res.Header.Get("Location"))
	}
	if sent := c.get("/applications/find?sent=1"); !strings.Contains(sent.Body, "If the reference and the address belong to an application") {
		t.Errorf("the page after sending:\n%.2000s", sent.Body)
	}
	if index := c.get("/missions/by-cg-chongqing/apply"); !strings.Contains(index.Body, `href="/applications/find"`) {
		t.Error("the list of case types does not link the page")
	}
	var statuses []int
	for range 4 {
		statuses = append(statuses, c.postJSON("/api/v1/applications/resend", `{"reference":"`+app.Reference+`","email":"x@example.com"}`, nil).Status)
	}
	if !slices.Contains(statuses, http.StatusTooManyRequests) {
		t.Errorf("asking again and again about one reference: %v", statuses)
	}
}

func strconvQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
