package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/store"
)

// outbox lists every message queued, oldest first.
func outbox(t *testing.T, db *store.DB) []store.Message {
	t.Helper()
	msgs, err := db.Outbox(context.Background(), store.OutboxQuery{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	for i, j := 0, len(msgs)-1; i < j; i, j = i+1, j-1 {
		msgs[i], msgs[j] = msgs[j], msgs[i]
	}
	return msgs
}

// mailTo is the messages of kind queued for address to.
func mailTo(t *testing.T, db *store.DB, to, kind string) []store.Message {
	t.Helper()
	var out []store.Message
	for _, m := range outbox(t, db) {
		if m.To == to && m.Kind == kind {
			out = append(out, m)
		}
	}
	return out
}

// pagePost sends a form of the manage pages at path, with the CSRF token
// of the page at path.
func pagePost(t *testing.T, c *client, path string, form url.Values) response {
	t.Helper()
	form.Set("csrf", pageCSRF(t, c.get(path)))
	return c.do("POST", path, strings.NewReader(form.Encode()), map[string]string{
		"Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin"})
}

// TestAbuse11UndeliverableAddressRefused: an address the mailer cannot
// deliver to (non-ASCII, an IP literal, a quoted local part, no dot in
// the domain) is refused with a 400 and a message in the reader's
// language by every form and API that takes one, and nothing is queued.
func TestAbuse11UndeliverableAddressRefused(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	openForum(t, e, 10, false)
	c := e.client()
	for _, addr := range []string{"ü@example.com", "a@[127.0.0.1]", `"a b"@example.com`, "li@localhost", "li@пример.рф"} {
		if res := c.postJSON("/api/v1/bookings", bookingJSON("2026-12-01T09:00:00+08:00", addr), nil); res.Status != http.StatusBadRequest ||
			!strings.Contains(res.Body, "is not an email address we can write to") {
			t.Errorf("booking for %q: %d %s", addr, res.Status, res.Body)
		}
		if res := c.postJSON(registrationsPath, `{"name":"Li Wei","email":"`+strings.ReplaceAll(addr, `"`, `\"`)+`"}`,
			map[string]string{"Accept-Language": "ru"}); res.Status != http.StatusBadRequest || !strings.Contains(res.Body, "не является адресом") {
			t.Errorf("registration for %q: %d %s", addr, res.Status, res.Body)
		}
		if res := c.post("/events/"+forumID+"/register", registerForm(t, c, addr)); res.Status != http.StatusBadRequest ||
			!strings.Contains(res.Body, `id="email-error"`) {
			t.Errorf("the registration form for %q: %d", addr, res.Status)
		}
	}
	if msgs := outbox(t, e.DB); len(msgs) != 0 {
		t.Fatalf("%d messages queued for refused addresses", len(msgs))
	}
}

// TestAbuse11PermanentFailureGivenUp: a message the mail server refuses
// for good (5xx), or one whose address cannot be written to (queued before
// addresses were checked), is given up at its first attempt: not retried,
// and shown to staff in the outbox with the reason.
func TestAbuse11PermanentFailureGivenUp(t *testing.T) {
	t.Parallel()
	e, c, mailer, smtpd := mailEnv(t)
	ctx := context.Background()
	if res := c.postJSON("/api/v1/bookings", bookingJSON("2026-12-01T09:00:00+08:00", "gone@example.com"), nil); res.Status != http.StatusCreated {
		t.Fatalf("booking: %d %s", res.Status, res.Body)
	}
	if _, err := e.DB.Enqueue(ctx, store.Message{Kind: "event_registered", To: "ü@example.com", Subject: "Forum", Body: "Welcome"}); err != nil {
		t.Fatal(err)
	}
	smtpd.RefuseForGood(true)
	if n, err := mailer.SendDue(ctx); n != 0 || err != nil {
		t.Fatalf("sent %d, %v", n, err)
	}
	smtpd.RefuseForGood(false)
	// Days later nothing is tried again.
	e.DB.Now = func() time.Time { return bookingNow.Add(72 * time.Hour) }
	if n, err := mailer.SendDue(ctx); n != 0 || err != nil {
		t.Fatalf("a given-up message was sent again: %d, %v", n, err)
	}
	msgs := outbox(t, e.DB)
	if len(msgs) != 2 {
		t.Fatalf("%d messages", len(msgs))
	}
	for _, m := range msgs {
		if m.FailedAt.IsZero() || m.Attempts != 1 || !m.SentAt.IsZero() || m.Withdrawn() {
			t.Errorf("message to %s: given up %v after %d attempts, sent %v, error %q", m.To, m.FailedAt, m.Attempts, m.SentAt, m.LastError)
		}
	}
	if !strings.Contains(msgs[0].LastError, "550") || !strings.Contains(msgs[1].LastError, "address") {
		t.Errorf("reasons: %q, %q", msgs[0].LastError, msgs[1].LastError)
	}
	if backlog, _, err := e.DB.OutboxBacklog(ctx); backlog != 0 || err != nil {
		t.Errorf("backlog %d, %v: given-up messages wait for nothing", backlog, err)
	}
	staffc := e.client()
	staffc.login("admin")
	page := staffc.get("/staff/outbox?unsent=yes")
	if page.Status != http.StatusOK || strings.Count(page.Body, "Will not be sent:") != 2 || !strings.Contains(page.Body, "550") {
		t.Fatalf("the outbox page: %d\n%s", page.Status, page.Body)
	}
	if !strings.Contains(page.Body, "Times in China Standard Time (UTC&#43;8).") || strings.Contains(page.Body, "Asia/Shanghai") {
		t.Error("the outbox page does not name its time zone in words")
	}
}
