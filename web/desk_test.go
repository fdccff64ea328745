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
	"github.com/chancery-platform/chancery/events"
	"github.com/chancery-platform/chancery/store"
)

// deskFixtures gives the role matrix what the desk's undo and resend
// actions act on: a booking marked as arrived (TEST-0002) and a
// registration checked in, besides appointmentFixtures' confirmed booking
// and eventFixtures' registration. It may be called again on the same
// database and then adds nothing.
func deskFixtures(t *testing.T, e *testEnv) (checkedIn string) {
	t.Helper()
	ctx := context.Background()
	eventFixtures(t, e)
	svc, err := e.DB.Service(ctx, "cq-visa")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2030, 1, 7, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))
	_, hash := booking.NewToken()
	_, _, err = e.DB.Book(ctx, store.BookInput{Service: svc, Slot: booking.Slot{ServiceID: svc.ID, Start: start, End: start.Add(20 * time.Minute)},
		Day: "2030-01-07", Applicant: booking.Applicant{Name: "Zhang Min", Email: "zhang.min@example.com", Phone: "+86 139 0000 0001", Passport: "EC1234567", Lang: "zh"},
		Reference: "TEST-0002", TokenHash: hash, Status: booking.Confirmed})
	if err == nil {
		if _, err := e.DB.MarkAttendance(ctx, store.Actor{Name: "test"}, "TEST-0002", booking.CheckedIn); err != nil {
			t.Fatal(err)
		}
	} else if chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Fatal(err)
	}
	regs, err := e.DB.Registrations(ctx, forumID)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range regs {
		if r.Status == events.CheckedIn {
			return r.Reference
		}
	}
	_, hash = booking.NewToken()
	r, _, err := e.DB.Register(ctx, store.RegisterInput{EventID: forumID, Reference: booking.NewReference(), TokenHash: hash,
		Registrant: events.Registrant{Name: "Chen Jie", Email: "chen.jie@example.com", Lang: "en"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.DB.CheckIn(ctx, store.Actor{Name: "test"}, r.Reference); err != nil {
		t.Fatal(err)
	}
	return r.Reference
}

// deskActions are the desk's undo and resend routes, for the role matrix.
func deskActions(t *testing.T, e *testEnv) []staffAction {
	ref, _, _ := appointmentFixtures(t, e)
	reg := eventFixtures(t, e)
	checkedIn := deskFixtures(t, e)
	all := map[string]bool{"admin": true, "consul": true, "officer": true}
	return []staffAction{
		{"undo attendance", "POST", "/staff/bookings/TEST-0002/attendance/undo", url.Values{"from": {"checked_in"}}, 303, all},
		{"resend booking mail", "POST", "/staff/bookings/" + ref + "/resend", nil, 303, all},
		{"undo event check-in", "POST", "/staff/registrations/" + checkedIn + "/check-in/undo", nil, 303, all},
		{"resend registration mail", "POST", "/staff/registrations/" + reg + "/resend", nil, 303, all},
	}
}

// TestStaffNavigationListsWhatTheRoleMayUse: every staff page carries the
// desk's own navigation, with the sections of the signed-in role only
// and the page's section marked current.
func TestStaffNavigationListsWhatTheRoleMayUse(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, tc := range []struct {
		role, path, current string
		has, lacks          []string
	}{
		{"officer", "/staff/record", "/staff/record", []string{`href="/staff/events"`, `href="/staff#appointments"`}, []string{`href="/staff/audit"`, `href="/staff/users"`, `href="/staff/outbox"`}},
		{"consul", "/staff/audit", "/staff/audit", []string{`href="/staff/outbox"`, `href="/staff/audit"`}, []string{`href="/staff/users"`}},
		{"admin", "/staff/services/cq-visa", "/staff#appointments", []string{`href="/staff/users"`, `href="/staff/audit"`}, nil},
	} {
		c := e.client()
		c.login(tc.role)
		page := c.get(tc.path)
		nav := regexp.MustCompile(`(?s)<nav aria-label="Staff desk" class="staff-nav">.*?</nav>`).FindString(page.Body)
		if nav == "" {
			t.Fatalf("%s on %s: no staff navigation", tc.role, tc.path)
		}
		if !strings.Contains(nav, `href="`+tc.current+`" aria-current="page"`) {
			t.Errorf("%s on %s: %s is not marked current:\n%s", tc.role, tc.path, tc.current, nav)
		}
		for _, want := range tc.has {
			if !strings.Contains(nav, want) {
				t.Errorf("%s: the navigation lacks %s", tc.role, want)
			}
		}
		for _, not := range tc.lacks {
			if strings.Contains(nav, not) {
				t.Errorf("%s: the navigation offers %s, which the role may not use", tc.role, not)
			}
		}
	}
	if public := e.client().get("/missions"); strings.Contains(public.Body, "staff-nav") {
		t.Error("a public page shows the staff navigation")
	}
}

// TestFormsARoleCannotSaveAreReadOnly: an officer sees a record's form with
// its fields disabled, no save button and a line saying why, and the
// server still refuses the save.
func TestFormsARoleCannotSaveAreReadOnly(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	path := "/staff/record/entity/kapyl-district"
	officer := e.client()
	officer.login("officer")
	page := officer.get(path)
	form := regexp.MustCompile(`(?s)<form method="post" action="` + regexp.QuoteMeta(path) + `".*?</form>`).FindString(page.Body)
	if form == "" {
		t.Fatalf("no record form:\n%.1500s", page.Body)
	}
	if !strings.Contains(form, `<fieldset class="bare" disabled`) || strings.Contains(form, `type="submit"`) {
		t.Errorf("the officer's form is editable:\n%s", form)
	}
	if !strings.Contains(page.Body, "your role (Officer) may not save it") {
		t.Error("the read-only form does not say why")
	}
	if res := officer.post(path, url.Values{"id": {"kapyl-district"}}); res.Status != http.StatusForbidden {
		t.Errorf("an officer's save: %d, want 403", res.Status)
	}
	consul := e.client()
	consul.login("consul")
	form = regexp.MustCompile(`(?s)<form method="post" action="` + regexp.QuoteMeta(path) + `".*?</form>`).FindString(consul.get(path).Body)
	if strings.Contains(form, "disabled") || !strings.Contains(form, `type="submit"`) {
		t.Errorf("the consul's form is not editable:\n%s", form)
	}
	for _, p := range []string{"/staff/missions/by-cg-chongqing", "/staff/events/" + forumID, "/staff/services/cq-visa"} {
		if b := officer.get(p).Body; !strings.Contains(b, `id="read-only"`) {
			t.Errorf("%s: an officer is not told the settings are read-only", p)
		}
	}
}

// bookOnFirstDecember books Li Wei's visa appointment at 09:00 on 1 December 2026 through the API.
func bookOnFirstDecember(t *testing.T, c *client) bookingAnswer {
	t.Helper()
	res := c.postJSON("/api/v1/bookings", bookingJSON("2026-12-01T09:00:00+08:00", "li.wei@example.com"), nil)
	if res.Status != http.StatusCreated {
		t.Fatalf("booking: %d %s", res.Status, res.Body)
	}
	return decodeBooking(t, res)
}

// TestAttendanceIsNamedAndCanBeUndone: the day sheet's buttons say what
// they do; after a mark the page names the person and offers to undo,
// and the undo restores the booking as expected, audited.
func TestAttendanceIsNamedAndCanBeUndone(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	c := e.client()
	b := bookOnFirstDecember(t, c)
	c.login("officer")
	page := c.get("/staff/missions/by-cg-chongqing/day?date=2026-12-01")
	for _, want := range []string{">Mark as arrived<", ">Mark as no-show<", ">Resend confirmation<"} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("the day sheet lacks the button %s", want)
		}
	}
	for _, from := range []booking.Status{booking.NoShow, booking.CheckedIn} {
		res := c.post("/staff/bookings/"+b.Reference+"/attendance", url.Values{"status": {string(from)}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("mark %s: %d %s", from, res.Status, res.Body)
		}
		page = c.get(res.Header.Get("Location"))
		undo := `action="/staff/bookings/` + b.Reference + `/attendance/undo"`
		if !strings.Contains(page.Body, "Li Wei ("+b.Reference+") is marked as") || !strings.Contains(page.Body, undo) {
			t.Fatalf("after marking %s, no message with an undo:\n%.3000s", from, page.Body)
		}
		res = c.post("/staff/bookings/"+b.Reference+"/attendance/undo", url.Values{"from": {string(from)}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("undo %s: %d %s", from, res.Status, res.Body)
		}
		page = c.get(res.Header.Get("Location"))
		if !strings.Contains(page.Body, "Expected (1)") || !strings.Contains(page.Body, "is undone") {
			t.Errorf("after undoing %s the booking is not expected again", from)
		}
		entries, _ := e.DB.AuditLog(context.Background(), store.AuditFilter{Action: "booking.attendance_undo", Limit: 1})
		if len(entries) != 1 || entries[0].Actor != "officer" || !strings.Contains(entries[0].Before, string(from)) || !strings.Contains(entries[0].After, "confirmed") {
			t.Errorf("the undo is not audited: %+v", entries)
		}
	}
	if again := c.post("/staff/bookings/"+b.Reference+"/attendance/undo", url.Values{"from": {"checked_in"}}); again.Status != http.StatusConflict {
		t.Errorf("undoing a mark that is not there: %d, want 409", again.Status)
	}
	if bad := c.post("/staff/bookings/"+b.Reference+"/attendance/undo", url.Values{"from": {"cancelled"}}); bad.Status != http.StatusBadRequest {
		t.Errorf("undoing a cancellation: %d, want 400", bad.Status)
	}
	got := c.get("/api/v1/bookings/" + b.Reference + "?token=" + b.Token)
	if !strings.Contains(got.Body, `"status": "confirmed"`) {
		t.Errorf("the booking is not confirmed again: %s", got.Body)
	}
	// A no-show who has booked again since keeps the new booking: the
	// mark of the old one cannot be undone.
	c.post("/staff/bookings/"+b.Reference+"/attendance", url.Values{"status": {"no_show"}})
	if res := c.postJSON("/api/v1/bookings", bookingJSON("2026-12-02T09:00:00+08:00", "li.wei@example.com"), nil); res.Status != http.StatusCreated {
		t.Fatalf("booking again: %d %s", res.Status, res.Body)
	}
	if res := c.post("/staff/bookings/"+b.Reference+"/attendance/undo", url.Values{"from": {"no_show"}}); res.Status != http.StatusConflict ||
		!strings.Contains(res.Body, "has booked this service again") {
		t.Errorf("undoing the no-show of a person who booked again: %d", res.Status)
	}
}

// TestEventCheckInCanBeUndone: an event's check-in is named and undone likewise.
func TestEventCheckInCanBeUndone(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	ref := eventFixtures(t, e)
	c := e.client()
	c.login("officer")
	res := c.post("/staff/registrations/"+ref+"/check-in", nil)
	if res.Status != http.StatusSeeOther {
		t.Fatalf("check-in: %d %s", res.Status, res.Body)
	}
	page := c.get(res.Header.Get("Location"))
	if !strings.Contains(page.Body, "is marked as arrived") || !strings.Contains(page.Body, `action="/staff/registrations/`+ref+`/check-in/undo"`) {
		t.Fatalf("no message with an undo:\n%.3000s", page.Body)
	}
	if res = c.post("/staff/registrations/"+ref+"/check-in/undo", nil); res.Status != http.StatusSeeOther {
		t.Fatalf("undo: %d %s", res.Status, res.Body)
	}
	reg, _ := e.DB.Registration(context.Background(), ref)
	if reg.Status != events.Registered {
		t.Errorf("after the undo: %s", reg.Status)
	}
	if entries, _ := e.DB.AuditLog(context.Background(), store.AuditFilter{Action: "registration.check_in_undo", EntityID: ref, Limit: 1}); len(entries) != 1 {
		t.Error("the undo is not audited")
	}
}

// TestResendQueuesMailAndAudits: resending a booking's confirmation queues
// a mail with a new manage link that works (the old one no longer does)
// and writes the audit log; so does a registration's.
func TestResendQueuesMailAndAudits(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	ctx := context.Background()
	c := e.client()
	b := bookOnFirstDecember(t, c)
	c.login("officer")
	var res response
	for i := 0; i < 2; i++ { // twice: an applicant may lose the mail again
		res = c.post("/staff/bookings/"+b.Reference+"/resend", nil)
		if res.Status != http.StatusSeeOther {
			t.Fatalf("resend: %d %s", res.Status, res.Body)
		}
	}
	if page := c.get(res.Header.Get("Location")); !strings.Contains(page.Body, "is queued in the outbox with a new manage link") {
		t.Error("the day sheet does not say the mail went")
	}
	msgs, err := e.DB.Outbox(ctx, store.OutboxQuery{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	var resent []store.Message
	for _, m := range msgs {
		if m.Kind == "resent" {
			resent = append(resent, m)
		}
	}
	if len(resent) != 2 || resent[0].To != "li.wei@example.com" {
		t.Fatalf("resent messages: %+v", resent)
	}
	link := regexp.MustCompile(`/bookings/` + b.Reference + `\?token=([A-Za-z0-9_-]+)`).FindStringSubmatch(resent[0].Body)
	if link == nil {
		t.Fatalf("no manage link in the mail:\n%s", resent[0].Body)
	}
	if _, err := e.DB.BookingByToken(ctx, b.Reference, link[1]); err != nil {
		t.Errorf("the new manage link does not work: %v", err)
	}
	if _, err := e.DB.BookingByToken(ctx, b.Reference, b.Token); err == nil {
		t.Error("the old manage link still works")
	}
	entries, _ := e.DB.AuditLog(ctx, store.AuditFilter{Action: "booking.resend", EntityID: b.Reference})
	if len(entries) != 2 || entries[0].Actor != "officer" || strings.Contains(entries[0].After, link[1]) || strings.Contains(entries[0].After, "li.wei") {
		t.Errorf("resend audit: %+v", entries)
	}
	if res := c.post("/staff/bookings/NO-SUCH/resend", nil); res.Status != http.StatusNotFound {
		t.Errorf("resend of an unknown booking: %d", res.Status)
	}

	reg := eventFixtures(t, e)
	if res := c.post("/staff/registrations/"+reg+"/resend", nil); res.Status != http.StatusSeeOther {
		t.Fatalf("registration resend: %d %s", res.Status, res.Body)
	}
	if entries, _ := e.DB.AuditLog(ctx, store.AuditFilter{Action: "registration.resend", EntityID: reg}); len(entries) != 1 {
		t.Error("the registration's resend is not audited")
	}
	after, _ := e.DB.Outbox(ctx, store.OutboxQuery{Limit: 1})
	if len(after) == 0 || after[0].To != "wang.fang@example.com" || !strings.Contains(after[0].Body, "/registrations/"+reg+"?token=") {
		t.Errorf("no registration mail with a manage link queued: %+v", after)
	}
}

// TestAuditLogFiltersPagesAndDiffs: the audit page filters by who, what,
// object and dates, pages 50 at a time with links that keep the filters,
// and shows each change field by field.
func TestAuditLogFiltersPagesAndDiffs(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	consul := e.client()
	consul.login("consul")
	for i := 0; i < 55; i++ {
		res := consul.post("/staff/sources", url.Values{"id": {fmt.Sprintf("desk-source-%02d", i)}, "title": {fmt.Sprintf("Desk source %02d", i)}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("add source: %d %s", res.Status, res.Body)
		}
	}
	page := consul.get("/staff/audit?who=consul&what=source.create")
	if page.Status != 200 {
		t.Fatalf("audit: %d %s", page.Status, page.Body)
	}
	rows := regexp.MustCompile(`href="/staff/audit\?object=source&amp;id=desk-source-\d\d"`).FindAllString(page.Body, -1)
	if len(rows) != 50 {
		t.Errorf("the first page has %d entries, want 50", len(rows))
	}
	if !strings.Contains(page.Body, "desk-source-54") || strings.Contains(page.Body, "desk-source-04\"") {
		t.Error("the first page is not the newest 50")
	}
	// The diff: a field, its value before (none) and after.
	if !strings.Contains(page.Body, "<th scope=\"row\">Title</th><td>—</td><td><ins>Desk source 54</ins></td>") &&
		!regexp.MustCompile(`<th scope="row">[^<]*</th><td>—</td><td><ins>Desk source 54</ins></td>`).MatchString(page.Body) {
		t.Errorf("no field-by-field diff:\n%.4000s", page.Body)
	}
	if strings.Contains(page.Body, "<code>{") {
		t.Error("the audit page still shows raw JSON")
	}
	older := regexp.MustCompile(`<a href="([^"]+)" rel="next">`).FindStringSubmatch(page.Body)
	if older == nil {
		t.Fatal("no link to older entries")
	}
	next := strings.ReplaceAll(older[1], "&amp;", "&")
	if !strings.Contains(next, "who=consul") || !strings.Contains(next, "what=source.create") {
		t.Errorf("the older link drops the filters: %s", next)
	}
	page2 := consul.get(next)
	if n := len(regexp.MustCompile(`href="/staff/audit\?object=source&amp;id=desk-source-\d\d"`).FindAllString(page2.Body, -1)); n != 5 {
		t.Errorf("the second page has %d entries, want 5", n)
	}
	if strings.Contains(page2.Body, `rel="next"`) {
		t.Error("the last page links to older entries")
	}
	newer := regexp.MustCompile(`<a href="([^"]+)" rel="prev">`).FindStringSubmatch(page2.Body)
	if newer == nil {
		t.Fatal("no link back to newer entries")
	}
	back := consul.get(strings.ReplaceAll(newer[1], "&amp;", "&"))
	if n := len(regexp.MustCompile(`href="/staff/audit\?object=source&amp;id=desk-source-\d\d"`).FindAllString(back.Body, -1)); n != 50 || !strings.Contains(back.Body, "desk-source-54") {
		t.Errorf("back to newer: %d entries", n)
	}
	if strings.Contains(back.Body, `rel="prev"`) {
		t.Error("the newest page links to newer entries")
	}
	// Object and dates.
	one := consul.get("/staff/audit?object=source&id=desk-source-07")
	if n := strings.Count(one.Body, "<ins>Desk source"); n != 1 || !strings.Contains(one.Body, "Desk source 07") {
		t.Errorf("the object filter shows %d entries", n)
	}
	today := e.DB.Now().In(time.FixedZone("CST", 8*3600)).Format("2006-01-02")
	tomorrow := e.DB.Now().In(time.FixedZone("CST", 8*3600)).AddDate(0, 0, 1).Format("2006-01-02")
	if b := consul.get("/staff/audit?what=source.create&from=" + today + "&to=" + today).Body; !strings.Contains(b, "desk-source-54") {
		t.Error("the date filter hides today's entries")
	}
	if b := consul.get("/staff/audit?what=source.create&from=" + tomorrow).Body; strings.Contains(b, "desk-source-54") {
		t.Error("the date filter shows entries before its day")
	}
	if bad := consul.get("/staff/audit?from=2026-02-30"); bad.Status != http.StatusBadRequest {
		t.Errorf("a bad date: %d, want 400", bad.Status)
	}
	if bad := consul.get("/staff/audit?before=x"); bad.Status != http.StatusBadRequest {
		t.Errorf("a bad page: %d, want 400", bad.Status)
	}
	// The store's filter, directly: an unknown actor matches nothing.
	if entries, _ := e.DB.AuditLog(ctx, store.AuditFilter{Actor: "nobody", Limit: 10}); len(entries) != 0 {
		t.Errorf("an unknown actor matches %d entries", len(entries))
	}
}

// TestServicePlacesArePaged: a service's places come a few days a page,
// with next and previous links, and a hold returns to its page.
func TestServicePlacesArePaged(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	c := e.client()
	c.login("consul")
	first := c.get("/staff/services/cq-visa")
	if n := strings.Count(first.Body, `action="/staff/services/cq-visa/hold-day"`); n == 0 || n > 3 {
		t.Errorf("the first page has %d days' hold forms, want 1 to 3", n)
	}
	if !strings.Contains(first.Body, `href="/staff/services/cq-visa?page=2" rel="next"`) || strings.Contains(first.Body, `rel="prev"`) {
		t.Error("the first page's links are wrong")
	}
	last := c.get("/staff/services/cq-visa?page=5")
	if last.Status != 200 || !strings.Contains(last.Body, `href="/staff/services/cq-visa?page=4" rel="prev"`) || strings.Contains(last.Body, `rel="next"`) {
		t.Errorf("the last page: %d", last.Status)
	}
	if bad := c.get("/staff/services/cq-visa?page=6"); bad.Status != http.StatusBadRequest {
		t.Errorf("a page past the end: %d, want 400", bad.Status)
	}
	if strings.Contains(first.Body, "Tuesday, 1 December 2026") || !strings.Contains(c.get("/staff/services/cq-visa?page=3").Body, "Tuesday, 1 December 2026") {
		t.Error("1 December (the 9th day) is not on page 3")
	}
	nine := time.Date(2026, 12, 1, 1, 0, 0, 0, time.UTC).UnixMilli()
	res := c.post("/staff/services/cq-visa/hold", url.Values{"start": {fmt.Sprint(nine)}, "held": {"1"}, "page": {"3"}})
	if res.Status != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "page=3") {
		t.Errorf("a hold does not return to its page: %d %s", res.Status, res.Header.Get("Location"))
	}
}

// TestRegistrationListIsPaged: an event's list comes 100 registrations a
// page, the groups counting every page, with links between the pages.
func TestRegistrationListIsPaged(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	ctx := context.Background()
	openForum(t, e, 150, true)
	for i := 0; i < 120; i++ {
		_, hash := booking.NewToken()
		if _, _, err := e.DB.Register(ctx, store.RegisterInput{EventID: forumID, Reference: booking.NewReference(), TokenHash: hash,
			Registrant: events.Registrant{Name: fmt.Sprintf("Guest %03d", i), Email: fmt.Sprintf("guest%03d@example.com", i), Lang: "en"}}); err != nil {
			t.Fatal(err)
		}
	}
	c := e.client()
	c.login("officer")
	list := "/staff/events/" + forumID + "/registrations"
	first := c.get(list)
	if n := strings.Count(first.Body, `action="/staff/registrations/`) / 2; n != 100 { // each row: mark as arrived, resend
		t.Errorf("the first page lists %d registrations, want 100", n)
	}
	if !strings.Contains(first.Body, "Expected (120)") || !strings.Contains(first.Body, `href="`+list+`?page=2" rel="next"`) {
		t.Error("the first page does not count every registration or link the next page")
	}
	second := c.get(list + "?page=2")
	if !strings.Contains(second.Body, "Guest 119") || strings.Contains(second.Body, "Guest 000<") || !strings.Contains(second.Body, `rel="prev"`) {
		t.Error("the second page is not the rest of the list")
	}
	if bad := c.get(list + "?page=3"); bad.Status != http.StatusBadRequest {
		t.Errorf("a page past the end: %d, want 400", bad.Status)
	}
}
