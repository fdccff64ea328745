package store_test

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/dataset"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
)

// visaService is a service of the Chongqing Consulate General with n places a slot.
func visaService(t *testing.T, db *store.DB, n, quota int) booking.Service {
	t.Helper()
	svc := booking.Service{ID: "cq-visa", MissionID: "by-cg-chongqing", Name: mission.Text{"en": "Visa application"},
		Duration: 20, Capacity: n, WindowDays: 30, MinNotice: 24, DailyQuota: quota, Mode: booking.FirstCome, Active: true}
	if _, err := db.SaveService(context.Background(), admin, svc); err != nil {
		t.Fatal(err)
	}
	return svc
}

var slotStart = time.Date(2026, 12, 1, 1, 0, 0, 0, time.UTC) // 09:00 in Chongqing

func bookInput(svc booking.Service, i int) store.BookInput {
	_, hash := booking.NewToken()
	return store.BookInput{Service: svc, Slot: booking.Slot{ServiceID: svc.ID, Start: slotStart, End: slotStart.Add(20 * time.Minute)},
		Day: "2026-12-01", Reference: booking.NewReference(), TokenHash: hash, Status: booking.Confirmed,
		Applicant: booking.Applicant{Name: fmt.Sprintf("Applicant %d", i), Email: fmt.Sprintf("p%d@example.com", i), Phone: "+86 23 6000 0000", Lang: "en"}}
}

// TestSlotIsNeverOverbooked sends many concurrent bookings for one slot:
// exactly its capacity succeed, the rest are told it is full.
func TestSlotIsNeverOverbooked(t *testing.T) {
	db := seeded(t)
	svc := visaService(t, db, 5, 0)
	const n = 40
	var wg sync.WaitGroup
	results := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _, err := db.Book(context.Background(), bookInput(svc, i))
			results <- err
		}()
	}
	wg.Wait()
	close(results)
	ok, full := 0, 0
	for err := range results {
		switch {
		case err == nil:
			ok++
		case chancery.ErrorCode(err) == chancery.ECONFLICT:
			full++
		default:
			t.Errorf("unexpected error: %v", err)
		}
	}
	if ok != 5 || full != n-5 {
		t.Fatalf("%d booked and %d refused; want 5 and %d", ok, full, n-5)
	}
	usage, err := db.SlotUsage(context.Background(), svc.ID, slotStart, slotStart.Add(time.Hour))
	if err != nil || usage[slotStart.UnixMilli()].Booked != 5 || usage[slotStart.UnixMilli()].Available() != 0 {
		t.Fatalf("slot usage %+v, %v", usage, err)
	}
}

func TestOneActiveBookingPerPerson(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	svc := visaService(t, db, 5, 0)
	first := bookInput(svc, 1)
	if _, _, err := db.Book(ctx, first); err != nil {
		t.Fatal(err)
	}
	again := bookInput(svc, 1)
	again.Applicant.Email = "  P1@Example.COM "
	if _, _, err := db.Book(ctx, again); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Fatalf("a second booking by the same email: %v", err)
	}
	passport := bookInput(svc, 2)
	passport.Applicant.Passport = "AB1234567"
	if _, _, err := db.Book(ctx, passport); err != nil {
		t.Fatal(err)
	}
	samePassport := bookInput(svc, 3)
	samePassport.Applicant.Passport = "AB1234567"
	if _, _, err := db.Book(ctx, samePassport); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Fatalf("a second booking with the same passport: %v", err)
	}
	// The refused attempts took no place.
	usage, _ := db.SlotUsage(ctx, svc.ID, slotStart, slotStart.Add(time.Hour))
	if got := usage[slotStart.UnixMilli()].Booked; got != 2 {
		t.Fatalf("booked %d, want 2", got)
	}
}

func TestIdempotentBooking(t *testing.T) {
	ctx := context.Background()
	db := seeded(t)
	svc := visaService(t, db, 5, 0)
	in := bookInput(svc, 1)
	in.IdempotencyKey, in.RequestHash = "key-1", "hash-1"
	in.Render = func(b booking.Booking) (int, []byte, error) {
		return 201, []byte(`{"reference":"` + b.Reference + `"}`), nil
	}
	b, replay, err := db.Book(ctx, in)
	if err != nil || replay != nil {
		t.Fatal(err, replay)
	}
	var wg sync.WaitGroup
	for range 8 { // concurrent retries
		wg.Add(1)
		go func() {
			defer wg.Done()
			retry := in
			retry.Reference = booking.NewReference()
			_, replay, err := db.Book(ctx, retry)
			if err != nil || replay == nil || string(replay.Body) != `{"reference":"`+b.Reference+`"}` || replay.Status != 201 {
				t.Errorf("retry: %v %+v", err, replay)
			}
		}()
	}
	wg.Wait()
	other := in
	other.RequestHash = "hash-2"
	if _, _, err := db.Book(ctx, other); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Fatalf("the key reused for another request: %v", err)
	}
	usage, _ := db.SlotUsage(ctx, svc.ID, slotStart, slotStart.Add(time.Hour))
	if got := usage[slotStart.UnixMilli()].Booked; got != 1 {
		t.Fatalf("retries booked %d places, want 1", got)
	}
}

func TestCancelGivesThePlaceBack(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	svc := visaService(t, db, 1, 1)
	token, hash := booking.NewToken()
	in := bookInput(svc, 1)
	in.TokenHash = hash
	b, _, err := db.Book(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.Book(ctx, bookInput(svc, 2)); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Fatalf("a full slot took another booking: %v", err)
	}
	if _, err := db.CancelBooking(ctx, b.Reference, "wrong token"); chancery.ErrorCode(err) != chancery.ENOTFOUND {
		t.Fatalf("cancel with a wrong token: %v", err)
	}
	got, err := db.CancelBooking(ctx, b.Reference, token)
	if err != nil || got.Status != booking.Cancelled || got.Sequence != 1 {
		t.Fatalf("cancel: %+v %v", got, err)
	}
	if again, err := db.CancelBooking(ctx, b.Reference, token); err != nil || again.Sequence != 1 {
		t.Fatalf("cancelling twice: %+v %v", again, err)
	}
	if _, _, err := db.Book(ctx, bookInput(svc, 2)); err != nil {
		t.Fatalf("the freed place (and the day's quota) cannot be booked again: %v", err)
	}
	if _, err := db.BookingByToken(ctx, b.Reference, token); err != nil {
		t.Fatal(err)
	}
}

func TestReschedule(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	svc := visaService(t, db, 1, 0)
	token, hash := booking.NewToken()
	in := bookInput(svc, 1)
	in.TokenHash = hash
	b, _, err := db.Book(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	later := booking.Slot{ServiceID: svc.ID, Start: slotStart.Add(20 * time.Minute), End: slotStart.Add(40 * time.Minute)}
	// Someone else holds the later slot: the move is refused and nothing changes.
	other := bookInput(svc, 2)
	other.Slot = later
	if _, _, err := db.Book(ctx, other); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Reschedule(ctx, store.RescheduleInput{Reference: b.Reference, Token: token, Service: svc, Slot: later, Day: "2026-12-01"}); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Fatalf("a move into a full slot: %v", err)
	}
	free := booking.Slot{ServiceID: svc.ID, Start: slotStart.Add(time.Hour), End: slotStart.Add(80 * time.Minute)}
	if _, err := db.Reschedule(ctx, store.RescheduleInput{Reference: b.Reference, Token: "wrong", Service: svc, Slot: free, Day: "2026-12-01"}); chancery.ErrorCode(err) != chancery.ENOTFOUND {
		t.Fatalf("a move with a wrong token: %v", err)
	}
	moved, err := db.Reschedule(ctx, store.RescheduleInput{Reference: b.Reference, Token: token, Service: svc, Slot: free, Day: "2026-12-01"})
	if err != nil || !moved.Start.Equal(free.Start) || moved.Sequence != 1 || moved.Reference != b.Reference {
		t.Fatalf("moved %+v, %v", moved, err)
	}
	usage, _ := db.SlotUsage(ctx, svc.ID, slotStart, slotStart.Add(2*time.Hour))
	if usage[slotStart.UnixMilli()].Booked != 0 || usage[free.Start.UnixMilli()].Booked != 1 {
		t.Fatalf("places after the move: %+v", usage)
	}
}

func TestImportAppointments(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	svcs, err := db.Services(ctx, "by-cg-chongqing")
	if err != nil || len(svcs) != 8 || svcs[0].ID != "cq-visa" || !svcs[0].NeedsPassport {
		t.Fatalf("services %+v %v", svcs, err)
	}
	for _, s := range svcs {
		if s.ID == "cq-passport" || s.ID == "cq-legalization" {
			t.Errorf("the default dataset offers %s, which Belarusian missions no longer do", s.ID)
		}
	}
	cal, err := db.MissionCalendar(ctx, "by-cg-chongqing")
	if err != nil || len(cal.Hours[time.Monday]) != 2 || len(cal.Observe) != 2 {
		t.Fatalf("calendar %+v %v", cal, err)
	}
	// A file without the notarial service deactivates it and changes nothing else.
	raw := dataset.DefaultBytes()
	i := bytes.Index(raw, []byte("        - id: cq-notarial"))
	j := bytes.Index(raw, []byte("        - id: cq-collect"))
	edited := append(append([]byte{}, raw[:i]...), raw[j:]...)
	ds, err := dataset.Parse(bytes.NewReader(edited))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := db.Import(ctx, admin, ds, edited)
	if err != nil || rep.Updated != 2 || rep.Created != 0 || rep.Deleted != 0 { // deactivated, and the next one moved up
		t.Fatalf("import: %s %v", rep, err)
	}
	s, _ := db.Service(ctx, "cq-notarial")
	if s.Active {
		t.Fatal("a service the file no longer lists is still active")
	}
}

// passportService is the "Passport matters" service of the datasets before
// 2026-12 (Belarusian missions stopped passport work on 2023-09-07).
const passportService = `        - id: cq-passport
          name: {en: "Passport matters (issue and exchange)", zh: "护照事务（签发与换发）", ru: "Паспортные вопросы (выдача и обмен)", be: "Пашпартныя пытанні (выдача і абмен)"}
          duration_minutes: 20
          capacity: 1
          window_days: 30
          min_notice_hours: 24
          needs_passport: true
`

// TestImportRetiresDroppedServiceKeepsBookings: a database that offered
// the passport service, with a booking for it, imports the dataset that no
// longer lists it. The service is retired (closed to new bookings), not
// deleted: the booking keeps its status and its holder can still find it,
// and staff still see it in the day's list.
func TestImportRetiresDroppedServiceKeepsBookings(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	raw := dataset.DefaultBytes()
	at := bytes.Index(raw, []byte("        - id: cq-collect"))
	old := append(append(append([]byte{}, raw[:at]...), passportService...), raw[at:]...)
	ds, err := dataset.Parse(bytes.NewReader(old))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Import(ctx, admin, ds, old); err != nil {
		t.Fatal(err)
	}
	svc, err := db.Service(ctx, "cq-passport")
	if err != nil || !svc.Active {
		t.Fatalf("the old dataset's passport service: %+v %v", svc, err)
	}
	in := bookInput(svc, 1)
	token, hash := booking.NewToken()
	in.TokenHash = hash
	b, _, err := db.Book(ctx, in)
	if err != nil {
		t.Fatal(err)
	}

	ds, err = dataset.Default()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Import(ctx, admin, ds, raw); err != nil {
		t.Fatal(err)
	}
	retired, err := db.Service(ctx, "cq-passport")
	if err != nil || retired.Active {
		t.Fatalf("after the import the passport service is %+v, %v; want kept and inactive", retired, err)
	}
	kept, err := db.BookingByToken(ctx, b.Reference, token)
	if err != nil || kept.Status != booking.Confirmed || kept.ServiceID != "cq-passport" {
		t.Fatalf("the booking after the import: %+v %v", kept, err)
	}
	day, err := db.Bookings(ctx, "by-cg-chongqing", slotStart.Add(-time.Hour), slotStart.Add(time.Hour))
	found := false
	for _, d := range day {
		found = found || d.Reference == b.Reference
	}
	if err != nil || !found {
		t.Fatalf("staff's list no longer shows the booking: %v %v", day, err)
	}
	cal, err := db.MissionCalendar(ctx, "by-cg-chongqing")
	if err != nil {
		t.Fatal(err)
	}
	later := slotStart.Add(48 * time.Hour)
	if _, err := booking.Offered(retired, cal, later, slotStart); chancery.ErrorCode(err) != chancery.ENOTFOUND {
		t.Fatalf("a new booking of the retired service: %v; want not found", err)
	}
}

// TestSimultaneousRequestsWithOneKey: the same request sent twice at once
// with one Idempotency-Key books once, and both get the same answer.
func TestSimultaneousRequestsWithOneKey(t *testing.T) {
	ctx := context.Background()
	db := seeded(t)
	svc := visaService(t, db, 5, 0)
	for round := range 5 {
		in := bookInput(svc, 100+round)
		in.IdempotencyKey, in.RequestHash = fmt.Sprintf("simultaneous-%d", round), "h"
		in.Render = func(b booking.Booking) (int, []byte, error) { return 201, []byte(b.Reference), nil }
		var wg sync.WaitGroup
		answers := make([]string, 2)
		for i := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				try := in
				try.Reference = booking.NewReference()
				b, replay, err := db.Book(ctx, try)
				switch {
				case err != nil:
					t.Errorf("round %d: %v", round, err)
				case replay != nil:
					answers[i] = string(replay.Body)
				default:
					answers[i] = b.Reference
				}
			}()
		}
		wg.Wait()
		if answers[0] != answers[1] {
			t.Fatalf("round %d: two answers %q", round, answers)
		}
	}
	usage, _ := db.SlotUsage(ctx, svc.ID, slotStart, slotStart.Add(time.Hour))
	if got := usage[slotStart.UnixMilli()].Booked; got != 5 {
		t.Fatalf("%d places taken by 5 doubled requests", got)
	}
}
