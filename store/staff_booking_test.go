package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/store"
)

// TestHoldPlaces: staff hold places back only from what nobody has booked,
// a held place cannot be booked, and every hold is audited.
func TestHoldPlaces(t *testing.T) {
	t.Parallel()
	db := seeded(t)
	ctx := context.Background()
	svc := visaService(t, db, 2, 0)
	slot := booking.Slot{ServiceID: svc.ID, Start: slotStart, End: slotStart.Add(20 * time.Minute)}
	got, err := db.HoldPlaces(ctx, admin, svc, slot, 1)
	if err != nil || got.Held != 1 || got.Capacity != 2 || got.Available() != 1 {
		t.Fatalf("hold one: %+v %v", got, err)
	}
	if _, _, err := db.Book(ctx, bookInput(svc, 1)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.Book(ctx, bookInput(svc, 2)); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Fatalf("booking a held place: %v", err)
	}
	if _, err := db.HoldPlaces(ctx, admin, svc, slot, 2); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Fatalf("holding a booked place: %v", err)
	}
	if _, err := db.HoldPlaces(ctx, admin, svc, slot, -1); chancery.ErrorCode(err) != chancery.EINVALID {
		t.Fatalf("a negative hold: %v", err)
	}
	if got, err := db.HoldPlaces(ctx, admin, svc, slot, 0); err != nil || got.Available() != 1 || got.Booked != 1 {
		t.Fatalf("release: %+v %v", got, err)
	}
	entries, _ := db.AuditLog(ctx, store.AuditFilter{Entity: "service", EntityID: svc.ID, Limit: 10})
	holds := 0
	for _, e := range entries {
		if e.Action == "slot.hold" {
			holds++
		}
	}
	if holds != 2 {
		t.Fatalf("%d holds audited, want 2", holds)
	}
}

// TestMarkAttendance: only a confirmed booking is checked in or marked
// absent, once; the day's list shows every state.
func TestMarkAttendance(t *testing.T) {
	t.Parallel()
	db := seeded(t)
	ctx := context.Background()
	svc := visaService(t, db, 2, 0)
	b, _, err := db.Book(ctx, bookInput(svc, 1))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.MarkAttendance(ctx, admin, b.Reference, booking.Cancelled); chancery.ErrorCode(err) != chancery.EINVALID {
		t.Fatalf("an attendance that is not one: %v", err)
	}
	got, err := db.MarkAttendance(ctx, admin, b.Reference, booking.NoShow)
	if err != nil || got.Status != booking.NoShow {
		t.Fatalf("no-show: %+v %v", got, err)
	}
	if _, err := db.MarkAttendance(ctx, admin, b.Reference, booking.CheckedIn); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Fatalf("marked twice: %v", err)
	}
	if _, err := db.MarkAttendance(ctx, admin, "NONE-0000", booking.CheckedIn); chancery.ErrorCode(err) != chancery.ENOTFOUND {
		t.Fatalf("an unknown booking: %v", err)
	}
	day, err := db.Bookings(ctx, "by-cg-chongqing", slotStart.Add(-time.Hour), slotStart.Add(time.Hour))
	if err != nil || len(day) != 1 || day[0].Status != booking.NoShow {
		t.Fatalf("day sheet: %+v %v", day, err)
	}
}

// TestClosures: a closure closes the day in the mission's calendar at once,
// is refused twice, and can be removed.
func TestClosures(t *testing.T) {
	t.Parallel()
	db := seeded(t)
	ctx := context.Background()
	if _, err := db.AddClosure(ctx, admin, store.Closure{MissionID: "by-cg-chongqing", Day: "2026-12-01", Reason: "Staff training"}, nil); err != nil {
		t.Fatal(err)
	}
	cal, err := db.MissionCalendar(ctx, "by-cg-chongqing")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := cal.Closures[mustDate(t, "2026-12-01")]; !ok {
		t.Fatal("the calendar does not know the closure")
	}
	for _, c := range []store.Closure{{MissionID: "by-cg-chongqing", Day: "2026-12-01", Reason: "Again"},
		{MissionID: "by-cg-chongqing", Day: "2026-12-02"}, {MissionID: "by-cg-chongqing", Day: "2026-02-30", Reason: "x"},
		{MissionID: "nowhere", Day: "2026-12-02", Reason: "x"}} {
		if _, err := db.AddClosure(ctx, admin, c, nil); err == nil {
			t.Errorf("closure %+v accepted", c)
		}
	}
	if err := db.DeleteClosure(ctx, admin, "by-cg-chongqing", "2026-12-01"); err != nil {
		t.Fatal(err)
	}
	if err := db.DeleteClosure(ctx, admin, "by-cg-chongqing", "2026-12-01"); chancery.ErrorCode(err) != chancery.ENOTFOUND {
		t.Fatalf("removed twice: %v", err)
	}
	if cs, _ := db.Closures(ctx, "by-cg-chongqing"); len(cs) != 0 {
		t.Fatalf("closures left: %+v", cs)
	}
}

func mustDate(t *testing.T, s string) calendar.Date {
	t.Helper()
	d, err := calendar.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
