package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/store"
)

// entryLink finds the confirmation link in a lottery entry's mail.
var entryLink = regexp.MustCompile(`/releases/(\d+)/requests/(\d+)/verify\?code=(\S+)`)

// enterRelease asks for a place in a release through the API with body,
// and confirms the address with the link the mail carries, as the person
// would; it returns the confirmation's answer.
func enterRelease(t *testing.T, e *testEnv, c *client, releaseID int64, body string) response {
	t.Helper()
	res := c.postJSON(fmt.Sprintf("/api/v1/releases/%d/requests", releaseID), body, nil)
	if res.Status != http.StatusAccepted {
		t.Fatalf("request: %d %s", res.Status, res.Body)
	}
	var got struct{ Request int64 }
	if err := json.Unmarshal([]byte(res.Body), &got); err != nil || got.Request == 0 {
		t.Fatalf("request answer %s: %v", res.Body, err)
	}
	msgs, err := e.DB.Outbox(context.Background(), store.OutboxQuery{Limit: 1})
	if err != nil || len(msgs) != 1 {
		t.Fatalf("outbox %v %v", msgs, err)
	}
	m := entryLink.FindStringSubmatch(msgs[0].Body)
	if m == nil || m[2] != fmt.Sprint(got.Request) {
		t.Fatalf("no confirmation link for request %d in %q", got.Request, msgs[0].Body)
	}
	return c.postJSON(fmt.Sprintf("/api/v1/releases/%d/requests/%s/verify", releaseID, m[2]), fmt.Sprintf(`{"code":%q}`, m[3]), nil)
}

// openLotteryRelease makes the lottery service and opens a release of its slot
// on 2026-12-01 at 09:00 in Chongqing, taking requests for the next hour.
func openLotteryRelease(t *testing.T, e *testEnv) store.Release {
	t.Helper()
	ctx := context.Background()
	if _, err := e.DB.SaveService(ctx, store.Actor{Name: "test"}, lotteryService); err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 12, 1, 1, 0, 0, 0, time.UTC)
	rel, err := e.DB.CreateRelease(ctx, store.Actor{Name: "test"}, store.Release{ServiceID: lotteryService.ID, Start: start,
		End: start.Add(20 * time.Minute), Opens: bookingNow, Closes: bookingNow.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	return rel
}

// lotteryJSON is a direct booking of the lottery service at start.
func lotteryJSON(start, email string) string {
	return fmt.Sprintf(`{"service":"cq-lottery","start":%q,"name":"Bot","email":%q,"phone":"+86 138 0000 0000"}`, start, email)
}

// TestAbuse01LotteryDirectBooking: while a release of a lottery service is
// undrawn, its slot is not listed and direct bookings and reschedules into
// it are refused with 409 lottery_only, so every entrant can still win
// its places; after the draw, places it left free are open again.
func TestAbuse01LotteryDirectBooking(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	rel := openLotteryRelease(t, e)
	c := e.client()
	const released, other = "2026-12-01T09:00:00+08:00", "2026-12-01T09:20:00+08:00"

	for i := range 3 {
		if r := enterRelease(t, e, c, rel.ID, fmt.Sprintf(`{"name":"P %d","email":"p%d@example.com","phone":"+86 138 0000 0000"}`, i, i)); r.Status != http.StatusOK {
			t.Fatalf("entering: %d %s", r.Status, r.Body)
		}
	}
	for i := range 2 {
		res := c.postJSON("/api/v1/bookings", lotteryJSON(released, fmt.Sprintf("bot%d@example.com", i)), nil)
		if a := decodeBooking(t, res); res.Status != http.StatusConflict || a.Error.Code != "lottery_only" || a.Error.Message == "" {
			t.Fatalf("direct booking %d into a lottery place: %d %s", i, res.Status, res.Body)
		}
	}
	slots := c.get("/api/v1/missions/by-cg-chongqing/slots?service=cq-lottery&from=2026-12-01&to=2026-12-01")
	if slots.Status != http.StatusOK || strings.Contains(slots.Body, released) || !strings.Contains(slots.Body, other) {
		t.Fatalf("slots list the lottery place, or not the others: %d %s", slots.Status, slots.Body)
	}
	week := c.get("/missions/by-cg-chongqing/book/cq-lottery?day=2026-12-01")
	offered := func(at string) bool {
		return strings.Contains(week.Body, `value="`+strings.ReplaceAll(at, "+", "&#43;")+`"`)
	}
	if week.Status != http.StatusOK || offered(released) || !offered(other) {
		t.Fatalf("the week page offers the lottery place, or not the others: %d", week.Status)
	}

	// The booking pages refuse it alike, with the reason in the reader's language.
	details := "/missions/by-cg-chongqing/book/cq-lottery/details?start=" + url.QueryEscape(released)
	if res := c.get(details); res.Status != http.StatusConflict || !strings.Contains(res.Body, "given out by lottery") {
		t.Fatalf("the details form of a lottery place: %d\n%.600s", res.Status, res.Body)
	}
	form := url.Values{"csrf": {pageCSRF(t, c.get("/missions/by-cg-chongqing/book/cq-lottery/details?start="+url.QueryEscape(other)))},
		"name": {"Bot"}, "email": {"page.bot@example.com"},
		"phone": {"+86 138 0000 0000"}, "start": {released}, "key": {"page-bot-lottery-0001"}}
	if res := c.post("/missions/by-cg-chongqing/book/cq-lottery/confirm", form); res.Status != http.StatusConflict ||
		!strings.Contains(res.Body, "given out by lottery") {
		t.Fatalf("the booking page into a lottery place: %d\n%.600s", res.Status, res.Body)
	}

	// A booking of another time cannot be moved into the lottery place.
	res := c.postJSON("/api/v1/bookings", lotteryJSON(other, "mover@example.com"), nil)
	b := decodeBooking(t, res)
	if res.Status != http.StatusCreated {
		t.Fatalf("a booking of an open time: %d %s", res.Status, res.Body)
	}
	move := c.postJSON("/api/v1/bookings/"+b.Reference+"/reschedule", fmt.Sprintf(`{"start":%q}`, released),
		map[string]string{"Authorization": "Bearer " + b.Token})
	if a := decodeBooking(t, move); move.Status != http.StatusConflict || a.Error.Code != "lottery_only" {
		t.Fatalf("a reschedule into a lottery place: %d %s", move.Status, move.Body)
	}
	movePath := "/bookings/" + b.Reference + "/reschedule?lang=ru&token=" + url.QueryEscape(b.Token)
	form = url.Values{"csrf": {pageCSRF(t, c.get(movePath))}, "start": {released}}
	if res := c.post(movePath, form); res.Status != http.StatusConflict || !strings.Contains(res.Body, "распределяются по жребию") {
		t.Fatalf("the move page into a lottery place, in Russian: %d\n%.600s", res.Status, res.Body)
	}

	e.DB.Now = func() time.Time { return bookingNow.Add(2 * time.Hour) }
	st, err := e.DB.Draw(context.Background(), store.Actor{Name: "test"}, rel.ID, "seed", func(a booking.Applicant) (string, string, func(booking.Booking) ([]store.Message, error)) {
		_, hash := booking.NewToken()
		return booking.NewReference(), hash, nil
	})
	if err != nil || st.Allocated != lotteryService.Capacity || st.Identities != 3 {
		t.Fatalf("the draw gave %+v (%v); every place should go to an entrant", st, err)
	}
}

// TestAbuse01DeskLotteryMode: staff who may configure services switch a
// service to lottery mode and back on its form, with a confirmation and
// an audit entry each time; others may not.
func TestAbuse01DeskLotteryMode(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	form := func(mode string) url.Values {
		return url.Values{"capacity": {"2"}, "duration_minutes": {"20"}, "window_days": {"30"}, "min_notice_hours": {"24"},
			"daily_quota": {"0"}, "active": {"yes"}, "mode": {mode}}
	}
	officer := e.client()
	officer.login("officer")
	if res := officer.post("/staff/services/cq-visa", form("lottery")); res.Status != http.StatusForbidden {
		t.Fatalf("an officer switched the mode: %d", res.Status)
	}
	c := e.client()
	c.login("consul")
	for _, step := range []struct{ mode, says string }{
		{"lottery", "now gives out released times by lottery"},
		{"open", "now takes bookings first come, first served"},
	} {
		res := c.post("/staff/services/cq-visa", form(step.mode))
		if res.Status != http.StatusSeeOther {
			t.Fatalf("switching to %s: %d\n%.600s", step.mode, res.Status, res.Body)
		}
		page := c.get(res.Header.Get("Location"))
		if !strings.Contains(page.Body, step.says) || !strings.Contains(page.Body, `value="`+step.mode+`" checked`) {
			t.Fatalf("the service page after switching to %s:\n%.1500s", step.mode, page.Body)
		}
		svc, err := e.DB.Service(context.Background(), "cq-visa")
		if err != nil || string(svc.Mode) != step.mode {
			t.Fatalf("mode %q after switching to %s (%v)", svc.Mode, step.mode, err)
		}
		log, err := e.DB.AuditLog(context.Background(), store.AuditFilter{Entity: "service", EntityID: "cq-visa", Limit: 1})
		if err != nil || len(log) != 1 || log[0].Action != "service.update" || !strings.Contains(log[0].After, `"Mode":"`+step.mode+`"`) {
			t.Fatalf("the audit log after switching to %s: %+v %v", step.mode, log, err)
		}
	}
	if res := c.post("/staff/services/cq-visa", form("raffle")); res.Status != http.StatusBadRequest {
		t.Fatalf("an unknown mode: %d", res.Status)
	}
}

// TestAbuse01ReleaseHidesListedSlot: a slot listed as free stops being
// listed as soon as staff release it to a lottery, although the listing
// was read (and kept) before: the release changes the availability
// revision that keys kept listings, on every instance.
func TestAbuse01ReleaseHidesListedSlot(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	ctx := context.Background()
	if _, err := e.DB.SaveService(ctx, store.Actor{Name: "test"}, lotteryService); err != nil {
		t.Fatal(err)
	}
	c := e.client()
	const path, released = "/api/v1/missions/by-cg-chongqing/slots?service=cq-lottery&from=2026-12-01&to=2026-12-01", "2026-12-01T09:00:00+08:00"
	if res := c.get(path); res.Status != http.StatusOK || !strings.Contains(res.Body, released) {
		t.Fatalf("before the release the slot is listed: %d %s", res.Status, res.Body)
	}
	start := time.Date(2026, 12, 1, 1, 0, 0, 0, time.UTC)
	if _, err := e.DB.CreateRelease(ctx, store.Actor{Name: "test"}, store.Release{ServiceID: lotteryService.ID, Start: start,
		End: start.Add(20 * time.Minute), Opens: bookingNow, Closes: bookingNow.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if res := c.get(path); res.Status != http.StatusOK || strings.Contains(res.Body, released) {
		t.Fatalf("after the release the slot is still listed: %d %s", res.Status, res.Body)
	}
}
