package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	mailbox "github.com/chancery-platform/chancery/outbox"
	"github.com/chancery-platform/chancery/store"
)

// resentTo lists the addresses of the outbox's resent confirmations.
func resentTo(t *testing.T, db *store.DB) []string {
	t.Helper()
	msgs, err := db.Outbox(context.Background(), store.OutboxQuery{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range msgs {
		if m.Kind == mailbox.Resent {
			out = append(out, m.To)
		}
	}
	return out
}

// TestFindMyBooking: a reference and the address it was booked with get a
// new manage link by mail (the old one stops working); any other pair gets
// the same answer and no mail; both fields are checked at once; one
// reference is asked for a limited number of times.
func TestFindMyBooking(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	c := e.client()
	b := decodeBooking(t, c.postJSON("/api/v1/bookings", bookingJSON("2026-12-01T09:00:00+08:00", "li.wei@example.com"), nil))
	manage := "/bookings/" + b.Reference + "?token=" + b.Token
	if book := c.get("/book"); !strings.Contains(book.Body, `<a href="/bookings/find">`) {
		t.Error("the appointments page does not lead to finding a booking")
	}
	page := c.get("/bookings/find")
	if page.Status != 200 || page.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("the form: %d %q", page.Status, page.Header.Get("Cache-Control"))
	}
	csrf := pageCSRF(t, page)
	find := func(ref, email string) response {
		return c.post("/bookings/find", url.Values{"csrf": {csrf}, "reference": {ref}, "email": {email}})
	}
	same := func(name string, res response) {
		t.Helper()
		if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/bookings/find?sent=1" {
			t.Fatalf("%s: %d %q", name, res.Status, res.Header.Get("Location"))
		}
	}
	same("another address", find(b.Reference, "someone.else@example.com"))
	same("an unknown reference", find("ZZZZ-ZZZZ", "li.wei@example.com"))
	if got := resentTo(t, e.DB); len(got) != 0 {
		t.Fatalf("mail went out for a pair that does not match: %q", got)
	}
	if res := c.get(manage); res.Status != 200 {
		t.Fatalf("the link stopped working: %d", res.Status)
	}

	// Typed as people type it: lower case, no dash, the address in capitals.
	same("the right pair", find(strings.ToLower(strings.ReplaceAll(b.Reference, "-", " ")), "LI.WEI@example.com"))
	if got := resentTo(t, e.DB); len(got) != 1 || got[0] != "li.wei@example.com" {
		t.Fatalf("the new link went to %q", got)
	}
	if res := c.get(manage); res.Status != http.StatusNotFound {
		t.Errorf("the old link still works: %d", res.Status)
	}
	if sent := c.get("/bookings/find?sent=1"); !strings.Contains(sent.Body, `role="status"`) || !strings.Contains(sent.Body, "we have sent a new link") {
		t.Error("the page does not say what happened")
	}

	bad := find("", "nope")
	if bad.Status != http.StatusBadRequest || strings.Count(bad.Body, `aria-invalid="true"`) != 2 || !strings.Contains(bad.Body, `<a href="#reference">`) {
		t.Errorf("two empty fields: %d", bad.Status)
	}
	if res := c.post("/bookings/find", url.Values{"reference": {b.Reference}, "email": {"li.wei@example.com"}}); res.Status != http.StatusForbidden {
		t.Errorf("without the CSRF token: %d", res.Status)
	}
	// One reference, asked again and again: refused a while.
	var last response
	for range 6 {
		last = find(b.Reference, "guess@example.com")
	}
	if last.Status != http.StatusTooManyRequests || last.Header.Get("Retry-After") == "" {
		t.Errorf("the sixth attempt on one reference: %d", last.Status)
	}
}

// TestAlreadyBookedOffersTheLink: a person who books a service they hold
// an appointment for is offered its link again; it goes to the address on
// file, never to the one typed, and the answer is the same when someone
// types another person's passport number.
func TestAlreadyBookedOffersTheLink(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	c := e.client()
	_, form := checkPage(t, c)
	if res := c.post(confirmPath, form); res.Status != http.StatusSeeOther {
		t.Fatalf("the first booking: %d", res.Status)
	}
	// Another time, the same person: refused, with the offer.
	_, again := checkPage(t, c)
	again.Set("key", "another-key-0123456789")
	res := c.post(confirmPath, again)
	if res.Status != http.StatusConflict || !strings.Contains(res.Body, `action="/missions/by-cg-chongqing/book/cq-visa/resend"`) {
		t.Fatalf("a second booking: %d", res.Status)
	}
	csrf := pageCSRF(t, res)
	send := func(email, passport string) response {
		return c.post("/missions/by-cg-chongqing/book/cq-visa/resend", url.Values{"csrf": {csrf}, "name": {"X"}, "email": {email},
			"phone": {"+86 138 0000 0000"}, "passport": {passport}, "msg_lang": {"en"}})
	}
	// Someone else's passport number with their own address: the same answer, the link to the address on file.
	for _, r := range []response{send("stranger@example.com", "EA1234567"), send("li.wei@example.com", "")} {
		if r.Status != http.StatusSeeOther || r.Header.Get("Location") != "/bookings/find?sent=1" {
			t.Fatalf("the resend: %d %q", r.Status, r.Header.Get("Location"))
		}
	}
	got := resentTo(t, e.DB)
	if len(got) != 2 || got[0] != "li.wei@example.com" || got[1] != "li.wei@example.com" {
		t.Fatalf("the links went to %q, not only to the address on file", got)
	}
	if send("nobody@example.com", "EB0000000").Status != http.StatusSeeOther || len(resentTo(t, e.DB)) != 2 {
		t.Error("a person with no appointment: another answer, or mail sent")
	}
}
