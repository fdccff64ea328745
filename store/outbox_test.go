package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/store"
)

func TestBookingEnqueuesItsConfirmation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	svc := visaService(t, db, 2, 0)
	in := bookInput(svc, 1)
	in.Notify = func(b booking.Booking) ([]store.Message, error) {
		return []store.Message{{Kind: "confirmation", To: b.Applicant.Email, Subject: "Booked " + b.Reference, Body: "See you", ICS: "BEGIN:VCALENDAR", ICSMethod: "REQUEST"}}, nil
	}
	b, _, err := db.Book(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	// A booking that fails sends nothing.
	dup := bookInput(svc, 1)
	dup.Notify = in.Notify
	if _, _, err := db.Book(ctx, dup); err == nil {
		t.Fatal("a duplicate booking succeeded")
	}
	msgs, err := db.Outbox(ctx, store.OutboxQuery{Unsent: true, Limit: 10})
	if err != nil || len(msgs) != 1 || msgs[0].BookingID != b.ID || msgs[0].Subject != "Booked "+b.Reference {
		t.Fatalf("outbox %+v, %v", msgs, err)
	}
}

// TestClaimIsExclusive: several workers (as on several instances) claim
// the due messages; each message is claimed once, and a failed one comes
// back after its retry delay.
func TestClaimIsExclusive(t *testing.T) {
	ctx := context.Background()
	db := seeded(t)
	now := time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	for i := range 10 {
		if _, err := db.Enqueue(ctx, store.Message{Kind: "test", To: "a@example.com", Subject: string(rune('A' + i)), Body: "x"}); err != nil {
			t.Fatal(err)
		}
	}
	var mu sync.Mutex
	seen := map[int64]int{}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				m, ok, err := db.Claim(ctx, time.Minute)
				if err != nil {
					t.Error(err)
					return
				}
				if !ok {
					return
				}
				mu.Lock()
				seen[m.ID]++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(seen) != 10 {
		t.Fatalf("claimed %d distinct messages, want 10", len(seen))
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("message %d claimed %d times", id, n)
		}
	}
	msgs, _ := db.Outbox(ctx, store.OutboxQuery{Unsent: true, Limit: 20})
	if err := db.MarkFailed(ctx, msgs[0].ID, "connection refused", 5*time.Minute); err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs[1:] {
		if err := db.MarkSent(ctx, m.ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, ok, _ := db.Claim(ctx, time.Minute); ok {
		t.Fatal("a message was claimed before its retry time")
	}
	now = now.Add(6 * time.Minute)
	m, ok, _ := db.Claim(ctx, time.Minute)
	if !ok || m.ID != msgs[0].ID || m.Attempts != 2 || m.LastError != "connection refused" {
		t.Fatalf("retry: %+v %v", m, ok)
	}
	if unsent, _ := db.Outbox(ctx, store.OutboxQuery{Unsent: true, Limit: 20}); len(unsent) != 1 {
		t.Fatalf("%d unsent, want 1", len(unsent))
	}
}
