package web_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
)

// slotListing is the API's answer listing a service's slots.
type slotListing struct {
	Slots []struct {
		Start     string
		Capacity  int
		Available int
	}
}

func getSlots(t *testing.T, c *client, from, to string) slotListing {
	t.Helper()
	res := c.get("/api/v1/missions/by-cg-chongqing/slots?service=cq-visa&from=" + from + "&to=" + to)
	var l slotListing
	if res.Status != 200 || json.Unmarshal([]byte(res.Body), &l) != nil {
		t.Fatalf("slots: %d %s", res.Status, res.Body)
	}
	return l
}

// available is the places the listing offers at start; -1 when it does
// not list start.
func (l slotListing) available(start string) int {
	for _, s := range l.Slots {
		if s.Start == start {
			return s.Available
		}
	}
	return -1
}

// TestAbuse19DayQuotaAvailability: once a day's quota is used up, the
// API's listing and the booking page offer none of that day's places,
// and a booking refused there (with or without an Idempotency-Key, so by
// the check before the write and by the write itself) offers next free
// slots on other days only.
func TestAbuse19DayQuotaAvailability(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	ctx := context.Background()
	svc, err := e.DB.Service(ctx, "cq-visa")
	if err != nil {
		t.Fatal(err)
	}
	svc.DailyQuota = 1
	if _, err := e.DB.SaveService(ctx, store.Actor{Name: "test"}, svc); err != nil {
		t.Fatal(err)
	}
	c := e.client()
	// Tuesday 24 November is the first day the minimum notice allows.
	const full = "2026-11-24"
	before := getSlots(t, c, full, full)
	if len(before.Slots) < 2 || before.available(full+"T10:20:00+08:00") <= 0 {
		t.Fatalf("the day offers no places to begin with: %+v", before)
	}
	if res := c.postJSON("/api/v1/bookings", bookingJSON(full+"T10:00:00+08:00", "first@example.com"), nil); res.Status != 201 {
		t.Fatalf("the day's one booking: %d %s", res.Status, res.Body)
	}
	for _, s := range getSlots(t, c, full, full).Slots {
		if s.Available != 0 {
			t.Errorf("%s listed with %d places on a day whose quota is used up", s.Start, s.Available)
		}
	}
	if getSlots(t, c, full, "2026-11-25").available("2026-11-25T10:00:00+08:00") <= 0 {
		t.Error("the next day lost its places too")
	}
	week := c.get("/missions/by-cg-chongqing/book/cq-visa?week=2026-11-23")
	if week.Status != 200 || strings.Contains(week.Body, `value="`+full+`T`) || !strings.Contains(week.Body, `value="2026-11-25T`) {
		t.Errorf("the week page offers the full day or nothing else (%d)", week.Status)
	}
	for i, key := range []string{"", "abuse19-retry"} {
		email := []string{"second@example.com", "third@example.com"}[i]
		h := map[string]string{}
		if key != "" {
			h["Idempotency-Key"] = key
		}
		res := c.postJSON("/api/v1/bookings", bookingJSON(full+"T10:20:00+08:00", email), h)
		a := decodeBooking(t, res)
		if res.Status != 409 || a.Error.Code != "conflict" || len(a.Error.Next) == 0 {
			t.Fatalf("a booking on the full day (key %q): %d %s", key, res.Status, res.Body)
		}
		for _, n := range a.Error.Next {
			if strings.HasPrefix(n.Start, full) {
				t.Errorf("next_free_slots offers %s, on the full day (key %q)", n.Start, key)
			}
		}
	}
}

// TestAbuse22SlotsListingAcrossInstances: the listing an instance serves
// (and keeps while nothing changes) shows at once a booking made through
// another instance and places held through another database handle.
func TestAbuse22SlotsListingAcrossInstances(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	ctx := context.Background()
	other := storetest.OpenDSN(t, e.DSN)
	other.Now = e.DB.Now
	c, c2 := e.client(), newClient(t, e.start(other))
	const day, at, next = "2026-12-01", "2026-12-01T09:00:00+08:00", "2026-12-01T09:20:00+08:00"
	first := getSlots(t, c, day, day)
	places := first.available(at)
	if places <= 0 || getSlots(t, c, day, day).available(at) != places {
		t.Fatalf("the slot offers %d places, then %d", places, getSlots(t, c, day, day).available(at))
	}
	if res := c2.postJSON("/api/v1/bookings", bookingJSON(at, "elsewhere@example.com"), nil); res.Status != 201 {
		t.Fatalf("booking through the other instance: %d %s", res.Status, res.Body)
	}
	if got := getSlots(t, c, day, day).available(at); got != places-1 {
		t.Errorf("after a booking through another instance the slot offers %d places, want %d", got, places-1)
	}
	svc, err := other.Service(ctx, "cq-visa")
	if err != nil {
		t.Fatal(err)
	}
	start, _ := time.Parse(time.RFC3339, next)
	if _, err := other.HoldPlaces(ctx, store.Actor{Name: "test"}, svc, booking.Slot{ServiceID: svc.ID, Start: start,
		End: start.Add(time.Duration(svc.Duration) * time.Minute), Capacity: svc.Capacity}, 1); err != nil {
		t.Fatal(err)
	}
	if got := getSlots(t, c, day, day).available(next); got != first.available(next)-1 {
		t.Errorf("after a hold through another handle the slot offers %d places, want %d", got, first.available(next)-1)
	}
}
