package store_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/dataset"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
)

// samePerson is the i-th spelling of one Gmail user's address: plus tags,
// dots, capitals and googlemail.com all reach the same mailbox.
func samePerson(i int) string {
	if i%4 == 3 {
		return "Same.Person@googlemail.com"
	}
	return fmt.Sprintf("same.person+%d@gmail.com", i)
}

// TestAbuse02OnePersonManyEntries: twelve entries of one person under
// twelve spellings of their address, confirmed concurrently, count as one
// person (the database refuses the second confirmed entry), and the draw
// gives them at most one place; an entry never confirmed is not drawn.
func TestAbuse02OnePersonManyEntries(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	now := time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	svc, rel := openRelease(t, db, now, 5)
	const n = 12
	entered, refused := outcomes(t, n, booking.ErrAlreadyEntered, func(i int) error {
		code, hash := booking.NewToken()
		a := booking.Applicant{Name: "Same Person", Email: samePerson(i), Phone: "+86 138 0000 0000", Passport: "EA1234567", Lang: "en"}
		id, err := db.RequestPlace(ctx, rel.ID, store.Entry{Applicant: a, VerifyHash: hash})
		if err == nil {
			err = db.VerifyRequest(ctx, rel.ID, id, code)
		}
		return err
	})
	if entered != 1 || refused != n-1 {
		t.Fatalf("%d entries confirmed, %d refused; want 1 and %d", entered, refused, n-1)
	}
	// The same person again, under another provider's address but with the
	// passport the first entry gave: confirmed, drawn, and passed over
	// without costing anyone a place.
	twin := booking.Applicant{Name: "Same Person", Email: "same.person@example.com", Phone: "+86 138 0000 0000", Passport: "EA1234567"}
	enter(t, db, rel.ID, twin)
	// Someone else enters but never confirms the address.
	if _, err := db.RequestPlace(ctx, rel.ID, store.Entry{Applicant: booking.Applicant{Name: "Unconfirmed", Email: "other@example.com",
		Phone: "+86 138 0000 0000"}, VerifyHash: "x"}); err != nil {
		t.Fatal(err)
	}
	now = now.Add(2 * time.Hour)
	st, err := db.Draw(ctx, admin, rel.ID, "seed", func(a booking.Applicant) (string, string, func(booking.Booking) ([]store.Message, error)) {
		_, hash := booking.NewToken()
		return booking.NewReference(), hash, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if st.Requests != n+2 || st.Identities != 2 || st.Allocated != 1 || st.Unallocated != svc.Capacity-1 {
		t.Fatalf("stats %+v: one person should win one place, and the unconfirmed entry none", st)
	}
}

// TestAbuse02OnePersonManyBookings: concurrent bookings of one service by
// one person under different spellings of their address, or of their
// passport number, are caught by the database: one is booked. The address
// kept and mailed is the one typed.
func TestAbuse02OnePersonManyBookings(t *testing.T) {
	t.Parallel()
	db := seeded(t)
	svc := visaService(t, db, 20, 0)
	spellings := map[string]func(i int, a *booking.Applicant){
		"email": func(i int, a *booking.Applicant) { a.Email = samePerson(i) },
		"passport": func(i int, a *booking.Applicant) {
			a.Passport = []string{"ab 1234567", "AB-123-4567", "ab1234567", " Ab 123 45 67"}[i%4]
		},
	}
	for name, spell := range spellings {
		t.Run(name, func(t *testing.T) {
			const n = 12
			booked, refused := outcomes(t, n, booking.ErrAlreadyBooked, func(i int) error {
				in := bookInput(svc, i)
				spell(i, &in.Applicant)
				in.Applicant = in.Applicant.Normalized()
				b, _, err := db.Book(context.Background(), in)
				if err == nil && b.Applicant.Email != in.Applicant.Email {
					err = fmt.Errorf("booked for %q, typed %q", b.Applicant.Email, in.Applicant.Email)
				}
				return err
			})
			if booked != 1 || refused != n-1 {
				t.Fatalf("%d booked, %d refused; want 1 and %d", booked, refused, n-1)
			}
		})
	}
}

// outcomes runs try(0) … try(n-1) at once and counts those that succeed
// and those refused with refusal; any other error fails the test.
func outcomes(t *testing.T, n int, refusal error, try func(i int) error) (ok, refused int) {
	t.Helper()
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { errs[i] = try(i) })
	}
	wg.Wait()
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case errors.Is(err, refusal):
			refused++
		default:
			t.Errorf("attempt: %v", err)
		}
	}
	return ok, refused
}

// openRelease makes a lottery service with places a slot and opens a
// release of its slot at slotStart, taking requests from now for an hour.
func openRelease(t *testing.T, db *store.DB, now time.Time, places int) (booking.Service, store.Release) {
	t.Helper()
	svc := booking.Service{ID: "cq-lottery", MissionID: "by-cg-chongqing", Name: mission.Text{"en": "Scarce"}, Duration: 20, Capacity: places,
		WindowDays: 30, Mode: booking.Lottery, Active: true}
	if _, err := db.SaveService(context.Background(), admin, svc); err != nil {
		t.Fatal(err)
	}
	rel, err := db.CreateRelease(context.Background(), admin, store.Release{ServiceID: svc.ID, Start: slotStart,
		End: slotStart.Add(20 * time.Minute), Opens: now, Closes: now.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	return svc, rel
}

// TestAbuse02IdentityBackfill: 00013_identity gives the rows kept before it
// the person's key booking.NormalizeEmail makes, so that a later booking
// under another spelling is refused; two active bookings the new key finds
// to be one person's, both allowed when made, keep their old keys, so the
// migration never fails on them.
func TestAbuse02IdentityBackfill(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, raw := migratedTo(t, 12)
	q := func(query string) string {
		if db.Dialect == store.Postgres {
			for i := 1; strings.Contains(query, "?"); i++ {
				query = strings.Replace(query, "?", fmt.Sprintf("$%d", i), 1)
			}
		}
		return query
	}
	exec := func(query string, args ...any) {
		t.Helper()
		if _, err := raw.ExecContext(ctx, q(query), args...); err != nil {
			t.Fatal(err)
		}
	}
	// The mission row as the schema of 00012 holds it: the store's code of
	// today reads and writes later columns, so the dataset is not imported here.
	exec(`INSERT INTO missions (id, country, host, kind, name, city, time_zone) VALUES (?, 'BY', 'CN', 'consulate_general', ?, ?, 'Asia/Shanghai')`,
		"by-cg-chongqing", `{"en":"Consulate General in Chongqing"}`, `{"en":"Chongqing"}`)
	// The service row likewise (SaveService writes the catalogue of 00024).
	svc := booking.Service{ID: "cq-visa"}
	exec(`INSERT INTO services (id, mission_id, name, duration_min, capacity, window_days, min_notice_hours) VALUES (?, 'by-cg-chongqing', ?, 20, 10, 30, 24)`,
		svc.ID, `{"en":"Visa application"}`)
	var slot int64
	if err := raw.QueryRowContext(ctx, q(`INSERT INTO slots (service_id, starts_at, ends_at, capacity, booked) VALUES (?, ?, ?, 10, 4) RETURNING id`),
		svc.ID, slotStart.UnixMilli(), slotStart.Add(20*time.Minute).UnixMilli()).Scan(&slot); err != nil {
		t.Fatal(err)
	}
	old := []struct{ ref, status, email, want string }{
		{"R1", "confirmed", "Li.Wei+Visa@Gmail.com", "liwei@gmail.com"},
		{"R2", "confirmed", "same.person+1@gmail.com", "same.person+1@gmail.com"},
		{"R3", "pending", "Same.Person@googlemail.com", "same.person@googlemail.com"},
		{"R4", "cancelled", "x.y+1@googlemail.com", "xy@gmail.com"},
		{"R5", "confirmed", "Anna+cq@Example.com", "anna@example.com"},
	}
	for _, b := range old {
		exec(`INSERT INTO bookings (reference, service_id, slot_id, status, name, email, email_norm, phone, day, token_hash, created_at, updated_at)
			VALUES (?, ?, ?, ?, 'P', ?, ?, '+86 138 0000 0000', '2026-12-01', 'h', 1, 1)`, b.ref, svc.ID, slot, b.status, b.email, strings.ToLower(b.email))
	}
	var release int64
	if err := raw.QueryRowContext(ctx, q(`INSERT INTO releases (service_id, starts_at, ends_at, opens_at, closes_at, created_at)
		VALUES (?, 1, 2, 1, 2, 1) RETURNING id`), svc.ID).Scan(&release); err != nil {
		t.Fatal(err)
	}
	exec(`INSERT INTO release_requests (release_id, identity, name, email, phone, created_at)
		VALUES (?, 'a.b+1@gmail.com', 'P', 'A.B+1@Gmail.com', '+86 138 0000 0000', 1)`, release)
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	ds, err := dataset.Default()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Import(ctx, admin, ds, dataset.DefaultBytes()); err != nil {
		t.Fatal(err)
	}
	var identity string
	if err := raw.QueryRowContext(ctx, q(`SELECT identity FROM release_requests WHERE release_id = ?`), release).Scan(&identity); err != nil ||
		identity != "ab@gmail.com" {
		t.Errorf("a lottery request's identity after the migration: %q (%v)", identity, err)
	}
	for _, b := range old {
		var key, email string
		if err := raw.QueryRowContext(ctx, q(`SELECT email_norm, email FROM bookings WHERE reference = ?`), b.ref).Scan(&key, &email); err != nil {
			t.Fatal(err)
		}
		if key != b.want || email != b.email {
			t.Errorf("%s after the migration: key %q, address %q; want %q and the address as typed", b.ref, key, email, b.want)
		}
	}
	in := bookInput(svc, 9)
	in.Applicant.Email = "liwei+again@googlemail.com"
	if _, _, err := db.Book(ctx, in); !errors.Is(err, booking.ErrAlreadyBooked) {
		t.Fatalf("a booking under another spelling of a backfilled address: %v", err)
	}
}
