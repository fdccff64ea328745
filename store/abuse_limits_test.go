package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/store"
)

// TestAbuse03FullNotCountedAgainstPerson: a booking refused because its
// slot or its day is full counts against the client's limit, not the
// person's; the booking that succeeded counts against both.
func TestAbuse03FullNotCountedAgainstPerson(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name            string
		capacity, quota int
		full            error
	}{{"slot full", 1, 0, booking.ErrSlotFull}, {"day full", 5, 1, booking.ErrDayFull}} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			db := seeded(t)
			svc := visaService(t, db, tc.capacity, tc.quota)
			client, person := "book-ip:198.51.100.3", "book-who:198.51.100.3 p@example.com"
			for i := range 4 {
				in := bookInput(svc, i)
				in.Limits, in.LimitWindow = []store.Limit{{Bucket: client, Max: 100}, {Bucket: person, Max: 100, NotWhenFull: true}}, time.Hour
				_, _, err := db.Book(context.Background(), in)
				if i == 0 && err != nil {
					t.Fatal(err)
				}
				if i > 0 && !errors.Is(err, tc.full) {
					t.Fatalf("attempt %d: %v, want %v", i, err, tc.full)
				}
			}
			hits(t, db, client, 4)
			hits(t, db, person, 1)
		})
	}
}
