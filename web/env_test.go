package web_test

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
	"github.com/chancery-platform/chancery/web"
)

// TestMain drops the template databases the tests copy when they end.
func TestMain(m *testing.M) { os.Exit(storetest.Run(m)) }

// testEnv is a real chancery server on loopback over a fresh, seeded database.
type testEnv struct {
	t   *testing.T
	DB  *store.DB
	DSN string
	URL string
}

const testPassword = storetest.Password

// newEnv starts a server over a new database with the default dataset and
// one staff account per role, named after the role (a copy of
// storetest.Seeded).
func newEnv(t *testing.T) *testEnv {
	t.Helper()
	dsn := storetest.Seeded.DSN(t)
	db := storetest.OpenDSN(t, dsn)
	e := &testEnv{t: t, DB: db, DSN: dsn}
	e.URL = e.start(db)
	return e
}

// start serves another instance over db and returns its URL.
func (e *testEnv) start(db *store.DB) string {
	srv, err := web.New(db, web.Config{})
	if err != nil {
		e.t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	e.t.Cleanup(ts.Close)
	return ts.URL
}

// client is a browser-like client with a cookie jar that does not follow redirects.
type client struct {
	t    *testing.T
	base string
	http *http.Client
	csrf string
}

func (e *testEnv) client() *client { return newClient(e.t, e.URL) }

func newClient(t *testing.T, base string) *client {
	jar, _ := cookiejar.New(nil)
	return &client{t: t, base: base, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}}
}

// at points the client (and its cookies) at another instance.
func (c *client) at(base string) *client {
	u1, _ := url.Parse(c.base)
	u2, _ := url.Parse(base)
	for _, ck := range c.http.Jar.Cookies(u1) {
		c.http.Jar.SetCookies(u2, []*http.Cookie{{Name: ck.Name, Value: ck.Value, Path: "/"}})
	}
	return &client{t: c.t, base: base, http: c.http, csrf: c.csrf}
}

type response struct {
	Status int
	Body   string
	Header http.Header
}

func (c *client) do(method, path string, body io.Reader, header map[string]string) response {
	c.t.Helper()
	req, err := http.NewRequest(method, c.base+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	return c.send(req)
}

// send sends a request made by the caller and reads the answer.
func (c *client) send(req *http.Request) response {
	c.t.Helper()
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{Status: res.StatusCode, Body: string(b), Header: res.Header}
}

func (c *client) get(path string) response { return c.do("GET", path, nil, nil) }

// post sends a form; the session's CSRF token is added unless form sets one.
func (c *client) post(path string, form url.Values) response {
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form["csrf"]; !ok && c.csrf != "" {
		form.Set("csrf", c.csrf)
	}
	return c.do("POST", path, strings.NewReader(form.Encode()), map[string]string{"Content-Type": "application/x-www-form-urlencoded"})
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// login signs in as username and remembers the session's CSRF token.
func (c *client) login(username string) {
	c.t.Helper()
	page := c.get("/staff/login")
	m := csrfField.FindStringSubmatch(page.Body)
	if m == nil {
		c.t.Fatalf("no CSRF field on the login page")
	}
	res := c.post("/staff/login", url.Values{"csrf": {m[1]}, "username": {username}, "password": {testPassword}})
	if res.Status != http.StatusSeeOther {
		c.t.Fatalf("sign-in as %s: status %d: %s", username, res.Status, res.Body)
	}
	desk := c.get("/staff")
	m = csrfField.FindStringSubmatch(desk.Body)
	if m == nil {
		c.t.Fatalf("no CSRF token on the desk after sign-in (status %d)", desk.Status)
	}
	c.csrf = m[1]
}
