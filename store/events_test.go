package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/events"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
)

// forumID is a record event of the default dataset.
const forumID = "business-forum-2019"

// openForum opens registration for the forum a month from now, with
// capacity places and a waiting list when waitlist is set.
func openForum(t testing.TB, db *store.DB, capacity int, waitlist bool) events.Event {
	t.Helper()
	now := db.Now().Truncate(time.Minute)
	e := events.Event{ID: forumID, MissionID: "by-cg-chongqing", Start: now.Add(30 * 24 * time.Hour), End: now.Add(30*24*time.Hour + 3*time.Hour),
		Venue: mission.Text{"en": "Chongqing Expo Centre", "zh": "重庆国际博览中心"}, Capacity: capacity, Waitlist: waitlist,
		Opens: now.Add(-time.Hour), Closes: now.Add(29 * 24 * time.Hour), Open: true}
	if _, err := db.SaveEventRegistration(context.Background(), admin, e, nil); err != nil {
		t.Fatal(err)
	}
	return e
}

// registration is person i's request for the forum; its token is returned.
func registration(i int) (store.RegisterInput, string) {
	token, hash := booking.NewToken()
	return store.RegisterInput{EventID: forumID, Reference: booking.NewReference(), TokenHash: hash,
		Registrant: events.Registrant{Name: fmt.Sprintf("Guest %d", i), Email: fmt.Sprintf("guest%d@example.com", i), Lang: "en"}}, token
}

// mailed records each change notify was asked about, as "change:reference".
func mailed(log *[]string) store.RegistrationNotify {
	return func(c events.Change, r events.Registration) ([]store.Message, error) {
		*log = append(*log, string(c)+":"+r.Reference)
		return []store.Message{{Kind: "event." + string(c), To: r.Email, Subject: string(c) + " " + r.Reference, Body: "."}}, nil
	}
}

func TestEventRegistrationSettings(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	e := openForum(t, db, 2, true)
	got, err := db.EventRegistration(ctx, forumID)
	if err != nil || got.Capacity != 2 || !got.Start.Equal(e.Start) || got.Venue["zh"] != "重庆国际博览中心" || !got.Open || !got.Waitlist {
		t.Fatalf("read back %+v, %v", got, err)
	}
	if changed, err := db.SaveEventRegistration(ctx, admin, e, nil); err != nil || changed {
		t.Errorf("saving the same settings again: changed %v, %v", changed, err)
	}
	entries, _ := db.AuditLog(ctx, store.AuditFilter{Entity: "event_registration", EntityID: forumID})
	if len(entries) != 1 || entries[0].Action != "event_registration.create" {
		t.Errorf("audit %+v", entries)
	}
	unknown := e
	unknown.ID = "no-such-event"
	if _, err := db.SaveEventRegistration(ctx, admin, unknown, nil); chancery.ErrorCode(err) != chancery.ENOTFOUND {
		t.Errorf("an event not in the record: %v", err)
	}
	for i := range 2 {
		in, _ := registration(i)
		if _, _, err := db.Register(ctx, in); err != nil {
			t.Fatal(err)
		}
	}
	smaller := e
	smaller.Capacity = 1
	if _, err := db.SaveEventRegistration(ctx, admin, smaller, nil); chancery.ErrorCode(err) != chancery.EINVALID {
		t.Errorf("capacity below the places taken: %v", err)
	}
	if _, err := db.EventRegistration(ctx, "consulate-opening-2021"); chancery.ErrorCode(err) != chancery.ENOTFOUND {
		t.Errorf("an event without registration: %v", err)
	}
}

func TestRegistrationWaitingListAndPromotion(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	openForum(t, db, 2, true)
	var log []string
	var refs, tokens []string
	for i := range 4 {
		in, token := registration(i)
		in.Notify = mailed(&log)
		r, _, err := db.Register(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		want := events.Registered
		if i >= 2 {
			want = events.Waitlisted
		}
		if r.Status != want || r.Position != i+1 {
			t.Errorf("registration %d: %s at %d, want %s at %d", i, r.Status, r.Position, want, i+1)
		}
		refs, tokens = append(refs, r.Reference), append(tokens, token)
	}
	again, _ := registration(1)
	again.Registrant.Email = "  GUEST1@example.com "
	if _, _, err := db.Register(ctx, again); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Errorf("a second registration of one address: %v", err)
	}
	if r, err := db.RegistrationByToken(ctx, refs[0], "wrong"); chancery.ErrorCode(err) != chancery.ENOTFOUND {
		t.Errorf("a wrong token: %+v %v", r, err)
	}
	log = nil
	r, err := db.CancelRegistration(ctx, refs[0], tokens[0], mailed(&log))
	if err != nil || r.Status != events.Cancelled || r.Sequence != 1 {
		t.Fatalf("cancel: %+v %v", r, err)
	}
	if want := []string{"withdrawn:" + refs[0], "promoted:" + refs[2]}; strings.Join(log, " ") != strings.Join(want, " ") {
		t.Errorf("notified %v, want %v", log, want)
	}
	promoted, _ := db.RegistrationByToken(ctx, refs[2], tokens[2])
	if promoted.Status != events.Registered || promoted.Sequence != 1 {
		t.Errorf("the first in line: %+v", promoted)
	}
	if ahead, _ := db.WaitingAhead(ctx, mustRegistration(t, db, refs[3], tokens[3])); ahead != 0 {
		t.Errorf("%d ahead of the last in line, now first", ahead)
	}
	log = nil
	if r, err := db.CancelRegistration(ctx, refs[0], tokens[0], mailed(&log)); err != nil || r.Status != events.Cancelled || len(log) != 0 {
		t.Errorf("cancelling twice: %+v %v, notified %v", r, err, log)
	}
	if _, err := db.CancelRegistration(ctx, refs[3], tokens[3], mailed(&log)); err != nil || strings.Join(log, " ") != "left:"+refs[3] {
		t.Errorf("leaving the waiting list: %v, notified %v", err, log)
	}
	e, _ := db.EventRegistration(ctx, forumID)
	if e.Registered != 2 || e.Waiting != 0 {
		t.Errorf("counters %d registered, %d waiting; want 2 and 0", e.Registered, e.Waiting)
	}
	// A raised capacity serves nobody now; with people waiting it would.
	in, _ := registration(9)
	if r, _, _ := db.Register(ctx, in); r.Status != events.Waitlisted {
		t.Fatalf("full again: %s", r.Status)
	}
	e.Capacity = 3
	log = nil
	if _, err := db.SaveEventRegistration(ctx, admin, e, mailed(&log)); err != nil || len(log) != 1 || !strings.HasPrefix(log[0], "promoted:") {
		t.Errorf("a place added: %v, notified %v", err, log)
	}
}

func mustRegistration(t *testing.T, db *store.DB, ref, token string) events.Registration {
	t.Helper()
	r, err := db.RegistrationByToken(context.Background(), ref, token)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestRegistrationRefused(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	e := openForum(t, db, 1, false)
	first, _ := registration(1)
	if _, _, err := db.Register(ctx, first); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		edit func(*events.Event)
		key  string
	}{
		{"full, no waiting list", func(*events.Event) {}, "error.event_full"},
		{"closed by staff", func(e *events.Event) { e.Open = false }, "error.registration_closed"},
		{"not open yet", func(e *events.Event) { e.Opens = db.Now().Add(time.Hour) }, "error.registration_not_open"},
		{"closed by its date", func(e *events.Event) { e.Opens, e.Closes = db.Now().Add(-2*time.Hour), db.Now().Add(-time.Hour) }, "error.registration_closed"},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ev := e
			c.edit(&ev)
			if _, err := db.SaveEventRegistration(ctx, admin, ev, nil); err != nil {
				t.Fatal(err)
			}
			in, _ := registration(10 + i)
			_, _, err := db.Register(ctx, in)
			if key, _ := chancery.ErrorKey(err); key != c.key {
				t.Fatalf("got %v, want %s", err, c.key)
			}
		})
	}
	if got, _ := db.EventRegistration(ctx, forumID); got.Registered != 1 || got.Waiting != 0 {
		t.Errorf("refused registrations changed the counters: %+v", got)
	}
}

func TestRegistrationIdempotency(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	openForum(t, db, 5, true)
	in, _ := registration(1)
	in.IdempotencyKey, in.RequestHash = "event-key-0000000001", "hash-1"
	in.Render = func(r events.Registration) (int, []byte, error) {
		return 201, []byte(`{"reference":"` + r.Reference + `"}`), nil
	}
	r, replay, err := db.Register(ctx, in)
	if err != nil || replay != nil {
		t.Fatal(replay, err)
	}
	in.Reference = booking.NewReference()
	_, replay, err = db.Register(ctx, in)
	if err != nil || replay == nil || !strings.Contains(string(replay.Body), r.Reference) {
		t.Fatalf("a retried request: %v %v", replay, err)
	}
	in.RequestHash = "hash-2"
	if _, _, err := db.Register(ctx, in); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Errorf("a key reused for another request: %v", err)
	}
	if e, _ := db.EventRegistration(ctx, forumID); e.Registered != 1 {
		t.Errorf("%d places taken, want 1", e.Registered)
	}
}

func TestCheckIn(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := seeded(t)
	openForum(t, db, 1, true)
	a, _ := registration(1)
	b, _ := registration(2)
	ra, _, _ := db.Register(ctx, a)
	rb, _, _ := db.Register(ctx, b)
	if r, err := db.CheckIn(ctx, admin, ra.Reference); err != nil || r.Status != events.CheckedIn {
		t.Fatalf("check-in: %+v %v", r, err)
	}
	if _, err := db.CheckIn(ctx, admin, ra.Reference); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Errorf("checked in twice: %v", err)
	}
	if _, err := db.CheckIn(ctx, admin, rb.Reference); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Errorf("someone on the waiting list checked in: %v", err)
	}
	if _, err := db.CancelRegistration(ctx, ra.Reference, "", nil); chancery.ErrorCode(err) != chancery.ENOTFOUND {
		t.Errorf("a cancel without the token: %v", err)
	}
	entries, _ := db.AuditLog(ctx, store.AuditFilter{Entity: "registration", EntityID: ra.Reference})
	if len(entries) != 1 || entries[0].Action != "registration.check_in" {
		t.Errorf("audit %+v", entries)
	}
}
