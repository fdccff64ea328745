package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
	"github.com/chancery-platform/chancery/web"
)

// bookingNow is the clock of the booking tests: Monday 2026-11-23, 10:00 in Chongqing.
var bookingNow = time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)

func newBookingEnv(t *testing.T) *testEnv {
	e := newEnv(t)
	e.DB.Now = func() time.Time { return bookingNow }
	return e
}

func (c *client) postJSON(path, body string, header map[string]string) response {
	h := map[string]string{"Content-Type": "application/json"}
	for k, v := range header {
		h[k] = v
	}
	return c.do("POST", path, strings.NewReader(body), h)
}

// bookingJSON is a request for the visa service; the passport number is
// derived from the email, so one email is one person.
func bookingJSON(start, email string) string {
	passport := fmt.Sprintf("EA%07d", crc32.ChecksumIEEE([]byte(strings.ToLower(email)))%10000000)
	return fmt.Sprintf(`{"service":"cq-visa","start":%q,"name":"Li Wei","email":%q,"phone":"+86 138 0000 0000","passport":%q}`, start, email, passport)
}

type bookingAnswer struct {
	Reference, Status, Start, Token string
	ManageURL                       string `json:"manage_url"`
	Error                           struct {
		Code, Message string
		Next          []struct{ Start string } `json:"next_free_slots"`
	}
}

func decodeBooking(t *testing.T, res response) bookingAnswer {
	t.Helper()
	var a bookingAnswer
	if err := json.Unmarshal([]byte(res.Body), &a); err != nil {
		t.Fatalf("not JSON (%d): %s", res.Status, res.Body)
	}
	return a
}

func TestServicesAndSlots(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	e.run(t, e.client(), []scenario{
		{name: "services", path: "/api/v1/missions/by-cg-chongqing/services", status: 200, want: []string{`"id": "cq-visa"`, `"needs_passport": true`}},
		{name: "no services elsewhere", path: "/api/v1/missions/by-embassy-beijing/services", status: 200, want: []string{`"services": []`}},
		{name: "unknown mission", path: "/api/v1/missions/nowhere/services", status: 404},
		{name: "a working Tuesday", path: "/api/v1/missions/by-cg-chongqing/slots?service=cq-visa&from=2026-12-01&to=2026-12-01", status: 200,
			want:    []string{`"start": "2026-12-01T09:00:00+08:00"`, `"end": "2026-12-01T09:20:00+08:00"`, `"start": "2026-12-01T14:00:00+08:00"`, `"available": 2`, `"time_zone": "Asia/Shanghai"`},
			notWant: []string{`"start": "2026-12-01T12:00:00+08:00"`, `"start": "2026-12-01T17:00:00+08:00"`}},
		{name: "a Sunday", path: "/api/v1/missions/by-cg-chongqing/slots?service=cq-visa&from=2026-12-06&to=2026-12-06", status: 200, want: []string{`"slots": []`}},
		{name: "minimum notice: nothing today", path: "/api/v1/missions/by-cg-chongqing/slots?service=cq-visa&from=2026-11-23&to=2026-11-23", status: 200, want: []string{`"slots": []`}},
		{name: "beyond the window", path: "/api/v1/missions/by-cg-chongqing/slots?service=cq-visa&from=2027-01-10&to=2027-01-10", status: 200, want: []string{`"slots": []`}},
		{name: "unknown service", path: "/api/v1/missions/by-cg-chongqing/slots?service=cq-nothing", status: 404, want: []string{`"code": "not_found"`}},
		{name: "another mission's service", path: "/api/v1/missions/by-embassy-beijing/slots?service=cq-visa", status: 404},
		{name: "bad date", path: "/api/v1/missions/by-cg-chongqing/slots?service=cq-visa&from=2026-13-01", status: 400, want: []string{"YYYY-MM-DD"}},
		{name: "period too long", path: "/api/v1/missions/by-cg-chongqing/slots?service=cq-visa&from=2026-12-01&to=2027-03-01", status: 400, want: []string{"at most 31 days"}},
		{name: "period backwards", path: "/api/v1/missions/by-cg-chongqing/slots?service=cq-visa&from=2026-12-05&to=2026-12-01", status: 400},
	})
}

func TestBookingJourney(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	c := e.client()
	res := c.postJSON("/api/v1/bookings", bookingJSON("2026-12-01T09:00:00+08:00", "li.wei@example.com"), nil)
	if res.Status != http.StatusCreated {
		t.Fatalf("booking: %d %s", res.Status, res.Body)
	}
	b := decodeBooking(t, res)
	if b.Reference == "" || b.Token == "" || b.Status != "confirmed" || b.Start != "2026-12-01T09:00:00+08:00" || !strings.Contains(b.ManageURL, b.Token) {
		t.Fatalf("answer %+v", b)
	}
	if got := c.get("/api/v1/bookings/" + b.Reference + "?token=" + b.Token); got.Status != 200 || !strings.Contains(got.Body, "li.wei@example.com") {
		t.Fatalf("reading the booking: %d %s", got.Status, got.Body)
	}
	if got := c.do("GET", "/api/v1/bookings/"+b.Reference, nil, map[string]string{"Authorization": "Bearer " + b.Token}); got.Status != 200 {
		t.Fatalf("reading with a bearer token: %d", got.Status)
	}
	for _, wrong := range []string{"", "?token=nope"} {
		if got := c.get("/api/v1/bookings/" + b.Reference + wrong); got.Status != 404 || strings.Contains(got.Body, "li.wei") {
			t.Fatalf("a booking shown without its token (%q): %d", wrong, got.Status)
		}
	}
	slots := c.get("/api/v1/missions/by-cg-chongqing/slots?service=cq-visa&from=2026-12-01&to=2026-12-01")
	if !strings.Contains(slots.Body, `"start": "2026-12-01T09:00:00+08:00",
      "end": "2026-12-01T09:20:00+08:00",
      "capacity": 2,
      "available": 1`) {
		t.Fatalf("the slot does not show the place taken:\n%.400s", slots.Body)
	}
	again := c.postJSON("/api/v1/bookings", bookingJSON("2026-12-02T09:00:00+08:00", "LI.WEI@example.com"), nil)
	if again.Status != http.StatusConflict || !strings.Contains(again.Body, "already hold an appointment") {
		t.Fatalf("a second booking by the same person: %d %s", again.Status, again.Body)
	}
	if got := c.get("/api/v1/bookings/" + b.Reference + "/cancel?token=" + b.Token); got.Status != http.StatusMethodNotAllowed {
		t.Fatalf("a GET cancelled: %d", got.Status)
	}
	cancel := c.do("POST", "/api/v1/bookings/"+b.Reference+"/cancel", nil, map[string]string{"Authorization": "Bearer " + b.Token})
	if cancel.Status != 200 || !strings.Contains(cancel.Body, `"status": "cancelled"`) || !strings.Contains(cancel.Body, `"sequence": 1`) {
		t.Fatalf("cancel: %d %s", cancel.Status, cancel.Body)
	}
	if again := c.postJSON("/api/v1/bookings", bookingJSON("2026-12-02T09:00:00+08:00", "li.wei@example.com"), nil); again.Status != http.StatusCreated {
		t.Fatalf("booking again after cancelling: %d %s", again.Status, again.Body)
	}
}

func TestBookingIdempotency(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	c := e.client()
	key := map[string]string{"Idempotency-Key": "7d1c1f3e-retry"}
	first := c.postJSON("/api/v1/bookings", bookingJSON("2026-12-01T09:20:00+08:00", "a@example.com"), key)
	second := c.postJSON("/api/v1/bookings", bookingJSON("2026-12-01T09:20:00+08:00", "a@example.com"), key)
	if first.Status != 201 || second.Status != 201 || first.Body != second.Body || second.Header.Get("Idempotent-Replayed") != "true" {
		t.Fatalf("retry: %d %d\n%s\n%s", first.Status, second.Status, first.Body, second.Body)
	}
	other := c.postJSON("/api/v1/bookings", bookingJSON("2026-12-01T09:40:00+08:00", "a@example.com"), key)
	if other.Status != http.StatusConflict || !strings.Contains(other.Body, "Idempotency-Key") {
		t.Fatalf("the key reused for another request: %d %s", other.Status, other.Body)
	}
	slots := c.get("/api/v1/missions/by-cg-chongqing/slots?service=cq-visa&from=2026-12-01&to=2026-12-01")
	if strings.Count(slots.Body, `"available": 1`) != 1 {
		t.Fatalf("the retry booked more than one place:\n%.600s", slots.Body)
	}
}

func TestBookingErrors(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	c := e.client()
	ok := strings.Replace(bookingJSON("2026-12-01T10:00:00+08:00", "x@example.com"), `"passport":"EA`, `"passport":"EB`, 1)
	cases := []struct {
		name, body, ctype string
		status            int
		want              string
	}{
		{"wrong content type", ok, "text/plain", 415, "application/json"},
		{"form instead of JSON", "service=cq-visa", "application/x-www-form-urlencoded", 415, "JSON"},
		{"malformed JSON", `{"service":`, "application/json", 400, "not valid JSON"},
		{"unknown field", `{"service":"cq-visa","admin":true}`, "application/json", 400, "not valid JSON"},
		{"two documents", ok + ok, "application/json", 400, "not valid JSON"},
		{"unknown service", strings.Replace(ok, "cq-visa", "cq-nothing", 1), "application/json", 404, "no service"},
		{"start not RFC 3339", strings.Replace(ok, "2026-12-01T10:00:00+08:00", "1 Dec 2026 10am", 1), "application/json", 400, "RFC 3339"},
		{"past", strings.Replace(ok, "2026-12-01", "2026-11-20", 1), "application/json", 400, "already passed"},
		{"too soon", strings.Replace(ok, "2026-12-01T10:00", "2026-11-23T15:00", 1), "application/json", 400, "at least 24 hours"},
		{"too far", strings.Replace(ok, "2026-12-01", "2027-02-01", 1), "application/json", 400, "at most 30 days"},
		{"a Sunday", strings.Replace(ok, "2026-12-01", "2026-12-06", 1), "application/json", 400, "closed on 2026-12-06"},
		{"lunch time", strings.Replace(ok, "10:00:00", "12:30:00", 1), "application/json", 400, "no appointment at 2026-12-01 12:30"},
		{"off the grid", strings.Replace(ok, "10:00:00", "10:07:00", 1), "application/json", 400, "no appointment"},
		{"the same instant in UTC is fine", strings.Replace(ok, "2026-12-01T10:00:00+08:00", "2026-12-01T02:00:00Z", 1), "application/json", 201, "reference"},
		{"bad email", strings.Replace(ok, "x@example.com", "not-an-email", 1), "application/json", 400, "not an email address"},
		{"bad phone", strings.Replace(ok, "+86 138 0000 0000", "call me", 1), "application/json", 400, "not a phone number"},
		{"bad passport", regexp.MustCompile(`"passport":"[^"]*"`).ReplaceAllString(ok, `"passport":"12"`), "application/json", 400, "not a passport number"},
		{"missing passport", regexp.MustCompile(`"passport":"[^"]*"`).ReplaceAllString(ok, `"passport":""`), "application/json", 400, "passport number"},
		{"over-long name", strings.Replace(ok, "Li Wei", strings.Repeat("N", 300), 1), "application/json", 400, "at most 100 characters"},
		{"huge body", `{"name":"` + strings.Repeat("x", 100<<10) + `"}`, "application/json", 413, "too large"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := c.do("POST", "/api/v1/bookings", strings.NewReader(tc.body), map[string]string{"Content-Type": tc.ctype})
			if res.Status != tc.status || !strings.Contains(res.Body, tc.want) {
				t.Fatalf("%d %s", res.Status, res.Body)
			}
		})
	}
}

// TestBookingRushAcrossTwoInstances: many people ask for the same slot at
// once through two instances on one database; exactly its capacity get it,
// the others get 409 with the next free slots, and nobody gets a 5xx.
func TestBookingRushAcrossTwoInstances(t *testing.T) {
	e := newBookingEnv(t)
	db2 := storetest.OpenDSN(t, e.DSN)
	db2.Now = e.DB.Now
	urls := []string{e.URL, e.start(db2)}
	const n = 16
	var wg sync.WaitGroup
	statuses := make(chan response, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := newClient(t, urls[i%2])
			statuses <- c.postJSON("/api/v1/bookings", bookingJSON("2026-12-01T11:00:00+08:00", fmt.Sprintf("p%d@example.com", i)), nil)
		}()
	}
	wg.Wait()
	close(statuses)
	created, conflicts := 0, 0
	for res := range statuses {
		switch res.Status {
		case 201:
			created++
		case 409:
			conflicts++
			a := decodeBooking(t, res)
			if a.Error.Code != "conflict" || len(a.Error.Next) == 0 || !strings.Contains(a.Error.Message, "last place") {
				t.Errorf("a lost race without the next free slots: %s", res.Body)
			}
		default:
			t.Errorf("status %d: %s", res.Status, res.Body)
		}
	}
	if created != 2 || conflicts != n-2 {
		t.Fatalf("%d booked, %d refused; want 2 and %d", created, conflicts, n-2)
	}
}

// TestLotteryReleaseOverHTTP: requests are taken while a release is open,
// repeats do not help, the draw runs once after it closes and books exactly
// the slot's places, and the seed is published.
// openRelease makes a lottery service of capacity places a slot and opens
// a release of its slot on 2026-12-01 09:00 for an hour from bookingNow.
func openRelease(t *testing.T, db *store.DB, capacity int) store.Release {
	t.Helper()
	ctx := context.Background()
	svc := booking.Service{ID: "cq-scarce", MissionID: "by-cg-chongqing", Name: mission.Text{"en": "Scarce"}, Duration: 20, Capacity: capacity,
		WindowDays: 30, Mode: booking.Lottery, Active: true}
	if _, err := db.SaveService(ctx, store.Actor{Name: "test"}, svc); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 12, 1, 1, 0, 0, 0, time.UTC)
	rel, err := db.CreateRelease(ctx, store.Actor{Name: "test"}, store.Release{ServiceID: svc.ID, Start: start, End: start.Add(20 * time.Minute),
		Opens: bookingNow, Closes: bookingNow.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	return rel
}

func TestLotteryReleaseOverHTTP(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	ctx := context.Background()
	rel := openRelease(t, e.DB, 2)
	c := e.client()
	path := fmt.Sprintf("/api/v1/releases/%d", rel.ID)
	for i := range 6 {
		body := fmt.Sprintf(`{"name":"P %d","email":"p%d@example.com","phone":"+86 138 0000 0000"}`, i, i)
		if res := enterRelease(t, e, c, rel.ID, body); res.Status != 200 || !strings.Contains(res.Body, "drawn at random") {
			t.Fatalf("request %d: %d %s", i, res.Status, res.Body)
		}
	}
	if res := c.get(path); !strings.Contains(res.Body, `"status": "open"`) || strings.Contains(res.Body, "seed") {
		t.Fatalf("an open release: %s", res.Body)
	}
	srv, err := web.New(e.DB, web.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := srv.DrawDue(ctx); n != 0 {
		t.Fatal("drawn while open")
	}
	e.DB.Now = func() time.Time { return bookingNow.Add(2 * time.Hour) }
	if res := c.postJSON(path+"/requests", `{"name":"Late","email":"late@example.com","phone":"+86 138 0000 0000"}`, nil); res.Status != 409 {
		t.Fatalf("a late request: %d", res.Status)
	}
	if n, err := srv.DrawDue(ctx); n != 1 || err != nil {
		t.Fatalf("draw: %d %v", n, err)
	}
	if n, _ := srv.DrawDue(ctx); n != 0 {
		t.Fatal("drawn twice")
	}
	_, st, _ := e.DB.Release(ctx, rel.ID)
	if st.Requests != 6 || st.Identities != 6 || st.Allocated != 2 || st.Unallocated != 0 {
		t.Fatalf("stats %+v", st)
	}
	if res := c.get(path); !strings.Contains(res.Body, `"status": "drawn"`) || !strings.Contains(res.Body, `"seed": "`) {
		t.Fatalf("a drawn release: %s", res.Body)
	}
	msgs, _ := e.DB.Outbox(ctx, store.OutboxQuery{Unsent: true, Limit: 10})
	confirmations := 0
	for _, m := range msgs {
		if m.Kind == "confirmation" {
			confirmations++
		}
	}
	if confirmations != 2 {
		t.Fatalf("%d confirmations queued for 2 winners", confirmations)
	}
}
