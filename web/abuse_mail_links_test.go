package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/web"
	"github.com/chancery-platform/chancery/web/ui"
)

// publicBase is the public URL the mail tests configure.
const publicBase = "https://consulate.example"

// mailPath finds a site path written in mail (a manage, verify, book-again
// or registration link) with whatever stands before it.
var mailPath = regexp.MustCompile(`(\S*)(/(bookings|missions|registrations)/\S+)`)

// checkLinks fails unless every link in the queued mail starts with
// base, and no mail names another host.
func checkLinks(t *testing.T, db *store.DB, base string, want int) {
	t.Helper()
	msgs, err := db.Outbox(context.Background(), store.OutboxQuery{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	links := 0
	for _, m := range msgs {
		if strings.Contains(m.Body, "evil.example") {
			t.Errorf("%s mail names the request's host:\n%s", m.Kind, m.Body)
		}
		for _, l := range mailPath.FindAllStringSubmatch(m.Body, -1) {
			links++
			if l[1] != base {
				t.Errorf("%s mail links to %q%s, not on %s", m.Kind, l[1], l[2], base)
			}
		}
	}
	if links < want {
		t.Errorf("%d links in %d messages, want at least %d", links, len(msgs), want)
	}
}

// doHost sends a request whose Host header names another site, as an
// attacker would to have the victim's mail link there.
func (c *client) doHost(method, path, host, body string, header map[string]string) response {
	c.t.Helper()
	req, err := http.NewRequest(method, c.base+path, strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	req.Host = host
	for k, v := range header {
		req.Header.Set(k, v)
	}
	return c.send(req)
}

// linkBases are the public URLs the link tests configure, and the base
// they expect links on: without one, links in mail use
// ui.DefaultPublicURL (chancery serve passes its listen address), never
// the request's Host.
var linkBases = []struct{ name, configured, want string }{
	{"configured", publicBase + "/", publicBase},
	{"none configured", "", ui.DefaultPublicURL},
}

// forEachBase runs test under each of linkBases, in parallel.
func forEachBase(t *testing.T, test func(t *testing.T, configured, want string)) {
	t.Parallel()
	for _, base := range linkBases {
		t.Run(base.name, func(t *testing.T) {
			t.Parallel()
			test(t, base.configured, base.want)
		})
	}
}

// TestAbuse04MailLinksIgnoreHost: a booking, a verification, a move and
// an event registration sent with "Host: evil.example" queue mail whose
// links all start with the configured public URL.
func TestAbuse04MailLinksIgnoreHost(t *testing.T) {
	forEachBase(t, mailLinksIgnoreHost)
}

func mailLinksIgnoreHost(t *testing.T, configured, want string) {
	e := newBookingEnv(t)
	srv, err := web.New(e.DB, web.Config{PublicURL: configured})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	c := newClient(t, ts.URL)
	openForum(t, e, 10, false)
	evil := "evil.example"
	js := map[string]string{"Content-Type": "application/json"}
	res := c.doHost("POST", "/api/v1/bookings", evil, bookingJSON("2026-12-01T09:00:00+08:00", "victim@example.com"), js)
	if res.Status != http.StatusCreated {
		t.Fatalf("booking: %d %s", res.Status, res.Body)
	}
	b := decodeBooking(t, res)
	move := c.doHost("POST", "/api/v1/bookings/"+b.Reference+"/reschedule", evil, `{"start":"2026-12-01T09:20:00+08:00"}`,
		map[string]string{"Content-Type": "application/json", "Authorization": "Bearer " + b.Token})
	if move.Status != http.StatusOK {
		t.Fatalf("move: %d %s", move.Status, move.Body)
	}
	askForVerification(t, e.DB)
	if res := c.doHost("POST", "/api/v1/bookings", evil, bookingJSON("2026-12-02T09:00:00+08:00", "victim2@example.com"), js); res.Status != http.StatusCreated {
		t.Fatalf("a booking to verify: %d %s", res.Status, res.Body)
	}
	if res := c.doHost("POST", registrationsPath, evil, `{"name":"Li Wei","email":"victim3@example.com"}`, js); res.Status != http.StatusCreated {
		t.Fatalf("registration: %d %s", res.Status, res.Body)
	}
	checkLinks(t, e.DB, want, 4)
}

// TestAbuse04JobMailLinksAbsolute: the mail the background jobs write,
// a lottery winner's confirmation and word that an unconfirmed place went
// back, links to the configured public URL, not to a bare path.
func TestAbuse04JobMailLinksAbsolute(t *testing.T) {
	forEachBase(t, jobMailLinksAbsolute)
}

func jobMailLinksAbsolute(t *testing.T, configured, want string) {
	e := newBookingEnv(t)
	ctx := context.Background()
	srv, err := web.New(e.DB, web.Config{PublicURL: configured})
	if err != nil {
		t.Fatal(err)
	}
	rel := openRelease(t, e.DB, 1)
	code, hash := booking.NewToken()
	req, err := e.DB.RequestPlace(ctx, rel.ID, store.Entry{VerifyHash: hash,
		Applicant: booking.Applicant{Name: "Winner", Email: "winner@example.com", Phone: "+86 138 0000 0000", Lang: "en"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.DB.VerifyRequest(ctx, rel.ID, req, code); err != nil {
		t.Fatal(err)
	}
	askForVerification(t, e.DB)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	c := newClient(t, ts.URL)
	if res := c.postJSON("/api/v1/bookings", bookingJSON("2026-12-02T09:00:00+08:00", "late@example.com"), nil); res.Status != http.StatusCreated {
		t.Fatalf("a booking to verify: %d %s", res.Status, res.Body)
	}
	e.DB.Now = func() time.Time { return bookingNow.Add(2 * time.Hour) }
	if n, err := srv.DrawDue(ctx); n != 1 || err != nil {
		t.Fatalf("draw: %d %v", n, err)
	}
	if n, err := srv.NewMailer(nil, "cq@consulate.example").ExpireUnverified(ctx); n != 1 || err != nil {
		t.Fatalf("expiry: %d %v", n, err)
	}
	msgs, _ := e.DB.Outbox(ctx, store.OutboxQuery{Limit: 10})
	kinds := fmt.Sprint(len(msgs))
	for _, m := range msgs {
		kinds += " " + m.Kind
	}
	if !strings.Contains(kinds, "confirmation") || !strings.Contains(kinds, "expired") {
		t.Fatalf("messages queued: %s", kinds)
	}
	checkLinks(t, e.DB, want, 3)
}
