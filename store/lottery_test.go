package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/store"
)

func TestLotteryRelease(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	now := time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	_, rel := openRelease(t, db, now, 3)
	for i := range 10 {
		a := booking.Applicant{Name: "P", Email: fmt.Sprintf("p%d@example.com", i), Phone: "+86 138 0000 0000", Lang: "en"}
		enter(t, db, rel.ID, a)
		if i < 4 { // repeats count as requests, not as people
			if _, err := db.RequestPlace(ctx, rel.ID, store.Entry{Applicant: a}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := db.Draw(ctx, admin, rel.ID, "seed", nil); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Fatalf("a draw while the release is open: %v", err)
	}
	now = now.Add(2 * time.Hour)
	if _, err := db.RequestPlace(ctx, rel.ID, store.Entry{Applicant: booking.Applicant{Name: "Late", Email: "late@example.com", Phone: "+86 138 0000 0000"}}); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Fatalf("a request after the window: %v", err)
	}
	winner := func(a booking.Applicant) (string, string, func(booking.Booking) ([]store.Message, error)) {
		_, hash := booking.NewToken()
		return booking.NewReference(), hash, nil
	}
	st, err := db.Draw(ctx, admin, rel.ID, "recorded-seed", winner)
	if err != nil {
		t.Fatal(err)
	}
	if st.Requests != 14 || st.Identities != 10 || st.Allocated != 3 || st.Unallocated != 0 {
		t.Fatalf("stats %+v", st)
	}
	if _, err := db.Draw(ctx, admin, rel.ID, "another-seed", winner); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Fatalf("a second draw: %v", err)
	}
	got, _, err := db.Release(ctx, rel.ID)
	if err != nil || got.Seed != "recorded-seed" || got.DrawnAt.IsZero() {
		t.Fatalf("release after the draw %+v %v", got, err)
	}
	// The winners are exactly those booking.Draw names for the recorded seed.
	var entries []booking.Entry
	for i := range 10 {
		entries = append(entries, booking.Entry{ID: int64(i), Identity: fmt.Sprintf("p%d@example.com", i)})
	}
	want, _ := booking.Draw("recorded-seed", entries, 3)
	booked, _ := db.ConfirmedBetween(ctx, slotStart, slotStart.Add(time.Minute))
	if len(booked) != 3 {
		t.Fatalf("%d bookings", len(booked))
	}
	for i, b := range booked {
		found := false
		for _, w := range want {
			found = found || w.Identity == b.Applicant.Email
		}
		if !found {
			t.Errorf("booking %d went to %s, who did not win the recorded draw", i, b.Applicant.Email)
		}
	}
}

// enter makes a request in a release and confirms its address, as the
// applicant does with the code mailed to them; it returns the request's id.
func enter(t *testing.T, db *store.DB, releaseID int64, a booking.Applicant) int64 {
	t.Helper()
	code, hash := booking.NewToken()
	id, err := db.RequestPlace(context.Background(), releaseID, store.Entry{Applicant: a, VerifyHash: hash})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.VerifyRequest(context.Background(), releaseID, id, code); err != nil {
		t.Fatal(err)
	}
	return id
}
