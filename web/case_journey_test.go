package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/uploads/uploadstest"
)

// TestCaseJourneys is issue 14's "done when": a visa application and a
// certificate of return go from draft to issued document, the applicant
// through the API (start, confirm the address from the mail, answer,
// upload every document the answers require, submit, book once complete,
// read the decision, download the document) and staff through the desk's
// pages (an officer takes the case, checks it, accepts each file, finds it
// complete; a consul takes it over and issues it); the document's seal
// verifies. Run on SQLite and on PostgreSQL.
func TestCaseJourneys(t *testing.T) {
	t.Parallel()
	identity := `"surname":"Eriksson","given_names":"Anna Maria","date_of_birth":"1974-08-12","sex":"f"`
	for _, c := range []struct {
		caseType, answers, book string
		files                   map[string][]byte
	}{
		{"visa", `{` + identity + `,"nationality":"UTO","passport_number":"L898902C3","passport_expiry":"2031-04-15",` +
			`"visa_type":"c","entries":"single","purpose":"business","arrival":"2027-03-15","departure":"2027-03-20","host":"Chongqing Trade Ltd","refused_before":"no"}`,
			"cq-visa", map[string][]byte{"identity": uploadstest.PDF(1, ""), "photo": uploadstest.PNG(360, 480),
				"invitation": uploadstest.PDF(1, ""), "insurance": uploadstest.PDF(1, "")}},
		{"return-certificate", `{` + identity + `,"reason":"lost","police_report":"yes","travel_date":"2027-02-01"}`,
			"cq-return-certificate", map[string][]byte{"identity": uploadstest.PDF(1, ""), "photo": uploadstest.PNG(360, 480),
				"police_report": uploadstest.PDF(1, "")}},
	} {
		t.Run(c.caseType, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			api := e.client()
			email := c.caseType + ".applicant@example.com"
			res := api.postJSON("/api/v1/applications", `{"mission":"by-cg-chongqing","case_type":"`+c.caseType+`","email":"`+email+`","language":"en"}`, nil)
			var app struct{ Reference, Token string }
			if res.Status != http.StatusCreated || json.Unmarshal([]byte(res.Body), &app) != nil {
				t.Fatalf("start: %d %s", res.Status, res.Body)
			}
			ref, auth := app.Reference, map[string]string{"Authorization": "Bearer " + app.Token}
			msgs, err := e.DB.Outbox(t.Context(), store.OutboxQuery{Limit: 10})
			if err != nil || len(msgs) == 0 {
				t.Fatalf("no first mail: %v", err)
			}
			code := regexp.MustCompile(`/confirm\?token=[^&\s]+&code=([A-Za-z0-9_%-]+)`).FindStringSubmatch(msgs[0].Body)
			if code == nil {
				t.Fatalf("no code in the first mail:\n%s", msgs[0].Body)
			}
			codeValue, _ := url.QueryUnescape(code[1])
			if r := api.postJSON("/api/v1/applications/"+ref+"/confirm", `{"code":"`+codeValue+`"}`, nil); r.Status != http.StatusNoContent {
				t.Fatalf("confirm: %d %s", r.Status, r.Body)
			}
			if r := api.putJSON("/api/v1/applications/"+ref+"/answers", `{"answers":`+c.answers+`}`, auth); r.Status != http.StatusOK {
				t.Fatalf("answers: %d %s", r.Status, r.Body)
			}
			for item, content := range c.files {
				body, ctype := multipartBody(t, [][2]string{{"item", item}}, item+".bin", content)
				if r := api.do("POST", "/api/v1/applications/"+ref+"/documents", body, map[string]string{"Authorization": auth["Authorization"], "Content-Type": ctype}); r.Status != http.StatusCreated {
					t.Fatalf("upload %s: %d %s", item, r.Status, r.Body)
				}
			}
			if r := api.postJSON("/api/v1/applications/"+ref+"/submit", `{"declaration":true}`, auth); r.Status != http.StatusOK {
				t.Fatalf("submit: %d %s", r.Status, r.Body)
			}

			officer := e.client()
			officer.login("officer")
			path := "/staff/applications/" + ref
			for _, step := range []string{"/take", "/check"} {
				if r := officer.post(path+step, nil); r.Status != http.StatusSeeOther {
					t.Fatalf("%s: %d %.300s", step, r.Status, r.Body)
				}
			}
			page := officer.get(path)
			reviews := regexp.MustCompile(`action="(/staff/applications/[^"]+/files/[0-9]+/review)"`).FindAllStringSubmatch(page.Body, -1)
			if len(reviews) != len(c.files) {
				t.Fatalf("%d files to review on the case page, want %d", len(reviews), len(c.files))
			}
			for _, m := range reviews {
				if r := officer.post(m[1], url.Values{"status": {"accepted"}}); r.Status != http.StatusSeeOther {
					t.Fatalf("accept %s: %d", m[1], r.Status)
				}
			}
			if r := officer.post(path+"/complete", nil); r.Status != http.StatusSeeOther {
				t.Fatalf("complete: %d %.500s", r.Status, r.Body)
			}
			var view struct {
				Status   string
				Book     *struct{ Service, Page string } `json:"book_appointment"`
				Decision *struct{ Result string }
			}
			if r := api.do("GET", "/api/v1/applications/"+ref, nil, auth); json.Unmarshal([]byte(r.Body), &view) != nil ||
				view.Status != "ready" || view.Book == nil || view.Book.Service != c.book {
				t.Errorf("once complete, the applicant is not asked to book %s: %s", c.book, r.Body)
			}
			if r := api.get("/applications/" + ref + "?token=" + url.QueryEscape(app.Token)); !strings.Contains(r.Body, `/book/`+c.book+`"`) {
				t.Errorf("the applicant's page offers no booking of %s", c.book)
			}

			consul := e.client()
			consul.login("consul")
			for _, step := range []string{"/takeover", "/issue"} {
				if r := consul.post(path+step, nil); r.Status != http.StatusSeeOther {
					t.Fatalf("%s: %d %.300s", step, r.Status, r.Body)
				}
			}
			view.Book = nil
			if r := api.do("GET", "/api/v1/applications/"+ref, nil, auth); json.Unmarshal([]byte(r.Body), &view) != nil ||
				view.Status != "decided" || view.Decision == nil || view.Decision.Result != "issued" || view.Book != nil {
				t.Fatalf("the decision as the applicant reads it: %s", r.Body)
			}
			if r := api.get("/applications/" + ref + "/document.pdf?token=" + url.QueryEscape(app.Token)); r.Status != 200 || !strings.HasPrefix(r.Body, "%PDF") {
				t.Errorf("the document: %d", r.Status)
			}
			d, err := e.DB.DocumentOf(t.Context(), ref)
			if err != nil || d.Holder != "Eriksson A. M." {
				t.Fatalf("the signed record: %+v %v", d, err)
			}
			if r := api.get("/verify/" + d.Code); r.Status != 200 || !strings.Contains(r.Body, "The seal is valid") || strings.Contains(r.Body, email) {
				t.Errorf("the verify page: %d", r.Status)
			}
		})
	}
}
