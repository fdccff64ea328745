package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
)

// lotteryService is a lottery-mode service of the Chongqing consulate for the tests.
var lotteryService = booking.Service{ID: "cq-lottery", MissionID: "by-cg-chongqing", Name: mission.Text{"en": "Scarce appointments"},
	Duration: 20, Capacity: 2, WindowDays: 30, Mode: booking.Lottery, Active: true}

// appointmentFixtures gives the role matrix what its appointment actions
// act on: a confirmed booking, a message in the outbox, a closure, and a
// lottery service with a closed release. It may be called again on the
// same database and then adds nothing.
func appointmentFixtures(t *testing.T, e *testEnv) (reference string, messageID, releaseID int64) {
	t.Helper()
	ctx := context.Background()
	who := store.Actor{Name: "test"}
	svc, err := e.DB.Service(ctx, "cq-visa")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2030, 1, 7, 9, 0, 0, 0, time.FixedZone("CST", 8*3600))
	_, hash := booking.NewToken()
	b, _, err := e.DB.Book(ctx, store.BookInput{Service: svc, Slot: booking.Slot{ServiceID: svc.ID, Start: start, End: start.Add(20 * time.Minute)},
		Day: "2030-01-07", Applicant: booking.Applicant{Name: "Wang Fang", Email: "wang.fang@example.com", Phone: "+86 139 0000 0000", Passport: "EB7654321", Lang: "zh"},
		Reference: "TEST-0001", TokenHash: hash, Status: booking.Confirmed})
	if err != nil && chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Fatal(err)
	}
	if err == nil {
		if _, err := e.DB.Enqueue(ctx, store.Message{BookingID: b.ID, Kind: "confirmation", To: "wang.fang@example.com", Subject: "Appointment TEST-0001", Body: "Dear Wang Fang"}); err != nil {
			t.Fatal(err)
		}
	}
	msgs, err := e.DB.Outbox(ctx, store.OutboxQuery{Unsent: false, Limit: 1})
	if err != nil || len(msgs) == 0 {
		t.Fatalf("no message in the outbox: %v", err)
	}
	if _, err := e.DB.AddClosure(ctx, who, store.Closure{MissionID: "by-cg-chongqing", Day: "2030-03-01", Reason: "Inventory"}, nil); err != nil && chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Fatal(err)
	}
	if _, err := e.DB.SaveService(ctx, who, lotteryService); err != nil {
		t.Fatal(err)
	}
	rels, err := e.DB.Releases(ctx, lotteryService.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(rels) == 0 {
		now := e.DB.Now()
		rel, err := e.DB.CreateRelease(ctx, who, store.Release{ServiceID: lotteryService.ID, Start: start, End: start.Add(20 * time.Minute),
			Opens: now.Add(-2 * time.Hour), Closes: now.Add(-time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		rels = append(rels, rel)
	}
	return "TEST-0001", msgs[0].ID, rels[0].ID
}

// appointmentActions are the staff routes of appointments, for the role matrix.
func appointmentActions(t *testing.T, e *testEnv) []staffAction {
	ref, msg, rel := appointmentFixtures(t, e)
	all := map[string]bool{"admin": true, "consul": true, "officer": true}
	consuls := map[string]bool{"admin": true, "consul": true}
	hold := time.Date(2030, 1, 8, 1, 0, 0, 0, time.UTC).UnixMilli() // Tuesday 09:00 in Chongqing
	return []staffAction{
		{"day sheet", "GET", "/staff/missions/by-cg-chongqing/day?date=2030-01-07", nil, 200, all},
		{"day sheet today", "GET", "/staff/missions/by-cg-chongqing/day", nil, 200, all},
		{"check in", "POST", "/staff/bookings/" + ref + "/attendance", url.Values{"status": {"checked_in"}}, 303, all},
		{"no-show", "POST", "/staff/bookings/" + ref + "/attendance", url.Values{"status": {"no_show"}}, 303, all},
		{"service places", "GET", "/staff/services/cq-visa", nil, 200, all},
		{"edit service", "POST", "/staff/services/cq-visa", url.Values{"capacity": {"3"}, "duration_minutes": {"20"}, "window_days": {"30"},
			"min_notice_hours": {"24"}, "daily_quota": {"30"}, "active": {"yes"}}, 303, consuls},
		{"hold places", "POST", "/staff/services/cq-visa/hold", url.Values{"start": {itoa(hold)}, "held": {"1"}}, 303, consuls},
		{"hold a day's places", "POST", "/staff/services/cq-visa/hold-day", url.Values{"day": {"2030-01-09"}, "held": {"1"}}, 303, consuls},
		{"add closure cancelling bookings", "POST", "/staff/missions/by-cg-chongqing/closures", url.Values{"day": {"2030-02-21"},
			"reason": {"Staff training"}, "cancel_bookings": {"yes"}}, 303, consuls},
		{"closures", "GET", "/staff/missions/by-cg-chongqing/closures", nil, 200, all},
		{"add closure", "POST", "/staff/missions/by-cg-chongqing/closures", url.Values{"day": {"2030-02-20"}, "reason": {"Staff training"}}, 303, consuls},
		{"remove closure", "POST", "/staff/missions/by-cg-chongqing/closures/delete", url.Values{"day": {"2030-03-01"}, "confirm": {"yes"}}, 303, consuls},
		{"outbox", "GET", "/staff/outbox", nil, 200, consuls},
		{"outbox message", "GET", "/staff/outbox/" + itoa(msg), nil, 200, consuls},
		{"releases", "GET", "/staff/services/cq-lottery/releases", nil, 200, all},
		{"create release", "POST", "/staff/services/cq-lottery/releases", url.Values{"start": {"2030-01-08T09:00"}, "opens": {"2029-12-01T09:00"},
			"closes": {"2029-12-10T09:00"}}, 303, consuls},
		{"draw now", "POST", "/staff/releases/" + itoa(rel) + "/draw", nil, 303, consuls},
	}
}

func TestDaySheetAndCheckIn(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	c := e.client()
	res := c.postJSON("/api/v1/bookings", bookingJSON("2026-12-01T09:00:00+08:00", "li.wei@example.com"), nil)
	if res.Status != http.StatusCreated {
		t.Fatalf("booking: %d %s", res.Status, res.Body)
	}
	b := decodeBooking(t, res)
	c.login("officer")
	page := c.get("/staff/missions/by-cg-chongqing/day?date=2026-12-01")
	for _, want := range []string{b.Reference, "Li Wei", "138 0000 0000", "EA", "Submitting a visa application", "09:00", "Expected (1)",
		`action="/staff/bookings/` + b.Reference + `/attendance"`, "print.", "Tuesday, 1 December 2026"} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("the day sheet lacks %q", want)
		}
	}
	if other := c.get("/staff/missions/by-cg-chongqing/day?date=2026-12-02"); strings.Contains(other.Body, b.Reference) {
		t.Error("the booking shows on another day")
	}
	if today := c.get("/staff/missions/by-cg-chongqing/day"); today.Status != 200 || !strings.Contains(today.Body, "Monday, 23 November 2026") {
		t.Errorf("the day sheet does not default to today in the mission's zone: %d", today.Status)
	}
	if bad := c.get("/staff/missions/by-cg-chongqing/day?date=2026-13-01"); bad.Status != 400 {
		t.Errorf("a bad date: %d", bad.Status)
	}
	res = c.post("/staff/bookings/"+b.Reference+"/attendance", url.Values{"status": {"checked_in"}})
	if res.Status != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "date=2026-12-01") {
		t.Fatalf("check-in: %d %s", res.Status, res.Header.Get("Location"))
	}
	page = c.get(res.Header.Get("Location"))
	if !strings.Contains(page.Body, "Checked in (1)") || !strings.Contains(page.Body, "Expected (0)") {
		t.Errorf("the checked-in booking is not shown as such:\n%.2000s", page.Body)
	}
	if again := c.post("/staff/bookings/"+b.Reference+"/attendance", url.Values{"status": {"no_show"}}); again.Status != http.StatusConflict {
		t.Errorf("a booking marked twice: %d", again.Status)
	}
	if bad := c.post("/staff/bookings/"+b.Reference+"/attendance", url.Values{"status": {"cancelled"}}); bad.Status != http.StatusBadRequest {
		t.Errorf("an unknown attendance: %d", bad.Status)
	}
	entries, _ := e.DB.AuditLog(context.Background(), store.AuditFilter{Limit: 1})
	if entries[0].Actor != "officer" || entries[0].Action != "booking.attendance" || !strings.Contains(entries[0].After, "checked_in") ||
		strings.Contains(entries[0].After, "Li Wei") {
		t.Fatalf("audit entry %+v", entries[0])
	}
	got := c.get("/api/v1/bookings/" + b.Reference + "?token=" + b.Token)
	if !strings.Contains(got.Body, `"status": "checked_in"`) {
		t.Errorf("the booking is not checked in: %s", got.Body)
	}
}

func TestHoldingPlaces(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	c := e.client()
	c.login("consul")
	nine := time.Date(2026, 12, 1, 1, 0, 0, 0, time.UTC).UnixMilli()
	page := c.get("/staff/services/cq-visa?page=3") // the places come three days a page; 1 December is the 9th day
	if page.Status != 200 || !strings.Contains(page.Body, `value="`+itoa(nine)+`"`) || !strings.Contains(page.Body, "Places in the next 14 days") {
		t.Fatalf("the capacity page: %d", page.Status)
	}
	if res := c.post("/staff/services/cq-visa/hold", url.Values{"start": {itoa(nine)}, "held": {"1"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("hold: %d %.600s", res.Status, res.Body)
	}
	if got := placesAt9(c); got != "1" {
		t.Fatalf("after holding one of two places, the API offers %s", got)
	}
	if res := c.postJSON("/api/v1/bookings", bookingJSON("2026-12-01T09:00:00+08:00", "a@example.com"), nil); res.Status != http.StatusCreated {
		t.Fatalf("booking the last place: %d %s", res.Status, res.Body)
	}
	if res := c.postJSON("/api/v1/bookings", bookingJSON("2026-12-01T09:00:00+08:00", "b@example.com"), nil); res.Status != http.StatusConflict {
		t.Fatalf("a booking beyond the held places: %d %s", res.Status, res.Body)
	}
	res := c.post("/staff/services/cq-visa/hold", url.Values{"start": {itoa(nine)}, "held": {"2"}})
	if res.Status != http.StatusConflict || !strings.Contains(res.Body, "cannot be held back") {
		t.Fatalf("holding a booked place: %d %.600s", res.Status, res.Body)
	}
	if res := c.post("/staff/services/cq-visa/hold", url.Values{"start": {itoa(nine + 60000)}, "held": {"1"}}); res.Status != http.StatusBadRequest {
		t.Fatalf("holding a time that is not a slot: %d", res.Status)
	}
	if res := c.post("/staff/services/cq-visa/hold", url.Values{"start": {itoa(nine)}, "held": {"0"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("release: %d", res.Status)
	}
	if got := placesAt9(c); got != "1" {
		t.Fatalf("after releasing the held place, the API offers %s", got)
	}
	entries, _ := e.DB.AuditLog(context.Background(), store.AuditFilter{Limit: 1})
	if entries[0].Action != "slot.hold" || entries[0].Actor != "consul" {
		t.Fatalf("audit entry %+v", entries[0])
	}
	// A whole day at once: the 09:00 slot, one place booked, holds what it can.
	dayHold := c.post("/staff/services/cq-visa/hold-day", url.Values{"day": {"2026-12-01"}, "held": {"2"}})
	if dayHold.Status != http.StatusSeeOther {
		t.Fatalf("holding the day: %d %.600s", dayHold.Status, dayHold.Body)
	}
	if page := c.get(dayHold.Header.Get("Location")); !strings.Contains(page.Body, "too booked to hold that many: 1;") {
		t.Fatalf("the page after the day's hold does not say one time was capped:\n%.600s", page.Body)
	}
	slots := c.get("/api/v1/missions/by-cg-chongqing/slots?service=cq-visa&from=2026-12-01&to=2026-12-01").Body
	if !strings.Contains(slots, `"start": "2026-12-01T16:40:00+08:00"`) || strings.Contains(slots, `"available": 1`) || strings.Contains(slots, `"available": 2`) {
		t.Fatalf("after holding the day, a place is still offered: %.300s", slots)
	}
	if res := c.post("/staff/services/cq-visa/hold-day", url.Values{"day": {"2026-12-06"}, "held": {"1"}}); res.Status != http.StatusBadRequest {
		t.Fatalf("holding a Sunday: %d", res.Status)
	}
	if res := c.post("/staff/services/cq-visa/hold-day", url.Values{"day": {"2026-12-01"}, "held": {"0"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("releasing the day: %d", res.Status)
	}
	if got := placesAt9(c); got != "1" {
		t.Fatalf("after releasing the day, the API offers %s at 9:00", got)
	}
	if entries, _ := e.DB.AuditLog(context.Background(), store.AuditFilter{Limit: 1}); entries[0].Action != "slot.hold_day" {
		t.Fatalf("audit entry %+v", entries[0])
	}
	// Settings: a change is saved and audited; a bad value is explained.
	form := url.Values{"capacity": {"3"}, "duration_minutes": {"20"}, "window_days": {"30"}, "min_notice_hours": {"24"}, "daily_quota": {"30"}, "active": {"yes"}}
	if res := c.post("/staff/services/cq-visa", form); res.Status != http.StatusSeeOther {
		t.Fatalf("settings: %d %.600s", res.Status, res.Body)
	}
	if got := placesAt9(c); got != "2" {
		t.Fatalf("after raising capacity to 3, the API offers %s at 9:00", got)
	}
	form.Set("capacity", "0")
	if res := c.post("/staff/services/cq-visa", form); res.Status != http.StatusBadRequest || !strings.Contains(res.Body, "capacity") {
		t.Fatalf("a capacity of 0: %d", res.Status)
	}
}

func TestClosureClosesTheDay(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	c := e.client()
	c.login("consul")
	slots := "/api/v1/missions/by-cg-chongqing/slots?service=cq-visa&from=2026-12-01&to=2026-12-01"
	if !strings.Contains(c.get(slots).Body, `"start": "2026-12-01T09:00:00+08:00"`) {
		t.Fatal("no slots before the closure")
	}
	if res := c.post("/staff/missions/by-cg-chongqing/closures", url.Values{"day": {"2026-12-01"}, "reason": {"Staff training"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("closure: %d %.600s", res.Status, res.Body)
	}
	if got := c.get(slots); !strings.Contains(got.Body, `"slots": []`) {
		t.Fatalf("the closed day still has slots: %.300s", got.Body)
	}
	if page := c.get("/staff/missions/by-cg-chongqing/closures"); !strings.Contains(page.Body, "Staff training") {
		t.Error("the closure is not listed")
	}
	if res := c.post("/staff/missions/by-cg-chongqing/closures", url.Values{"day": {"2026-12-01"}, "reason": {"Again"}}); res.Status != http.StatusConflict {
		t.Errorf("a day closed twice: %d", res.Status)
	}
	if res := c.post("/staff/missions/by-cg-chongqing/closures", url.Values{"day": {"2026-12-02"}}); res.Status != http.StatusBadRequest || !strings.Contains(res.Body, "reason") {
		t.Errorf("a closure without a reason: %d", res.Status)
	}
	if res := c.post("/staff/missions/by-cg-chongqing/closures/delete", url.Values{"day": {"2026-12-01"}}); res.Status != http.StatusBadRequest {
		t.Errorf("a removal without confirmation: %d", res.Status)
	}
	if res := c.post("/staff/missions/by-cg-chongqing/closures/delete", url.Values{"day": {"2026-12-01"}, "confirm": {"yes"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("removal: %d", res.Status)
	}
	if !strings.Contains(c.get(slots).Body, `"start": "2026-12-01T09:00:00+08:00"`) {
		t.Fatal("no slots after the closure was removed")
	}
	entries, _ := e.DB.AuditLog(context.Background(), store.AuditFilter{Limit: 2})
	if entries[0].Action != "closure.delete" || entries[1].Action != "closure.create" {
		t.Fatalf("audit entries %+v", entries)
	}
}

func TestOutboxPages(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	c := e.client()
	res := c.postJSON("/api/v1/bookings", bookingJSON("2026-12-01T09:00:00+08:00", "li.wei@example.com"), nil)
	b := decodeBooking(t, res)
	c.login("consul")
	page := c.get("/staff/outbox")
	if page.Status != 200 || !strings.Contains(page.Body, "li.wei@example.com") || !strings.Contains(page.Body, "Appointment "+b.Reference) ||
		!strings.Contains(page.Body, "Waiting") {
		t.Fatalf("the outbox does not show the confirmation: %d\n%.2000s", page.Status, page.Body)
	}
	// Times are written as people write them, in the mission's time zone.
	at := bookingNow.In(time.FixedZone("", 8*3600))
	if when := at.Format("Monday, 2 January 2006, 15:04") + " (China Standard Time, UTC&#43;8)"; !strings.Contains(page.Body, when) {
		i := strings.Index(page.Body, "<tbody")
		t.Errorf("the outbox does not say %q:\n%.600s", when, page.Body[max(i, 0):])
	}
	if zh := c.get("/staff/outbox?lang=zh"); !strings.Contains(zh.Body, at.Format(" 15:04")+"（北京时间，UTC&#43;8）") {
		t.Error("the Chinese outbox does not write its times in Chinese")
	}
	link := regexp.MustCompile(`href="(/staff/outbox/\d+)"`).FindStringSubmatch(page.Body)
	if link == nil {
		t.Fatal("no link to the message")
	}
	msg := c.get(link[1])
	if msg.Status != 200 || !strings.Contains(msg.Body, "Dear Li Wei") || !strings.Contains(msg.Body, "BEGIN:VCALENDAR") {
		t.Fatalf("the message: %d\n%.1000s", msg.Status, msg.Body)
	}
	if strings.Contains(msg.Body, b.Token) || !strings.Contains(msg.Body, "token=…") {
		t.Error("staff see the applicant's manage-link token")
	}
	if none := c.get("/staff/outbox/999999"); none.Status != 404 {
		t.Errorf("an unknown message: %d", none.Status)
	}

	// A page at a time: 120 more messages make two pages, the older one
	// holding the confirmation.
	for i := range 120 {
		if _, err := e.DB.Enqueue(context.Background(), store.Message{Kind: "note", To: fmt.Sprintf("n%d@example.com", i),
			Subject: fmt.Sprintf("Note %d", i), Body: "Hello"}); err != nil {
			t.Fatal(err)
		}
	}
	first := c.get("/staff/outbox")
	older := regexp.MustCompile(`href="(/staff/outbox\?before=\d+)"`).FindStringSubmatch(first.Body)
	if !strings.Contains(first.Body, "Note 119") || strings.Contains(first.Body, "li.wei@example.com") || older == nil {
		t.Fatalf("the first page: %.400s", first.Body)
	}
	second := c.get(older[1])
	if second.Status != 200 || !strings.Contains(second.Body, "li.wei@example.com") || strings.Contains(second.Body, "Note 119<") ||
		strings.Contains(second.Body, "Older messages") {
		t.Fatalf("the second page: %d %.400s", second.Status, second.Body)
	}
	if bad := c.get("/staff/outbox?before=x"); bad.Status != 400 {
		t.Errorf("a bad page: %d", bad.Status)
	}
}

func TestStaffReleases(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	ctx := context.Background()
	if _, err := e.DB.SaveService(ctx, store.Actor{Name: "test"}, lotteryService); err != nil {
		t.Fatal(err)
	}
	c := e.client()
	c.login("consul")
	res := c.post("/staff/services/cq-lottery/releases", url.Values{"start": {"2026-12-01T09:00"}, "opens": {"2026-11-23T10:00"}, "closes": {"2026-11-23T11:00"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("create: %d %.800s", res.Status, res.Body)
	}
	rels, _ := e.DB.Releases(ctx, "cq-lottery")
	if len(rels) != 1 || !rels[0].Start.Equal(time.Date(2026, 12, 1, 1, 0, 0, 0, time.UTC)) || !rels[0].End.Equal(time.Date(2026, 12, 1, 1, 20, 0, 0, time.UTC)) {
		t.Fatalf("releases %+v", rels)
	}
	for i := range 3 {
		body := fmt.Sprintf(`{"name":"P %d","email":"p%d@example.com","phone":"+86 138 0000 0000"}`, i, i%2)
		if r := enterRelease(t, e, c, rels[0].ID, body); r.Status != http.StatusOK && (i < 2 || r.Status != http.StatusConflict) {
			t.Fatalf("request %d: %d %s", i, r.Status, r.Body)
		}
	}
	page := c.get("/staff/services/cq-lottery/releases")
	for _, want := range []string{"2026-12-01 09:00", "Open", "<td>3</td>", "<td>2</td>"} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("the releases page lacks %q", want)
		}
	}
	draw := fmt.Sprintf("/staff/releases/%d/draw", rels[0].ID)
	if r := c.post(draw, nil); r.Status != http.StatusConflict {
		t.Fatalf("drawn while open: %d", r.Status)
	}
	for _, bad := range []url.Values{{"start": {"2026-12-01T09:10"}, "opens": {"2026-11-23T10:00"}, "closes": {"2026-11-23T11:00"}},
		{"start": {"tomorrow"}, "opens": {"2026-11-23T10:00"}, "closes": {"2026-11-23T11:00"}},
		{"start": {"2026-12-01T09:00"}, "opens": {"2026-11-23T12:00"}, "closes": {"2026-11-23T11:00"}}} {
		if r := c.post("/staff/services/cq-lottery/releases", bad); r.Status != http.StatusBadRequest {
			t.Errorf("a bad release %v: %d", bad, r.Status)
		}
	}
	e.DB.Now = func() time.Time { return bookingNow.Add(2 * time.Hour) }
	c.login("consul") // two hours idle ended the session
	if r := c.post(draw, nil); r.Status != http.StatusSeeOther {
		t.Fatalf("draw now: %d %.600s", r.Status, r.Body)
	}
	_, st, _ := e.DB.Release(ctx, rels[0].ID)
	if st.Requests != 3 || st.Identities != 2 || st.Allocated != 2 || st.Unallocated != 0 {
		t.Fatalf("stats %+v", st)
	}
	rel, _, _ := e.DB.Release(ctx, rels[0].ID)
	page = c.get("/staff/services/cq-lottery/releases")
	if rel.Seed == "" || !strings.Contains(page.Body, rel.Seed) || !strings.Contains(page.Body, "Drawn") {
		t.Errorf("the seed is not shown once drawn")
	}
	if r := c.post(draw, nil); r.Status != http.StatusConflict {
		t.Errorf("drawn twice: %d", r.Status)
	}
}

// TestStaffAppointmentPagesInEveryLanguage renders every new staff page in
// each language and looks for message keys left untranslated.
func TestStaffAppointmentPagesInEveryLanguage(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	_, msg, _ := appointmentFixtures(t, e)
	c := e.client()
	c.postJSON("/api/v1/bookings", bookingJSON("2026-12-01T09:00:00+08:00", "li.wei@example.com"), nil)
	c.login("admin")
	pages := []string{"/staff", "/staff/missions/by-cg-chongqing/day?date=2026-12-01", "/staff/missions/by-cg-chongqing/day?date=2030-01-07",
		"/staff/services/cq-visa", "/staff/services/cq-lottery", "/staff/missions/by-cg-chongqing/closures", "/staff/outbox",
		"/staff/outbox/" + itoa(msg), "/staff/services/cq-lottery/releases"}
	for _, l := range []struct{ code, tag, word string }{{"en", "en", "Day sheet"}, {"zh", "zh-Hans", "当日预约表"}, {"ru", "ru", "Список приёма на день"}, {"be", "be", "Спіс прыёму на дзень"}} {
		t.Run(l.code, func(t *testing.T) {
			for _, p := range pages {
				sep := "?"
				if strings.Contains(p, "?") {
					sep = "&"
				}
				res := c.get(p + sep + "lang=" + l.code)
				if res.Status != 200 || !strings.Contains(res.Body, `<html lang="`+l.tag+`">`) {
					t.Errorf("%s: status %d, not in %s", p, res.Status, l.tag)
				}
				if strings.Count(res.Body, "<h1") != 1 {
					t.Errorf("%s: %d h1 headings", p, strings.Count(res.Body, "<h1"))
				}
				for _, raw := range []string{"daysheet.", "service.", "closures.", "outbox.", "releases.", "desk.", "error.", "booking."} {
					if strings.Contains(res.Body, ">"+raw) || strings.Contains(res.Body, `="`+raw) || strings.Contains(res.Body, " "+raw) {
						t.Errorf("%s: an untranslated message key %q… is shown", p, raw)
					}
				}
			}
			if desk := c.get("/staff?lang=" + l.code); !strings.Contains(desk.Body, l.word) {
				t.Errorf("the desk lacks %q", l.word)
			}
		})
	}
}
