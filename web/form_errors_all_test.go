package web_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// summaryMessages are the messages of a page's error summary, in order,
// each with the field it links to ("" for the form's own).
func summaryMessages(t *testing.T, body string) [][2]string {
	t.Helper()
	i := strings.Index(body, `class="alert error-summary"`)
	if i < 0 {
		t.Fatalf("no error summary:\n%.1500s", body)
	}
	box := body[i : i+strings.Index(body[i:], "</div>")]
	var out [][2]string
	for _, m := range regexp.MustCompile(`<li>(?:<a href="#([\w-]+)">([^<]*)</a>|([^<]*))</li>`).FindAllStringSubmatch(box, -1) {
		out = append(out, [2]string{m[1], html.UnescapeString(m[2] + m[3])})
	}
	return out
}

// TestEveryFormReportsEveryError: sign-in, the visa check and the staff
// forms check every field at once and answer with the error summary: each
// problem a link to its field in the summary, its message above the field,
// the field marked invalid, "Error: " before the title, the summary focused,
// and what was typed kept. A problem of the form as a whole (a wrong
// password) is in the summary without a link, and marks no field.
func TestEveryFormReportsEveryError(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	signInToken := func(c *client) string { return csrfField.FindStringSubmatch(c.get("/staff/login").Body)[1] }
	service := catalogueForm()
	service.Set("capacity", "lots")
	service.Set("duration_minutes", "2")
	service.Set("window_days", "0")
	service.Set("daily_quota", "-1")
	service.Set("fee_source", "")
	service.Set("description_en", "Kept as typed")
	event := eventSettingsForm("0")
	event.Set("start", "soon")
	event.Set("venue_en", "")
	event.Set("description_zh", strings.Repeat("长", 2001))
	event.Set("arrival_en", "Metro line 6, kept as typed")
	record := newPlace("")
	record.Set("name.en", "")
	record.Set("about.en", "Kept as typed")
	record.Set("citations[].source", "nowhere")
	record.Set("citations[].quote", "")
	cases := []struct {
		name   string
		role   string // who is signed in, "" for nobody
		send   func(c *client) response
		status int
		links  []string // the fields the summary links to, in the form's order
		whole  []string // messages of the form as a whole, in the summary without a link
		kept   []string // what was typed, shown again
	}{
		{"sign-in with both answers empty", "", func(c *client) response {
			return c.post("/staff/login", url.Values{"csrf": {signInToken(c)}, "username": {" "}, "password": {""}})
		}, http.StatusBadRequest, []string{"username", "password"}, nil, nil},
		{"sign-in without a password", "", func(c *client) response {
			return c.post("/staff/login", url.Values{"csrf": {signInToken(c)}, "username": {"consul"}, "password": {""}})
		}, http.StatusBadRequest, []string{"password"}, nil, []string{`value="consul"`}},
		{"sign-in with a wrong password", "", func(c *client) response {
			return c.post("/staff/login", url.Values{"csrf": {signInToken(c)}, "username": {"consul"}, "password": {"not the password"}})
		}, http.StatusUnauthorized, nil, []string{"The username or password is wrong."}, []string{`value="consul"`}},
		{"visa check", "", func(c *client) response {
			return c.get("/entry-check?destination=BY&nationality=&passport=ordinary&purpose=fun&stay_days=a+while&days_used_this_year=400&on=2026-02-30&subdivision=CN-XX")
		}, http.StatusBadRequest, []string{"nationality", "purpose", "stay_days", "days_used_this_year", "subdivision", "on"}, nil,
			[]string{`value="a while"`, `value="400"`, `value="2026-02-30"`}},
		{"jurisdiction finder", "", func(c *client) response {
			return c.get("/jurisdiction?place=Atlantis&sending=BY")
		}, http.StatusNotFound, []string{"place"}, nil, []string{`value="Atlantis"`}},
		{"mission edit", "consul", func(c *client) response {
			return c.post("/staff/missions/by-cg-chongqing", url.Values{"name_en": {""}, "city_en": {"Chongqing"},
				"address_zh": {"重庆市渝中区"}, "opened_on": {"2021-13"}, "time_zone": {"Mars/Olympus"},
				"email": {"consulate@"}, "website": {"javascript:alert(1)"}})
		}, http.StatusBadRequest, []string{"name_en", "opened_on", "time_zone", "email", "website"}, nil,
			[]string{`value="Mars/Olympus"`, `value="重庆市渝中区"`, `value="consulate@"`}},
		{"mission district, a membership", "consul", func(c *client) response {
			return c.post("/staff/missions/by-cg-chongqing/memberships", url.Values{"subdivision": {"CN-XX"}, "valid_from": {"someday"}})
		}, http.StatusBadRequest, []string{"new-subdivision", "new-from"}, nil, []string{`value="someday"`}},
		{"mission district, a claim", "consul", func(c *client) response {
			return c.post("/staff/missions/by-cg-chongqing/claims", url.Values{"source": {""}, "quote": {" "},
				"subdivisions": {"CN-CQ CN-XX"}, "note_zh": {"保留"}})
		}, http.StatusBadRequest, []string{"claim-source", "claim-quote", "claim-subs"}, nil, []string{`value="CN-CQ CN-XX"`, `value="保留"`}},
		{"service settings and catalogue", "consul", func(c *client) response {
			return c.post("/staff/services/cq-visa", service)
		}, http.StatusBadRequest, []string{"svc-capacity", "svc-duration", "svc-window", "svc-quota", "svc-fee-source"}, nil,
			[]string{`value="lots"`, `value="2"`, ">Kept as typed</textarea>"}},
		{"event settings", "consul", func(c *client) response {
			return c.post("/staff/events/"+forumID, event)
		}, http.StatusBadRequest, []string{"ev-start", "ev-venue-en", "ev-description-zh", "ev-capacity"}, nil,
			[]string{`value="soon"`, ">Metro line 6, kept as typed</textarea>"}},
		{"record edit", "consul", func(c *client) response {
			return c.post("/staff/record/entity", record)
		}, http.StatusBadRequest, []string{"f-id", "f-name-en", "f-citations-source-0", "f-citations-quote-0"}, nil,
			[]string{">Kept as typed</textarea>"}},
		{"own password", "officer", func(c *client) response {
			return c.post("/staff/password", url.Values{"current": {""}, "new": {"short"}, "confirm": {"shorter"}})
		}, http.StatusBadRequest, []string{"current", "new", "confirm"}, nil, nil},
		{"own password, the current one wrong", "officer", func(c *client) response {
			return c.post("/staff/password", url.Values{"current": {"not the password"}, "new": {"a long new password"}, "confirm": {"a long new password"}})
		}, http.StatusBadRequest, []string{"current"}, nil, nil},
		{"a new account", "admin", func(c *client) response {
			return c.post("/staff/users", url.Values{"username": {"Li Wei"}, "role": {"ambassador"}})
		}, http.StatusBadRequest, []string{"new-username", "new-role"}, nil, []string{`value="Li Wei"`}},
		{"closing a day", "consul", func(c *client) response {
			return c.post("/staff/missions/by-cg-chongqing/closures", url.Values{"day": {"2026-02-30"}, "reason": {" "}})
		}, http.StatusBadRequest, []string{"closure-day", "closure-reason"}, nil, []string{`value="2026-02-30"`}},
		{"a new source", "consul", func(c *client) response {
			return c.post("/staff/sources", url.Values{"id": {"Bad ID"}, "title": {"Kept as typed"}, "published": {"2021-13"},
				"url": {"javascript:alert(1)"}, "version_of": {"nowhere"}})
		}, http.StatusBadRequest, []string{"src-id", "src-published", "src-url", "src-version-of"}, nil, []string{`value="Kept as typed"`}},
		{"a lottery release", "consul", func(c *client) response {
			return c.post("/staff/services/cq-visa/releases", url.Values{"start": {"soon"}, "opens": {""}, "closes": {"2030-01-01 25:00"}})
		}, http.StatusBadRequest, []string{"rel-start", "rel-opens", "rel-closes"}, nil, []string{`value="soon"`}},
		{"a matchmaking profile", "consul", func(c *client) response {
			return c.post("/staff/match/profiles/great-stone", url.Values{"detail_en": {"Kept as typed"}, "detail_ru": {strings.Repeat("я", 2001)}})
		}, http.StatusBadRequest, []string{"offer-I", "detail-ru"}, nil, []string{">Kept as typed</textarea>"}},
		{"a matchmaking introduction", "consul", func(c *client) response {
			return c.post("/staff/match/introductions", url.Values{"a": {"great-stone"}, "b": {"great-stone"}, "date": {"someday"},
				"note": {strings.Repeat("n", 2001)}})
		}, http.StatusBadRequest, []string{"intro-b", "intro-date", "intro-note"}, nil, []string{`value="someday"`}},
		{"a record import without its source", "admin", func(c *client) response {
			return c.upload("customs.csv", "anything", url.Values{"kind": {"customs"}})
		}, http.StatusBadRequest, []string{"import-source"}, nil, []string{`value="customs" selected`}},
		{"a record import of a file it cannot read", "admin", func(c *client) response {
			return c.upload("twins.csv", "id,kind\n,,,", url.Values{"kind": {"partnership"}})
		}, http.StatusBadRequest, []string{"import-file"}, nil, []string{`value="partnership" selected`}},
	}
	// Messages some summaries hold, as the person reads them: a message
	// naming its field names it by its label.
	says := map[string][]string{
		"sign-in with both answers empty": {"Enter your username.", "Enter your password."},
		"mission edit":                    {"The field “Name” is required.", "The field “Time zone” is not valid."},
	}
	// One client a role: sign-ins from one address are rate-limited.
	signedIn := map[string]*client{}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := signedIn[tc.role]
			if c == nil {
				c = e.client()
				if tc.role != "" {
					c.login(tc.role)
					signedIn[tc.role] = c
				}
			}
			res := tc.send(c)
			if res.Status != tc.status {
				t.Fatalf("status %d, want %d\n%.3000s", res.Status, tc.status, res.Body)
			}
			if !strings.Contains(res.Body, "<title>Error: ") {
				t.Error(`the title does not begin "Error: "`)
			}
			got := summaryLinks(t, res.Body)
			if strings.Join(got, " ") != strings.Join(tc.links, " ") {
				t.Errorf("the summary links %q, want %q", got, tc.links)
			}
			msgs := summaryMessages(t, res.Body)
			var whole []string
			for _, m := range msgs {
				if m[0] == "" {
					whole = append(whole, m[1])
					continue
				}
				fieldShowsError(t, res.Body, m[0])
				// The message beside the field is the summary's.
				if !strings.Contains(res.Body, `<p id="`+m[0]+`-error" class="error">`+html.EscapeString(m[1])) {
					t.Errorf("%s: the message beside the field is not the summary's %q", m[0], m[1])
				}
			}
			if strings.Join(whole, "|") != strings.Join(tc.whole, "|") {
				t.Errorf("the form's own problems are %q, want %q", whole, tc.whole)
			}
			if marked := strings.Count(res.Body, `aria-invalid="true"`); marked != len(tc.links) {
				t.Errorf("%d fields marked invalid, want %d", marked, len(tc.links))
			}
			var said []string
			for _, m := range msgs {
				said = append(said, m[1])
			}
			for _, want := range says[tc.name] {
				if !slices.Contains(said, want) {
					t.Errorf("the summary does not say %q: %q", want, said)
				}
			}
			for _, k := range tc.kept {
				if !strings.Contains(res.Body, k) {
					t.Errorf("what was typed is lost: no %s", k)
				}
			}
		})
	}
}
