package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"

	"github.com/chancery-platform/chancery/mail/mailtest"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/web"
)

// remindedBooking books Friday 2026-12-04 09:00 for email, sends its
// confirmation and queues its reminder on Thursday, as the jobs would.
func remindedBooking(t *testing.T, e *testEnv, c *client, mailer *web.Mailer, email string) bookingAnswer {
	t.Helper()
	ctx := context.Background()
	res := c.postJSON("/api/v1/bookings", bookingJSON("2026-12-04T09:00:00+08:00", email), nil)
	if res.Status != http.StatusCreated {
		t.Fatalf("booking: %d %s", res.Status, res.Body)
	}
	if n, err := mailer.SendDue(ctx); n != 1 || err != nil {
		t.Fatalf("the confirmation: %d sent, %v", n, err)
	}
	e.DB.Now = func() time.Time { return time.Date(2026, 12, 3, 1, 0, 0, 0, time.UTC) }
	if n, err := mailer.QueueReminders(ctx); n != 1 || err != nil {
		t.Fatalf("the reminder: %d queued, %v", n, err)
	}
	return decodeBooking(t, res)
}

// sentSince parses what the server received after the first n messages.
func sentSince(t *testing.T, smtpd *mailtest.Server, n int) []parsed {
	t.Helper()
	var out []parsed
	for _, m := range smtpd.Messages()[n:] {
		out = append(out, parseMail(t, m.Data))
	}
	return out
}

// TestAbuse16EveryCancelSendsAndWithdraws: however a booking is cancelled
// (the manage page, the API, a day the desk closes), the cancellation with
// its METHOD:CANCEL goes out and the reminder already queued is withdrawn,
// never sent.
func TestAbuse16EveryCancelSendsAndWithdraws(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name, kind string
		cancel     func(e *testEnv, c *client, b bookingAnswer) int
	}{
		{"page", "cancellation", func(e *testEnv, c *client, b bookingAnswer) int {
			return pagePost(t, c, "/bookings/"+b.Reference+"/cancel?token="+url.QueryEscape(b.Token), url.Values{}).Status
		}},
		{"api", "cancellation", func(e *testEnv, c *client, b bookingAnswer) int {
			return c.do("POST", "/api/v1/bookings/"+b.Reference+"/cancel", nil, map[string]string{"Authorization": "Bearer " + b.Token}).Status
		}},
		{"closed day", "closure", func(e *testEnv, c *client, b bookingAnswer) int {
			desk := c.at(c.base)
			desk.login("admin")
			return desk.post("/staff/missions/by-cg-chongqing/closures", url.Values{"day": {"2026-12-04"}, "reason": {"Staff training"},
				"cancel_bookings": {"yes"}}).Status
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e, c, mailer, smtpd := mailEnv(t)
			email := strings.ReplaceAll(tc.name, " ", ".") + "@example.com"
			b := remindedBooking(t, e, c, mailer, email)
			if status := tc.cancel(e, c, b); status != http.StatusOK && status != http.StatusSeeOther {
				t.Fatalf("cancel: %d", status)
			}
			reminders := mailTo(t, e.DB, email, "reminder")
			if len(reminders) != 1 || !reminders[0].Withdrawn() {
				t.Fatalf("the reminder after cancelling: %+v", reminders)
			}
			if n, err := mailer.SendDue(context.Background()); n != 1 || err != nil {
				t.Fatalf("sent %d after cancelling, %v", n, err)
			}
			got := sentSince(t, smtpd, 1)
			if got[0].Method != "CANCEL" || len(mailTo(t, e.DB, email, tc.kind)) != 1 {
				t.Fatalf("sent %q (%s), want the %s", got[0].Subject, got[0].Method, tc.kind)
			}
		})
	}
}

// TestAbuse16ExpiryWithdrawsVerification: a pending booking that expires
// tells its applicant, and its request to confirm, not sent yet, is
// withdrawn.
func TestAbuse16ExpiryWithdrawsVerification(t *testing.T) {
	t.Parallel()
	e, c, mailer, smtpd := mailEnv(t)
	askForVerification(t, e.DB)
	ctx := context.Background()
	if res := c.postJSON("/api/v1/bookings", bookingJSON("2026-12-04T09:00:00+08:00", "slow@example.com"), nil); res.Status != http.StatusCreated {
		t.Fatalf("booking: %d %s", res.Status, res.Body)
	}
	e.DB.Now = func() time.Time { return bookingNow.Add(2 * time.Hour) }
	if n, err := mailer.ExpireUnverified(ctx); n != 1 || err != nil {
		t.Fatalf("expired %d, %v", n, err)
	}
	if n, err := mailer.SendDue(ctx); n != 1 || err != nil {
		t.Fatalf("sent %d, %v", n, err)
	}
	if asks := mailTo(t, e.DB, "slow@example.com", "verification"); len(asks) != 1 || !asks[0].Withdrawn() || len(smtpd.Messages()) != 1 {
		t.Fatalf("the request to confirm after expiry: %+v", asks)
	}
}

// TestAbuse16SenderChecksBooking: a reminder queued for a booking that
// was cancelled meanwhile (the reminder job read it just before) is
// withdrawn by the sender, not sent.
func TestAbuse16SenderChecksBooking(t *testing.T) {
	t.Parallel()
	e, c, mailer, smtpd := mailEnv(t)
	ctx := context.Background()
	res := c.postJSON("/api/v1/bookings", bookingJSON("2026-12-04T09:00:00+08:00", "raced@example.com"), nil)
	b := decodeBooking(t, res)
	read, err := e.DB.BookingByToken(ctx, b.Reference, b.Token)
	if err != nil {
		t.Fatal(err)
	}
	if res := c.do("POST", "/api/v1/bookings/"+b.Reference+"/cancel", nil, map[string]string{"Authorization": "Bearer " + b.Token}); res.Status != http.StatusOK {
		t.Fatalf("cancel: %d", res.Status)
	}
	// The reminder the job wrote from what it read before the cancel.
	if _, err := e.DB.Enqueue(ctx, store.Message{BookingID: read.ID, Kind: "reminder", Sequence: read.Sequence, To: "raced@example.com",
		Subject: "Reminder", Body: "See you tomorrow"}); err != nil {
		t.Fatal(err)
	}
	if _, err := mailer.SendDue(ctx); err != nil {
		t.Fatal(err)
	}
	for _, m := range smtpd.Messages() {
		if p := parseMail(t, m.Data); p.Subject == "Reminder" {
			t.Fatal("the reminder of a cancelled booking was sent")
		}
	}
	if r := mailTo(t, e.DB, "raced@example.com", "reminder"); len(r) != 1 || !r[0].Withdrawn() {
		t.Fatalf("the reminder: %+v", r)
	}
}

// TestAbuse16MoveSendsNewTime: moving an appointment through the manage
// page sends a "new time" mail, distinct from the confirmation, with the
// updated calendar entry (same UID, higher SEQUENCE, the new start), and
// the reminder of the old time is withdrawn.
func TestAbuse16MoveSendsNewTime(t *testing.T) {
	t.Parallel()
	e, c, mailer, smtpd := mailEnv(t)
	b := remindedBooking(t, e, c, mailer, "mover@example.com")
	first := parseMail(t, smtpd.Messages()[0].Data)
	res := pagePost(t, c, "/bookings/"+b.Reference+"/reschedule?token="+url.QueryEscape(b.Token), url.Values{"start": {"2026-12-08T09:00:00+08:00"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("move: %d %.800s", res.Status, res.Body)
	}
	if r := mailTo(t, e.DB, "mover@example.com", "reminder"); len(r) != 1 || !r[0].Withdrawn() {
		t.Fatalf("the old time's reminder: %+v", r)
	}
	if n, err := mailer.SendDue(context.Background()); n != 1 || err != nil {
		t.Fatalf("sent %d, %v", n, err)
	}
	moved := sentSince(t, smtpd, 1)[0]
	if moved.Subject == first.Subject || !strings.HasPrefix(moved.Subject, "New time") || !strings.Contains(moved.Text, "Tuesday, 8 December 2026, 09:00") ||
		moved.Method != "REQUEST" {
		t.Fatalf("the new-time mail: %q (%s)\n%s", moved.Subject, moved.Method, moved.Text)
	}
	ev, old := moved.Calendar.Events()[0], first.Calendar.Events()[0]
	uid, _ := ev.Props.Text(ical.PropUID)
	oldUID, _ := old.Props.Text(ical.PropUID)
	start, _ := ev.DateTimeStart(nil)
	if uid != oldUID || ev.Props.Get(ical.PropSequence).Value != "1" || !start.Equal(time.Date(2026, 12, 8, 1, 0, 0, 0, time.UTC)) {
		t.Fatalf("the updated entry: UID %s (was %s), SEQUENCE %s, DTSTART %v", uid, oldUID, ev.Props.Get(ical.PropSequence).Value, start)
	}
}
