package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/staff"
)

// TestAbuse09SessionFlags: the session timeouts are flags (and variables),
// checked at start, with 30 minutes and 12 hours by default.
func TestAbuse09SessionFlags(t *testing.T) {
	none := func(string) string { return "" }
	cfg, _, err := parseConfig("serve", nil, none, io.Discard)
	if err != nil || cfg.Sessions != (staff.SessionPolicy{Idle: 30 * time.Minute, Lifetime: 12 * time.Hour}) {
		t.Fatalf("defaults: %+v %v", cfg.Sessions, err)
	}
	cfg, _, err = parseConfig("serve", []string{"-session-idle", "10m", "-session-lifetime", "8h"}, none, io.Discard)
	if err != nil || cfg.Sessions != (staff.SessionPolicy{Idle: 10 * time.Minute, Lifetime: 8 * time.Hour}) {
		t.Fatalf("flags: %+v %v", cfg.Sessions, err)
	}
	env := map[string]string{"CHANCERY_SESSION_IDLE": "15m", "CHANCERY_SESSION_LIFETIME": "4h"}
	cfg, _, err = parseConfig("serve", nil, func(k string) string { return env[k] }, io.Discard)
	if err != nil || cfg.Sessions != (staff.SessionPolicy{Idle: 15 * time.Minute, Lifetime: 4 * time.Hour}) {
		t.Fatalf("environment: %+v %v", cfg.Sessions, err)
	}
	for _, c := range []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"-session-idle", "30s"}, nil, "-session-idle must be at least 2m0s"},
		{[]string{"-session-idle", "0"}, nil, "-session-idle must be at least"},
		{[]string{"-session-lifetime", "800h"}, nil, "-session-lifetime must be at most 720h0m0s"},
		{[]string{"-session-idle", "2h", "-session-lifetime", "1h"}, nil, "must not be longer than -session-lifetime"},
		{[]string{"-session-idle", "soon"}, nil, `invalid value "soon" for flag -session-idle`},
		{nil, map[string]string{"CHANCERY_SESSION_LIFETIME": "a day"}, `CHANCERY_SESSION_LIFETIME must be a duration such as 12h, not "a day"`},
	} {
		_, _, err := parseConfig("serve", c.args, func(k string) string { return c.env[k] }, io.Discard)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v %v: error %v, want %q", c.args, c.env, err, c.want)
		}
	}
}

var (
	printedPassword = regexp.MustCompile(`password\s+(\S{20})\s`)
	csrfInput       = regexp.MustCompile(`name="csrf" value="([^"]+)"`)
)

// TestAbuse09BootstrapPasswordMustBeChanged: the admin password printed
// at first start leads every staff page to the change form until it is
// changed.
func TestAbuse09BootstrapPasswordMustBeChanged(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	var out bytes.Buffer
	cfg := testConfig(t)
	cfg.NoSeed = true // the dataset is not what this is about
	app, err := OpenApp(ctx, cfg, &out, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer app.Close()
	app.DB.PasswordCost = staff.PasswordCost{Time: 1, Memory: 64, Threads: 1} // production's cost is tested on its own
	if err := app.Prepare(ctx); err != nil {
		t.Fatal(err)
	}
	if err := app.Start(ctx); err != nil {
		t.Fatal(err)
	}
	m := printedPassword.FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no password printed:\n%s", out.String())
	}
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	do := func(method, path string, form url.Values) (int, string, string) {
		t.Helper()
		var res *http.Response
		var err error
		if method == "GET" {
			res, err = c.Get(app.URL() + path)
		} else {
			res, err = c.PostForm(app.URL()+path, form)
		}
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, res.Header.Get("Location"), string(b)
	}
	_, _, page := do("GET", "/staff/login", nil)
	token := csrfInput.FindStringSubmatch(page)
	if status, _, body := do("POST", "/staff/login", url.Values{"csrf": {token[1]}, "username": {"admin"}, "password": {m[1]}}); status != http.StatusSeeOther {
		t.Fatalf("sign-in with the printed password: %d %s", status, body)
	}
	for _, path := range []string{"/staff", "/staff/users", "/staff/audit"} {
		if status, to, _ := do("GET", path, nil); status != http.StatusSeeOther || to != "/staff/password" {
			t.Errorf("GET %s before the change: %d to %q, want the change form", path, status, to)
		}
	}
	status, _, form := do("GET", "/staff/password", nil)
	token = csrfInput.FindStringSubmatch(form)
	if status != http.StatusOK || token == nil || !strings.Contains(form, `id="must-change"`) {
		t.Fatalf("the change form: %d\n%.500s", status, form)
	}
	if status, to, _ := do("POST", "/staff/users", url.Values{"csrf": {token[1]}, "username": {"sneaky"}, "role": {"admin"}}); status != http.StatusSeeOther || to != "/staff/password" {
		t.Errorf("a change before the password's: %d to %q", status, to)
	}
	if status, to, body := do("POST", "/staff/password", url.Values{"csrf": {token[1]}, "current": {m[1]}, "new": {"the admin's own password"}, "confirm": {"the admin's own password"}}); status != http.StatusSeeOther || to != "/staff" {
		t.Fatalf("change: %d to %q %.500s", status, to, body)
	}
	if status, _, _ := do("GET", "/staff/users", nil); status != http.StatusOK {
		t.Errorf("after the change the desk answers %d", status)
	}
	if users, _ := app.DB.Users(ctx); len(users) != 1 || users[0].MustChangePassword {
		t.Errorf("accounts after the change: %+v", users)
	}
}
