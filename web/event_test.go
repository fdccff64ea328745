package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/events"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
)

// forumID is a record event of the default dataset.
const forumID = "business-forum-2019"

// openForum opens registration for the forum at 14:00 in Chongqing eight
// days after the database's today,
// with capacity places and a waiting list when waitlist is set.
func openForum(t *testing.T, e *testEnv, capacity int, waitlist bool) events.Event {
	t.Helper()
	cst := time.FixedZone("CST", 8*3600)
	day := e.DB.Now().In(cst).AddDate(0, 0, 8) // at bookingNow, 1 December 2026
	start := time.Date(day.Year(), day.Month(), day.Day(), 14, 0, 0, 0, cst)
	ev := events.Event{ID: forumID, MissionID: "by-cg-chongqing", Start: start, End: start.Add(3 * time.Hour),
		Venue: mission.Text{"en": "Chongqing Expo Centre", "zh": "重庆国际博览中心"}, Capacity: capacity, Waitlist: waitlist,
		Opens: e.DB.Now().Add(-time.Hour), Closes: start.Add(-24 * time.Hour), Open: true}
	if _, err := e.DB.SaveEventRegistration(context.Background(), store.Actor{Name: "test"}, ev, nil); err != nil {
		t.Fatal(err)
	}
	return ev
}

// eventMessage is a message of the events locale file of lang, read from
// the file itself, so the tests say which words a reader sees without
// repeating them.
func eventMessage(t *testing.T, lang, key string) string {
	t.Helper()
	return localeMessage(t, "events", lang, key)
}

// localeMessage is a message of the locale file of one area of the
// product (locales/AREA.LANG.json) in lang, read from the file itself.
func localeMessage(t *testing.T, area, lang, key string) string {
	t.Helper()
	raw, err := os.ReadFile("ui/locales/" + area + "." + lang + ".json")
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	if m[key] == "" {
		t.Fatalf("no message %s in %s", key, lang)
	}
	return m[key]
}

// registrationAnswer is the API's answer about a registration.
type registrationAnswer struct {
	Reference, Status, Token string
	Position                 int
	ManageURL                string `json:"manage_url"`
	Error                    struct{ Code, Message string }
}

func decodeRegistration(t *testing.T, res response) registrationAnswer {
	t.Helper()
	var a registrationAnswer
	if err := json.Unmarshal([]byte(res.Body), &a); err != nil {
		t.Fatalf("not JSON (%d): %s", res.Status, res.Body)
	}
	return a
}

const registrationsPath = "/api/v1/events/" + forumID + "/registrations"

func TestEventRegistrationAPI(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	openForum(t, e, 2, true)
	c := e.client()
	person := func(email string) string { return `{"name":"Li Wei","email":"` + email + `","lang":"zh"}` }
	key := func(k string) map[string]string { return map[string]string{"Idempotency-Key": k} }
	scenarios := []struct {
		name       string
		method     string
		path, body string
		header     map[string]string
		status     int
		contains   []string
	}{
		{"the event's registration", "GET", "/api/v1/events/" + forumID + "/registration", "", nil, 200,
			[]string{`"capacity": 2`, `"state": "open"`, `"time_zone": "Asia/Shanghai"`, `"start": "2026-12-01T14:00:00+08:00"`}},
		{"an event without registration", "GET", "/api/v1/events/consulate-opening-2021/registration", "", nil, 404, []string{`"code": "not_found"`}},
		{"an unknown event", "POST", "/api/v1/events/no-such-event/registrations", person("a@example.com"), nil, 404, []string{`"not_found"`}},
		{"a bad email", "POST", registrationsPath, person("not-an-address"), nil, 400, []string{`"code": "invalid"`}},
		{"no name", "POST", registrationsPath, `{"email":"a@example.com"}`, nil, 400, []string{`"code": "invalid"`}},
		{"an unknown field", "POST", registrationsPath, `{"name":"A","email":"a@example.com","phone":"1"}`, nil, 400, []string{`"invalid"`}},
		{"not JSON", "POST", registrationsPath, "name=A", map[string]string{"Content-Type": "text/plain"}, 415, nil},
		{"a bad idempotency key", "POST", registrationsPath, person("a@example.com"), key("has space"), 400, []string{`"invalid"`}},
		{"a wrong token", "GET", "/api/v1/registrations/AAAA-AAAA?token=wrong", "", nil, 404, []string{`"not_found"`}},
		{"GET on the list of registrations", "GET", registrationsPath, "", nil, 405, nil},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			var res response
			if sc.method == "GET" {
				res = c.get(sc.path)
			} else if sc.header["Content-Type"] != "" {
				res = c.do("POST", sc.path, strings.NewReader(sc.body), sc.header)
			} else {
				res = c.postJSON(sc.path, sc.body, sc.header)
			}
			if res.Status != sc.status {
				t.Fatalf("status %d, want %d: %s", res.Status, sc.status, res.Body)
			}
			for _, want := range sc.contains {
				if !strings.Contains(res.Body, want) {
					t.Errorf("the answer lacks %s: %s", want, res.Body)
				}
			}
		})
	}

	first := c.postJSON(registrationsPath, person("first@example.com"), key("event-key-first-0001"))
	a := decodeRegistration(t, first)
	if first.Status != http.StatusCreated || a.Status != "registered" || a.Token == "" || !strings.HasPrefix(a.ManageURL, "/registrations/") {
		t.Fatalf("first registration: %d %s", first.Status, first.Body)
	}
	retry := c.postJSON(registrationsPath, person("first@example.com"), key("event-key-first-0001"))
	if retry.Status != http.StatusCreated || retry.Header.Get("Idempotent-Replayed") != "true" || decodeRegistration(t, retry).Reference != a.Reference {
		t.Errorf("a retried request: %d %s", retry.Status, retry.Body)
	}
	twice := c.postJSON(registrationsPath, person("FIRST@example.com"), nil)
	if twice.Status != http.StatusConflict || decodeRegistration(t, twice).Error.Message != eventMessage(t, "en", "error.already_registered") {
		t.Errorf("a second registration of one address: %d %s", twice.Status, twice.Body)
	}
	second := decodeRegistration(t, c.postJSON(registrationsPath, person("second@example.com"), nil))
	third := decodeRegistration(t, c.postJSON(registrationsPath, person("third@example.com"), nil))
	if second.Status != "registered" || third.Status != "waitlisted" || third.Position != 3 {
		t.Fatalf("the last place and the waiting list: %+v %+v", second, third)
	}
	if st := c.get("/api/v1/events/" + forumID + "/registration"); !strings.Contains(st.Body, `"state": "waitlist"`) || !strings.Contains(st.Body, `"waiting": 1`) {
		t.Errorf("a full event with a waiting list: %s", st.Body)
	}
	if res := c.postJSON("/api/v1/registrations/"+a.Reference+"/cancel", "", nil); res.Status != http.StatusNotFound {
		t.Errorf("a cancel without the token: %d", res.Status)
	}
	cancel := c.do("POST", "/api/v1/registrations/"+a.Reference+"/cancel", nil, map[string]string{"Authorization": "Bearer " + a.Token})
	if cancel.Status != http.StatusOK || decodeRegistration(t, cancel).Status != "cancelled" {
		t.Fatalf("cancel: %d %s", cancel.Status, cancel.Body)
	}
	if now := decodeRegistration(t, c.get("/api/v1/registrations/"+third.Reference+"?token="+third.Token)); now.Status != "registered" {
		t.Errorf("the first in line was not promoted: %+v", now)
	}
	checkEventMail(t, e, a.Reference, third.Reference)
	// The calendar entry from the manage link: REQUEST with a place, CANCEL
	// once cancelled, none on the waiting list.
	if cal := c.get("/api/v1/registrations/" + third.Reference + "/calendar.ics?token=" + third.Token); cal.Status != 200 ||
		!strings.Contains(cal.Body, "METHOD:REQUEST") || !strings.Contains(cal.Body, "UID:"+third.Reference) || !strings.Contains(cal.Body, "SEQUENCE:1") {
		t.Errorf("the promoted registration's calendar: %d %s", cal.Status, cal.Body)
	}
	if cal := c.get("/api/v1/registrations/" + a.Reference + "/calendar.ics?token=" + a.Token); !strings.Contains(cal.Body, "METHOD:CANCEL") {
		t.Errorf("the cancelled registration's calendar: %d %s", cal.Status, cal.Body)
	}
	if cal := c.get("/api/v1/registrations/" + a.Reference + "/calendar.ics?token=wrong"); cal.Status != 404 {
		t.Errorf("a calendar with a wrong token: %d", cal.Status)
	}
	fourth := decodeRegistration(t, c.postJSON(registrationsPath, person("fourth@example.com"), nil))
	if cal := c.get("/api/v1/registrations/" + fourth.Reference + "/calendar.ics?token=" + fourth.Token); fourth.Status != "waitlisted" || cal.Status != 409 {
		t.Errorf("a waiting registration's calendar: %s %d", fourth.Status, cal.Status)
	}
	if page := c.get("/registrations/" + third.Reference + "?token=" + third.Token); !strings.Contains(page.Body, "/calendar.ics?token=") {
		t.Error("the manage page does not link the calendar entry")
	}

	closed := openForum(t, e, 2, true)
	closed.Open = false
	if _, err := e.DB.SaveEventRegistration(context.Background(), store.Actor{Name: "test"}, closed, nil); err != nil {
		t.Fatal(err)
	}
	res := c.postJSON(registrationsPath+"?lang=zh", person("late@example.com"), nil)
	if res.Status != http.StatusConflict || decodeRegistration(t, res).Error.Message != eventMessage(t, "zh", "error.registration_closed") {
		t.Errorf("closed registration, asked in Chinese: %d %s", res.Status, res.Body)
	}
}

// checkEventMail checks the outbox after cancelled gave up a place and
// promoted got it: the cancellation removes the calendar entry, the
// promotion adds it, each to its person in their language.
func checkEventMail(t *testing.T, e *testEnv, cancelled, promoted string) {
	t.Helper()
	msgs, err := e.DB.Outbox(context.Background(), store.OutboxQuery{Limit: 20})
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]store.Message{}
	for _, m := range msgs {
		kinds[m.Kind+" "+m.To] = m
	}
	reg, ok := kinds["event_registered first@example.com"]
	if !ok || reg.ICSMethod != "REQUEST" || !strings.Contains(reg.ICS, "UID:"+cancelled) || !strings.Contains(reg.Body, "/registrations/"+cancelled+"?token=") {
		t.Errorf("the confirmation: %+v", reg)
	}
	if w := kinds["event_waitlisted third@example.com"]; w.ICS != "" || !strings.Contains(w.Body, promoted) {
		t.Errorf("word of the waiting list: %+v", w)
	}
	if c := kinds["event_withdrawn first@example.com"]; c.ICSMethod != "CANCEL" || !strings.Contains(c.ICS, "METHOD:CANCEL") || !strings.Contains(c.ICS, "SEQUENCE:1") {
		t.Errorf("the cancellation: %+v", c)
	}
	p := kinds["event_promoted third@example.com"]
	subject, _, _ := strings.Cut(eventMessage(t, "zh", "event.mail.promoted.subject"), "{{")
	if p.ICSMethod != "REQUEST" || !strings.Contains(p.ICS, "SEQUENCE:1") || !strings.Contains(p.ICS, "重庆国际博览中心") || !strings.HasPrefix(p.Subject, subject) {
		t.Errorf("the promotion: %+v", p)
	}
}

func TestOpenAPIDescribesRegistration(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal([]byte(e.client().get("/api/v1/openapi.json").Body), &doc); err != nil {
		t.Fatal(err)
	}
	for path, method := range map[string]string{"/api/v1/events/{id}/registration": "get", "/api/v1/events/{id}/registrations": "post",
		"/api/v1/registrations/{reference}": "get", "/api/v1/registrations/{reference}/cancel": "post",
		"/api/v1/registrations/{reference}/calendar.ics": "get"} {
		if _, ok := doc.Paths[path][method]; !ok {
			t.Errorf("%s %s is not described", method, path)
		}
	}
}

// TestRegistrationAcrossInstances registers through one instance and
// cancels through another on the same database: the place goes to the
// first in line, whichever instance answers.
func TestRegistrationAcrossInstances(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	openForum(t, e, 1, true)
	db2 := storetest.OpenDSN(t, e.DSN) // a second process, on the same clock as the first
	db2.Now = e.DB.Now
	other := e.start(db2)
	one, two := e.client(), newClient(t, other)
	person := func(email string) string { return `{"name":"Li Wei","email":"` + email + `"}` }
	first := decodeRegistration(t, one.postJSON(registrationsPath, person("first@example.com"), nil))
	second := decodeRegistration(t, two.postJSON(registrationsPath, person("second@example.com"), nil))
	if first.Status != "registered" || second.Status != "waitlisted" {
		t.Fatalf("through two instances: %+v %+v", first, second)
	}
	if res := two.postJSON("/api/v1/registrations/"+first.Reference+"/cancel?token="+first.Token, "", nil); res.Status != http.StatusOK {
		t.Fatalf("cancel through the other instance: %d %s", res.Status, res.Body)
	}
	if now := decodeRegistration(t, one.get("/api/v1/registrations/"+second.Reference+"?token="+second.Token)); now.Status != "registered" {
		t.Errorf("the first instance does not see the promotion: %+v", now)
	}
}
