package web_test

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/web"
)

var nextField = regexp.MustCompile(`name="next" value="([^"]*)"`)

// TestAbuse12OpenRedirect: the sign-in page's next parameter sends the
// signed-in user only to a path of this site, whatever it is given; a
// path of this site survives the sign-in.
func TestAbuse12OpenRedirect(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	base, _ := url.Parse(e.URL)
	for i, tc := range []struct{ next, want string }{
		{"/%09/evil.example/x", "/staff"},
		{"/%0a/evil.example/x", "/staff"},
		{"/%0d/evil.example", "/staff"},
		{"//evil.example", "/staff"},
		{"/%5Cevil.example", "/staff"},
		{"/%2F%2Fevil.example", "/staff"},
		{"%2F%5Cevil.example", "/staff"},
		{"https://evil.example/", "/staff"},
		{"javascript:alert(1)", "/staff"},
		{"/%25%30%39/evil.example", "/staff"},
		{"/staff/bookings?day=2030-01-02", "/staff/bookings?day=2030-01-02"},
	} {
		t.Run(tc.next, func(t *testing.T) {
			c := newClient(t, e.URL)
			page := c.get("/staff/login?next=" + tc.next)
			m := nextField.FindStringSubmatch(page.Body)
			if m == nil {
				t.Fatalf("no next field on the sign-in page (status %d)", page.Status)
			}
			if got := html.UnescapeString(m[1]); got != tc.want {
				t.Errorf("the form carries next %q, want %q", got, tc.want)
			}
			token := csrfField.FindStringSubmatch(page.Body)[1]
			// The form's field is what the browser sends, but an attacker
			// may post any value: post the raw payload, decoded once as a
			// form decodes it.
			raw, err := url.QueryUnescape(tc.next)
			if err != nil {
				t.Fatal(err)
			}
			res := c.post("/staff/login", url.Values{"csrf": {token}, "username": {[]string{"admin", "consul", "officer"}[i%3]}, "password": {testPassword}, "next": {raw}})
			if res.Status != http.StatusSeeOther {
				t.Fatalf("sign-in: status %d", res.Status)
			}
			loc, err := base.Parse(res.Header.Get("Location"))
			if err != nil || loc.Host != base.Host || loc.Scheme != base.Scheme {
				t.Fatalf("redirected to %q, off this site", res.Header.Get("Location"))
			}
			if got := res.Header.Get("Location"); got != tc.want {
				t.Errorf("redirected to %q, want %q", got, tc.want)
			}
		})
	}
}

// proxied is a server over e's database that trusts X-Forwarded-For, as
// behind a reverse proxy, so that a test can speak from many addresses.
func proxied(t *testing.T, e *testEnv) string {
	srv, err := web.New(e.DB, web.Config{TrustProxy: true})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return ts.URL
}

// proxiedBooking is a booking test's environment and a client of its
// server that trusts X-Forwarded-For.
func proxiedBooking(t *testing.T) (*testEnv, *client) {
	e := newBookingEnv(t)
	return e, newClient(t, proxied(t, e))
}

// from sends a request of c as if from the client address addr.
func (c *client) from(addr, method, path, body, ctype string, header ...string) response {
	h := map[string]string{"X-Forwarded-For": addr}
	if ctype != "" {
		h["Content-Type"] = ctype
	}
	for i := 0; i+1 < len(header); i += 2 {
		h[header[i]] = header[i+1]
	}
	return c.do(method, path, strings.NewReader(body), h)
}

// signInFrom sends the sign-in form for username from addr.
func signInFrom(t *testing.T, base, addr, username, password string) response {
	c := newClient(t, base)
	token := csrfField.FindStringSubmatch(c.from(addr, "GET", "/staff/login", "", "").Body)[1]
	form := url.Values{"csrf": {token}, "username": {username}, "password": {password}}
	return c.from(addr, "POST", "/staff/login", form.Encode(), "application/x-www-form-urlencoded")
}

// wholeSeconds checks a refusal's Retry-After: a whole number of
// seconds, at least one.
func wholeSeconds(t *testing.T, what string, res response) {
	t.Helper()
	ra := res.Header.Get("Retry-After")
	if n, err := strconv.Atoi(ra); err != nil || n < 1 {
		t.Errorf("%s: %d with Retry-After %q, want whole seconds", what, res.Status, ra)
	}
}

// TestAbuse03SignInLockout: wrong passwords for an account sent from
// other addresses, each until its own limit refuses it, do not lock the
// account's owner out; the sender is refused with a whole-second
// Retry-After.
func TestAbuse03SignInLockout(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	base := proxied(t, e)
	for i := range 10 {
		addr := fmt.Sprintf("203.0.113.%d", i+1)
		var res response
		for range 9 {
			res = signInFrom(t, base, addr, "admin", "wrong password")
		}
		if res.Status != http.StatusTooManyRequests {
			t.Fatalf("nine wrong passwords from %s: the last got %d", addr, res.Status)
		}
		wholeSeconds(t, "sign-in over the limit", res)
	}
	if res := signInFrom(t, base, "198.51.100.7", "admin", testPassword); res.Status != http.StatusSeeOther {
		t.Fatalf("the owner, from their own address, after others' failures: %d", res.Status)
	}
}

// TestAbuse03BookingLockout: refused bookings in someone else's name
// from one address do not lock that person out of booking from theirs.
func TestAbuse03BookingLockout(t *testing.T) {
	t.Parallel()
	_, c := proxiedBooking(t)
	const victim = "victim@example.com"
	var res response
	for i := range 7 {
		start := fmt.Sprintf("2026-12-0%dT10:00:00+08:00", 1+i%4)
		res = c.from("203.0.113.1", "POST", "/api/v1/bookings", bookingJSON(start, victim), "application/json")
		if res.Status == http.StatusTooManyRequests {
			break
		}
	}
	if res.Status != http.StatusTooManyRequests {
		t.Fatalf("seven bookings in one name from one address: the last got %d", res.Status)
	}
	wholeSeconds(t, "booking over the limit", res)
	mine := strings.Replace(bookingJSON("2026-12-02T10:00:00+08:00", victim), "cq-visa", "cq-registration", 1)
	if res := c.from("198.51.100.7", "POST", "/api/v1/bookings", mine, "application/json"); res.Status != http.StatusCreated {
		t.Fatalf("the person, from their own address: %d %s", res.Status, res.Body)
	}
}

// TestAbuse03FullSlotNotCounted: asking again and again for a full slot
// (with and without an idempotency key, which take different paths)
// does not use up the person's allowance; a free slot is then booked.
func TestAbuse03FullSlotNotCounted(t *testing.T) {
	t.Parallel()
	_, c := proxiedBooking(t)
	const full = "2026-12-01T11:00:00+08:00"
	for i := range 2 {
		if res := c.from(fmt.Sprintf("192.0.2.%d", i+1), "POST", "/api/v1/bookings", bookingJSON(full, fmt.Sprintf("p%d@example.com", i)), "application/json"); res.Status != http.StatusCreated {
			t.Fatalf("filling the slot: %d %s", res.Status, res.Body)
		}
	}
	for i := range 8 {
		var key []string
		if i%2 == 1 {
			key = []string{"Idempotency-Key", fmt.Sprintf("full-%d", i)}
		}
		if res := c.from("198.51.100.9", "POST", "/api/v1/bookings", bookingJSON(full, "patient@example.com"), "application/json", key...); res.Status != http.StatusConflict {
			t.Fatalf("attempt %d at a full slot: %d %s", i, res.Status, res.Body)
		}
	}
	if res := c.from("198.51.100.9", "POST", "/api/v1/bookings", bookingJSON("2026-12-01T14:00:00+08:00", "patient@example.com"), "application/json"); res.Status != http.StatusCreated {
		t.Fatalf("a free slot after refusals for a full one: %d %s", res.Status, res.Body)
	}
}

// TestAbuse03RetryAfterOnPages: the booking and event pages, refused by
// the client's rate limit, say so with a whole-second Retry-After.
func TestAbuse03RetryAfterOnPages(t *testing.T) {
	t.Parallel()
	e, c := proxiedBooking(t)
	openForum(t, e, 100, false)
	const addr = "198.51.100.20"
	csrf := pageCSRF(t, c.from(addr, "GET", detailsPath, "", ""))
	var res response
	for i := 0; i < 40 && res.Status != http.StatusTooManyRequests; i++ {
		form := answers(csrf)
		form.Set("passport", "EA1234567")
		form.Set("email", fmt.Sprintf("many%d@example.com", i))
		form.Set("key", fmt.Sprintf("page-attempt-key-%04d", i))
		form.Set("start", "2026-12-01T09:00:00+08:00")
		res = c.from(addr, "POST", confirmPath, form.Encode(), "application/x-www-form-urlencoded")
	}
	if res.Status != http.StatusTooManyRequests || !strings.Contains(res.Body, "Too many booking attempts") {
		t.Fatalf("the booking form over the limit: %d\n%.600s", res.Status, res.Body)
	}
	wholeSeconds(t, "booking page", res)
	page := c.from(addr, "GET", eventPath, "", "")
	form := url.Values{"csrf": {pageCSRF(t, page)}, "key": {keyField.FindStringSubmatch(page.Body)[1]}, "name": {"Alesia Ptashuk"},
		"email": {"alesia@example.by"}, "msg_lang": {"be"}}
	res = c.from(addr, "POST", eventPath+"/register", form.Encode(), "application/x-www-form-urlencoded")
	if res.Status != http.StatusTooManyRequests {
		t.Fatalf("the event form over the limit: %d", res.Status)
	}
	wholeSeconds(t, "event page", res)
}
