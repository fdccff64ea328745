package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/store"
)

const eventPath = "/events/" + forumID

// registerForm is the event page's form filled in for email, with the
// page's CSRF token and idempotency key.
func registerForm(t *testing.T, c *client, email string) url.Values {
	t.Helper()
	page := c.get(eventPath)
	key := keyField.FindStringSubmatch(page.Body)
	if page.Status != http.StatusOK || key == nil {
		t.Fatalf("the event page has no registration form: %d\n%.800s", page.Status, page.Body)
	}
	return url.Values{"csrf": {pageCSRF(t, page)}, "key": {key[1]}, "name": {"Alesia Ptashuk"}, "email": {email}, "msg_lang": {"be"}}
}

// TestRegistrationJourney registers and cancels through the pages, as a
// browser without JavaScript would.
func TestRegistrationJourney(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	openForum(t, e, 1, true)
	c := e.client()
	form := registerForm(t, c, "not-an-address")
	bad := c.post(eventPath+"/register", form)
	if bad.Status != http.StatusBadRequest || !strings.Contains(bad.Body, `aria-invalid="true"`) || !strings.Contains(bad.Body, `id="email-error"`) {
		t.Fatalf("a bad email: %d\n%.1500s", bad.Status, bad.Body)
	}
	form.Set("email", "alesia@example.by")
	res := c.post(eventPath+"/register", form)
	manage := res.Header.Get("Location")
	if res.Status != http.StatusSeeOther || !strings.HasPrefix(manage, "/registrations/") || !strings.HasSuffix(manage, "&new=1") {
		t.Fatalf("register: %d %q", res.Status, manage)
	}
	if again := c.post(eventPath+"/register", form); again.Header.Get("Location") != manage {
		t.Errorf("the form sent twice led elsewhere: %d %q", again.Status, again.Header.Get("Location"))
	}
	page := c.get(manage)
	if page.Status != 200 || !strings.Contains(page.Body, html.EscapeString(eventMessage(t, "en", "registration.registered"))) ||
		page.Header.Get("Referrer-Policy") != "no-referrer" {
		t.Fatalf("the confirmation page: %d\n%.1500s", page.Status, page.Body)
	}
	full := c.get(eventPath)
	if !strings.Contains(full.Body, eventMessage(t, "en", "event.waitlist_button")) {
		t.Errorf("a full event does not offer its waiting list")
	}
	dup := registerForm(t, c, "ALESIA@example.by")
	if res := c.post(eventPath+"/register", dup); res.Status != http.StatusConflict ||
		!strings.Contains(res.Body, html.EscapeString(eventMessage(t, "en", "error.already_registered"))) {
		t.Errorf("a second registration: %d", res.Status)
	}
	cancelPath := strings.Replace(strings.TrimSuffix(manage, "&new=1"), "?token=", "/cancel?token=", 1)
	sure := c.get(cancelPath)
	if sure.Status != 200 || !strings.Contains(sure.Body, `method="post"`) {
		t.Fatalf("the cancel confirmation: %d", sure.Status)
	}
	if res := c.post(cancelPath, url.Values{"csrf": {"forged"}}); res.Status != http.StatusForbidden {
		t.Errorf("a cancel with a forged CSRF token: %d", res.Status)
	}
	res = c.post(cancelPath, url.Values{"csrf": {pageCSRF(t, sure)}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("cancel: %d\n%.800s", res.Status, res.Body)
	}
	if done := c.get(res.Header.Get("Location")); !strings.Contains(done.Body, eventMessage(t, "en", "registration.status.cancelled")) {
		t.Errorf("the manage page does not say the registration is cancelled")
	}
	if e2, _ := e.DB.EventRegistration(context.Background(), forumID); e2.Registered != 0 {
		t.Errorf("%d places still taken", e2.Registered)
	}
}

func TestEventPageErrors(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	c := e.client()
	if res := c.get("/events/consulate-opening-2021?lang=ru"); res.Status != 404 ||
		!strings.Contains(res.Body, html.EscapeString(strings.ReplaceAll(eventMessage(t, "ru", "error.event_not_found"), "{{.ID}}", "consulate-opening-2021"))) {
		t.Errorf("an event without registration: %d", res.Status)
	}
	ev := openForum(t, e, 1, false)
	form := registerForm(t, c, "first@example.com")
	if res := c.post(eventPath+"/register", form); res.Status != http.StatusSeeOther {
		t.Fatalf("register: %d", res.Status)
	}
	page := c.get(eventPath + "?lang=be")
	if strings.Contains(page.Body, `name="key"`) || !strings.Contains(page.Body, eventMessage(t, "be", "error.event_full")) {
		t.Errorf("a full event without a waiting list still offers its form:\n%.1500s", page.Body)
	}
	if res := c.post(eventPath+"/register", url.Values{"name": {"A"}, "email": {"a@example.com"}, "key": {"0123456789abcdef0123"}}); res.Status != http.StatusForbidden {
		t.Errorf("a form without its CSRF token: %d", res.Status)
	}
	ev.Capacity, ev.Open = 2, false
	if _, err := e.DB.SaveEventRegistration(context.Background(), store.Actor{Name: "test"}, ev, nil); err != nil {
		t.Fatal(err)
	}
	late := form
	late.Set("email", "late@example.com")
	late.Set("key", "a-fresh-key-0123456789")
	if res := c.post(eventPath+"/register?lang=zh", late); res.Status != http.StatusConflict ||
		!strings.Contains(res.Body, eventMessage(t, "zh", "error.registration_closed")) {
		t.Errorf("closed registration: %d", res.Status)
	}
	if res := c.get("/registrations/AAAA-AAAA?token=wrong"); res.Status != 404 {
		t.Errorf("a wrong manage link: %d", res.Status)
	}
}

func TestRelationsLinkRegistrableEvents(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	c := e.client()
	if strings.Contains(c.get("/relations").Body, `href="`+eventPath+`"`) {
		t.Fatal("an event without registration is linked")
	}
	openForum(t, e, 10, true)
	if !strings.Contains(c.get("/relations").Body, `href="`+eventPath+`"`) {
		t.Error("/relations does not link the event that takes registration")
	}
}

func TestEventPageSaysWhenRegistrationOpens(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	ev := openForum(t, e, 5, true)
	ev.Opens = e.DB.Now().Add(48 * time.Hour) // 25 November 2026, 10:00 in Chongqing
	if _, err := e.DB.SaveEventRegistration(context.Background(), store.Actor{Name: "test"}, ev, nil); err != nil {
		t.Fatal(err)
	}
	page := e.client().get(eventPath)
	if page.Status != 200 || strings.Contains(page.Body, `name="key"`) || !strings.Contains(page.Body, eventMessage(t, "en", "error.registration_not_open")) ||
		!strings.Contains(page.Body, "25 November 2026, 10:00") {
		t.Errorf("a registration not open yet:\n%.2000s", page.Body)
	}
}
