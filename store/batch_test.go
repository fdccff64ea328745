package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
)

// twoInstances opens the same seeded database twice, as two instances of
// chancery would.
func twoInstances(t *testing.T) (*store.DB, *store.DB) {
	t.Helper()
	dsn := withDataset.DSN(t)
	return storetest.OpenDSN(t, dsn), storetest.OpenDSN(t, dsn)
}

// hits reads how many attempts a bucket counts in the current hour: one
// more attempt with the limit set at want+1 is allowed, the next is not.
// (Both are counted.)
func hits(t *testing.T, db *store.DB, bucket string, want int) {
	t.Helper()
	ctx := context.Background()
	first, _, err1 := db.Hit(ctx, bucket, want+1, time.Hour)
	second, _, err2 := db.Hit(ctx, bucket, want+1, time.Hour)
	if err1 != nil || err2 != nil || !first || second {
		t.Errorf("bucket %s: want %d attempts counted (allowed %v then %v; %v %v)", bucket, want, first, second, err1, err2)
	}
}

// TestReleaseOverTwoInstances books one slot from two instances at once,
// with the rate limits counted in the booking's transaction, alongside
// requests refused with a read that only count their attempt (as the API
// does for a slot already full): the slot is never overbooked, exactly
// the limit's worth of requests get past it, and every attempt is counted,
// the losers' and the refused ones' too.
func TestReleaseOverTwoInstances(t *testing.T) {
	ctx := context.Background()
	a, b := twoInstances(t)
	svc := visaService(t, a, 5, 0)
	const bookings, hitsOnly, perIP = 60, 20, 40
	window := time.Hour
	limits := func(i int) []store.Limit {
		return []store.Limit{{Bucket: "book-ip:203.0.113.7", Max: perIP}, {Bucket: fmt.Sprintf("book-who:p%d", i), Max: 5}}
	}
	var mu sync.Mutex
	outcomes := map[string]int{}
	count := func(err error) {
		mu.Lock()
		defer mu.Unlock()
		switch code := chancery.ErrorCode(err); code {
		case "", chancery.ECONFLICT, chancery.ERATELIMIT:
			outcomes[code]++
		default:
			t.Errorf("unexpected error: %v", err)
		}
	}
	var wg sync.WaitGroup
	for i := range bookings + hitsOnly {
		db := []*store.DB{a, b}[i%2]
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i >= bookings {
				if _, _, err := db.HitAll(ctx, limits(i), window); err != nil {
					t.Error(err)
				}
				return
			}
			in := bookInput(svc, i)
			in.Limits, in.LimitWindow = limits(i), window
			_, _, err := db.Book(ctx, in)
			count(err)
		}()
	}
	wg.Wait()
	booked, lost, limited := outcomes[""], outcomes[chancery.ECONFLICT], outcomes[chancery.ERATELIMIT]
	if booked != 5 || booked+lost+limited != bookings {
		t.Fatalf("%d booked, %d lost, %d rate limited; want 5 booked of %d", booked, lost, limited, bookings)
	}
	// The hits-only requests share the address bucket, so how many booking
	// requests got past it depends on the order; never more than the limit.
	if booked+lost > perIP {
		t.Fatalf("%d booking requests got past a limit of %d", booked+lost, perIP)
	}
	if taken, stored := placesTaken(t, b, svc); taken != 5 || stored != 5 {
		t.Fatalf("%d places taken and %d bookings stored, want 5", taken, stored)
	}
	hits(t, a, "book-ip:203.0.113.7", bookings+hitsOnly)
	for i := range bookings + hitsOnly {
		hits(t, b, fmt.Sprintf("book-who:p%d", i), 1)
	}
}

// TestRateLimitedBookingChangesNothing: a booking request over its rate
// limit takes no place and stores nothing, but its attempt counts.
func TestRateLimitedBookingChangesNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	svc := visaService(t, db, 5, 0)
	limits := []store.Limit{{Bucket: "book-ip:198.51.100.1", Max: 1}}
	for i, want := range []string{"", chancery.ERATELIMIT, chancery.ERATELIMIT} {
		in := bookInput(svc, i)
		in.Limits, in.LimitWindow = limits, time.Hour
		if _, _, err := db.Book(ctx, in); chancery.ErrorCode(err) != want {
			t.Fatalf("request %d: %v, want %q", i, err, want)
		}
	}
	if taken, stored := placesTaken(t, db, svc); taken != 1 || stored != 1 {
		t.Fatalf("%d places taken and %d bookings stored, want 1 and 1", taken, stored)
	}
	hits(t, db, "book-ip:198.51.100.1", 3)
}

// TestRetriedKeyCountsOnce: the same request sent twice at once with one
// Idempotency-Key books once and counts at most two attempts, not three,
// although one of them may run twice to meet the other's answer; one that
// finds the other's answer stored is not counted at all.
func TestRetriedKeyCountsOnce(t *testing.T) {
	ctx := context.Background()
	a, b := twoInstances(t)
	svc := visaService(t, a, 5, 0)
	for round := range 5 {
		in := bookInput(svc, round)
		in.IdempotencyKey, in.RequestHash = fmt.Sprintf("counted-%d", round), "h"
		in.Render = func(b booking.Booking) (int, []byte, error) { return 201, []byte(b.Reference), nil }
		bucket := fmt.Sprintf("book-who:round-%d", round)
		in.Limits, in.LimitWindow = []store.Limit{{Bucket: bucket, Max: 5}}, time.Hour
		var wg sync.WaitGroup
		for _, db := range []*store.DB{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				try := in
				try.Reference = booking.NewReference()
				if _, _, err := db.Book(ctx, try); err != nil {
					t.Errorf("round %d: %v", round, err)
				}
			}()
		}
		wg.Wait()
		var counted int
		if err := storetest.Raw(t, a, a.DSN).QueryRow(`SELECT hits FROM rate_limits WHERE bucket = '` + bucket + `'`).Scan(&counted); err != nil || counted < 1 || counted > 2 {
			t.Errorf("bucket %s: %d attempts counted, want 1 or 2 (%v)", bucket, counted, err)
		}
	}
	if taken, stored := placesTaken(t, b, svc); taken != 5 || stored != 5 {
		t.Fatalf("%d places taken and %d bookings stored by 5 doubled requests", taken, stored)
	}
}

// placesTaken is how many places the slot at slotStart counts taken, and
// how many confirmed bookings it holds.
func placesTaken(t *testing.T, db *store.DB, svc booking.Service) (taken, stored int) {
	t.Helper()
	ctx := context.Background()
	usage, err := db.SlotUsage(ctx, svc.ID, slotStart, slotStart.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	bookings, err := db.ConfirmedBetween(ctx, slotStart, slotStart.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	return usage[slotStart.UnixMilli()].Booked, len(bookings)
}

// TestBookReturnsTheStoredBooking: the booking Book returns, built without
// reading it back, is the one stored.
func TestBookReturnsTheStoredBooking(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	svc := visaService(t, db, 5, 0)
	for i, passport := range []string{"", "MP1234567"} {
		in := bookInput(svc, i)
		in.Applicant.Passport = passport
		token, hash := booking.NewToken()
		in.TokenHash = hash
		made, _, err := db.Book(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		stored, err := db.BookingByToken(ctx, made.Reference, token)
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprintf("%#v", made) != fmt.Sprintf("%#v", stored) {
			t.Fatalf("Book returned\n%#v\nstored\n%#v", made, stored)
		}
	}
}

// TestFailedBookingLeavesTheOthers: bookings that may share transactions
// are kept whatever one of them does; the one whose answer cannot be
// rendered (an internal error) changes nothing, not even its rate limit.
func TestFailedBookingLeavesTheOthers(t *testing.T) {
	ctx := context.Background()
	db := seeded(t)
	svc := visaService(t, db, 50, 0)
	const requests, failing = 30, 7
	errs := make([]error, requests)
	var wg sync.WaitGroup
	for i := range requests {
		in := bookInput(svc, i)
		in.IdempotencyKey, in.RequestHash = fmt.Sprintf("failing-%d", i), "h"
		in.Render = func(b booking.Booking) (int, []byte, error) {
			if i == failing {
				return 0, nil, fmt.Errorf("cannot render")
			}
			return 201, []byte(b.Reference), nil
		}
		in.Limits, in.LimitWindow = []store.Limit{{Bucket: fmt.Sprintf("book-who:f%d", i), Max: 5}}, time.Hour
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _, errs[i] = db.Book(ctx, in)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if (i == failing) != (chancery.ErrorCode(err) == chancery.EINTERNAL) || (i != failing && err != nil) {
			t.Errorf("request %d: %v", i, err)
		}
		want := 1
		if i == failing {
			want = 0
		}
		hits(t, db, fmt.Sprintf("book-who:f%d", i), want)
	}
	if taken, stored := placesTaken(t, db, svc); taken != requests-1 || stored != requests-1 {
		t.Fatalf("%d places taken and %d bookings stored, want %d", taken, stored, requests-1)
	}
}
