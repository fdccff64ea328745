package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/store"
)

// pendingInput is bookInput for a service that asks for the email to be
// confirmed: the booking holds its place until verifyBy.
func pendingInput(svc booking.Service, i int, verifyBy time.Time) (in store.BookInput, token, code string) {
	in = bookInput(svc, i)
	token, in.TokenHash = booking.NewToken()
	code, in.VerifyHash = booking.NewToken()
	in.Status, in.VerifyBy = booking.Pending, verifyBy
	return in, token, code
}

// sent is a Notify that sends one message of kind.
func sent(kind string) func(booking.Booking) ([]store.Message, error) {
	return func(b booking.Booking) ([]store.Message, error) {
		return []store.Message{{Kind: kind, Sequence: b.Sequence, To: b.Applicant.Email, Subject: kind, Body: kind}}, nil
	}
}

func outboxKinds(t *testing.T, db *store.DB) map[string]int {
	t.Helper()
	msgs, err := db.Outbox(context.Background(), store.OutboxQuery{Unsent: false, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, m := range msgs {
		out[m.Kind]++
	}
	return out
}

// TestVerifyBooking: a pending booking holds its place; only its token and
// the mailed code confirm it, once, and the confirmation is queued once.
func TestVerifyBooking(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	svc := visaService(t, db, 1, 0)
	in, token, code := pendingInput(svc, 1, db.Now().Add(time.Hour))
	in.Notify = sent("verification")
	b, _, err := db.Book(ctx, in)
	if err != nil || b.Status != booking.Pending || b.VerifyBy.IsZero() {
		t.Fatalf("booked %+v, %v", b, err)
	}
	if _, _, err := db.Book(ctx, bookInput(svc, 2)); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Fatalf("a pending booking does not hold its place: %v", err)
	}
	if _, err := db.VerifyBooking(ctx, b.Reference, token, code+"x", sent("confirmation")); chancery.ErrorCode(err) != chancery.EINVALID {
		t.Fatalf("a wrong code: %v", err)
	}
	if _, err := db.VerifyBooking(ctx, b.Reference, token+"x", code, sent("confirmation")); chancery.ErrorCode(err) != chancery.ENOTFOUND {
		t.Fatalf("a wrong token: %v", err)
	}
	for range 2 {
		got, err := db.VerifyBooking(ctx, b.Reference, token, code, sent("confirmation"))
		if err != nil || got.Status != booking.Confirmed {
			t.Fatalf("verified: %+v, %v", got, err)
		}
	}
	if k := outboxKinds(t, db); k["verification"] != 1 || k["confirmation"] != 1 {
		t.Fatalf("outbox %v; want one verification and one confirmation", k)
	}
	if due, err := db.Unverified(ctx); err != nil || len(due) != 0 {
		t.Fatalf("a confirmed booking is due to expire: %+v %v", due, err)
	}
}

// TestUnverifiedBookingsExpire: once the time to confirm has passed, the
// place goes back, once, and the code no longer confirms.
func TestUnverifiedBookingsExpire(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	svc := visaService(t, db, 1, 2)
	now := db.Now()
	in, token, code := pendingInput(svc, 1, now.Add(time.Hour))
	b, _, err := db.Book(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if due, _ := db.Unverified(ctx); len(due) != 0 {
		t.Fatalf("expired early: %+v", due)
	}
	db.Now = func() time.Time { return now.Add(61 * time.Minute) }
	due, err := db.Unverified(ctx)
	if err != nil || len(due) != 1 || due[0].Reference != b.Reference {
		t.Fatalf("due %+v, %v", due, err)
	}
	for i, want := range []bool{true, false} {
		ok, err := db.ExpireBooking(ctx, due[0], sent("expired"))
		if err != nil || ok != want {
			t.Fatalf("expiry %d: %v, %v", i, ok, err)
		}
	}
	got, err := db.BookingByToken(ctx, b.Reference, token)
	if err != nil || got.Status != booking.Cancelled || got.CancelReason != booking.Unverified {
		t.Fatalf("after expiry: %+v, %v", got, err)
	}
	if _, err := db.VerifyBooking(ctx, b.Reference, token, code, sent("confirmation")); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Fatalf("verified after expiry: %v", err)
	}
	if k := outboxKinds(t, db); k["expired"] != 1 || k["confirmation"] != 0 {
		t.Fatalf("outbox %v", k)
	}
	if _, _, err := db.Book(ctx, bookInput(svc, 2)); err != nil {
		t.Fatalf("the place did not come back: %v", err)
	}
}

// TestVerifyAfterDeadline: a code used after its deadline, before any
// expiry run, ends the booking there and then.
func TestVerifyAfterDeadline(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	svc := visaService(t, db, 1, 0)
	now := db.Now()
	in, token, code := pendingInput(svc, 1, now.Add(time.Hour))
	b, _, err := db.Book(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return now.Add(2 * time.Hour) }
	if _, err := db.VerifyBooking(ctx, b.Reference, token, code, sent("confirmation")); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Fatalf("late code: %v", err)
	}
	usage, err := db.SlotUsage(ctx, svc.ID, slotStart, slotStart.Add(time.Hour))
	if err != nil || usage[slotStart.UnixMilli()].Booked != 0 {
		t.Fatalf("the place was not given back: %+v %v", usage, err)
	}
}

// TestClosureCancelsBookings: a day with appointments is closed only when
// they are cancelled with it, each notified once, and their places given
// back; without that, nothing changes.
func TestClosureCancelsBookings(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	svc := visaService(t, db, 3, 0)
	var refs []string
	for i := range 2 {
		b, _, err := db.Book(ctx, bookInput(svc, i))
		if err != nil {
			t.Fatal(err)
		}
		refs = append(refs, b.Reference)
	}
	c := store.Closure{MissionID: "by-cg-chongqing", Day: "2026-12-01", Reason: "Power cut"}
	if _, err := db.AddClosure(ctx, admin, c, nil); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Fatalf("closed over two appointments: %v", err)
	}
	if cs, _ := db.Closures(ctx, c.MissionID); len(cs) != 0 {
		t.Fatalf("a refused closure was kept: %+v", cs)
	}
	n, err := db.AddClosure(ctx, admin, c, sent("closure"))
	if err != nil || n != 2 {
		t.Fatalf("closure cancelled %d, %v", n, err)
	}
	day, err := db.Bookings(ctx, c.MissionID, slotStart.Add(-time.Hour), slotStart.Add(time.Hour))
	if err != nil || len(day) != len(refs) {
		t.Fatalf("day sheet %+v, %v", day, err)
	}
	for _, b := range day {
		if b.Status != booking.Cancelled || b.CancelReason != booking.ByClosure {
			t.Fatalf("%s after the closure: %+v", b.Reference, b)
		}
	}
	if k := outboxKinds(t, db); k["closure"] != 2 {
		t.Fatalf("outbox %v; want two closure messages", k)
	}
	usage, err := db.SlotUsage(ctx, svc.ID, slotStart, slotStart.Add(time.Hour))
	if err != nil || usage[slotStart.UnixMilli()].Booked != 0 {
		t.Fatalf("places not given back: %+v %v", usage, err)
	}
}
