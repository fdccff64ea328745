package web_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/cookiejar"
	"regexp"
	"strings"
	"testing"
)

// rawClient is a client that neither asks for nor undoes compression by
// itself, so that a test sees the answer as it travels.
func rawClient(t *testing.T, base string) *client {
	c := newClient(t, base)
	jar, _ := cookiejar.New(nil)
	c.http = &http.Client{Jar: jar, Transport: &http.Transport{DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return c
}

func gunzip(t *testing.T, res response) string {
	t.Helper()
	zr, err := gzip.NewReader(strings.NewReader(res.Body))
	if err != nil {
		t.Fatalf("not gzip: %v", err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("broken gzip: %v", err)
	}
	return string(b)
}

func varies(h http.Header) bool {
	for _, v := range h.Values("Vary") {
		if strings.Contains(strings.ToLower(v), "accept-encoding") {
			return true
		}
	}
	return false
}

// TestAnswersCompressed: a client that accepts gzip gets public pages and
// API answers compressed, the same bytes once unpacked as a client that
// does not; a page that carries a form's token, a session's or a manage
// link's is never compressed (BREACH).
func TestAnswersCompressed(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	c := rawClient(t, e.URL)
	gz := map[string]string{"Accept-Encoding": "gzip, deflate, br"}
	css := regexp.MustCompile(`/static/style\.[0-9a-f]+\.css`).FindString(c.get("/").Body)
	if css == "" {
		t.Fatal("the home page links no style sheet")
	}
	for _, path := range []string{
		"/missions/by-cg-chongqing", // rendered, then from the page cache
		"/missions/by-cg-chongqing",
		"/api/v1/missions/by-cg-chongqing/slots?service=cq-visa", // rendered, then kept with its listing
		"/api/v1/missions/by-cg-chongqing/slots?service=cq-visa",
		"/api/v1/missions",
		css,
	} {
		plain := c.get(path)
		packed := c.do("GET", path, nil, gz)
		if plain.Status != http.StatusOK || packed.Status != http.StatusOK {
			t.Fatalf("%s: %d, %d", path, plain.Status, packed.Status)
		}
		if ce := plain.Header.Get("Content-Encoding"); ce != "" {
			t.Errorf("%s without Accept-Encoding: Content-Encoding %q", path, ce)
		}
		if packed.Header.Get("Content-Encoding") != "gzip" || !varies(packed.Header) {
			t.Errorf("%s: Content-Encoding %q, Vary %q", path, packed.Header.Get("Content-Encoding"), packed.Header.Values("Vary"))
			continue
		}
		if got := gunzip(t, packed); got != plain.Body {
			t.Errorf("%s: unpacked answer differs from the plain one (%d and %d bytes)", path, len(got), len(plain.Body))
		}
		if len(packed.Body) >= len(plain.Body) {
			t.Errorf("%s: compressed %d bytes, plain %d", path, len(packed.Body), len(plain.Body))
		}
		if cl := packed.Header.Get("Content-Length"); cl != "" && cl != itoa(int64(len(packed.Body))) {
			t.Errorf("%s: Content-Length %s for %d bytes", path, cl, len(packed.Body))
		}
		refused := c.do("GET", path, nil, map[string]string{"Accept-Encoding": "gzip;q=0, br"})
		if refused.Header.Get("Content-Encoding") != "" || refused.Body != plain.Body {
			t.Errorf("%s with gzip;q=0: Content-Encoding %q", path, refused.Header.Get("Content-Encoding"))
		}
	}

	// Answers with a secret in them: the sign-in form's token, the
	// booking form's, a signed-in page's, a new booking's manage token.
	withSecret := []response{
		c.do("GET", "/staff/login", nil, gz),
		c.do("GET", "/missions/by-cg-chongqing/book/cq-visa/details?start=2026-12-01T09%3A00%3A00%2B08%3A00", nil, gz),
	}
	staff := rawClient(t, e.URL)
	staff.login("admin")
	withSecret = append(withSecret, staff.do("GET", "/staff", nil, gz), staff.do("GET", "/staff/audit", nil, gz))
	booked := c.do("POST", "/api/v1/bookings", strings.NewReader(bookingJSON("2026-12-01T09:00:00+08:00", "gz@example.com")),
		map[string]string{"Accept-Encoding": "gzip", "Content-Type": "application/json"})
	if booked.Status != http.StatusCreated {
		t.Fatalf("booking: %d %s", booked.Status, booked.Body)
	}
	withSecret = append(withSecret, booked)
	for i, res := range withSecret {
		if res.Status >= 400 {
			t.Errorf("answer %d: status %d", i, res.Status)
		}
		if ce := res.Header.Get("Content-Encoding"); ce != "" {
			t.Errorf("answer %d, which carries a secret, is compressed (%s)", i, ce)
		}
		if res.Header.Get("No-Gzip-Compression") != "" {
			t.Errorf("answer %d: the internal no-compression mark reached the client", i)
		}
	}
}
