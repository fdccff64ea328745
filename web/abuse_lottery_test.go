package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
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

// openRelease makes the lottery service and opens a release of its slot
// on 2026-12-01 at 09:00 in Chongqing, taking requests for the next hour.
func openRelease(t *testing.T, e *testEnv) store.Release {
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
	rel := openRelease(t, e)
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
	week := c.get("/missions/by-cg-chongqing/book/cq-lottery?week=2026-11-30")
	radio := func(at time.Time) string { return fmt.Sprintf(`id="slot-%d"`, at.Unix()) }
	if week.Status != http.StatusOK || strings.Contains(week.Body, radio(rel.Start)) || !strings.Contains(week.Body, radio(rel.End)) {
		t.Fatalf("the week page offers the lottery place, or not the others: %d", week.Status)
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

	e.DB.Now = func() time.Time { return bookingNow.Add(2 * time.Hour) }
	st, err := e.DB.Draw(context.Background(), store.Actor{Name: "test"}, rel.ID, "seed", func(a booking.Applicant) (string, string, func(booking.Booking) ([]store.Message, error)) {
		_, hash := booking.NewToken()
		return booking.NewReference(), hash, nil
	})
	if err != nil || st.Allocated != lotteryService.Capacity || st.Identities != 3 {
		t.Fatalf("the draw gave %+v (%v); every place should go to an entrant", st, err)
	}
}
