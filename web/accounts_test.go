package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/staff"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
	"github.com/chancery-platform/chancery/web"
)

// signedOut reports whether c's session no longer opens the desk.
func signedOut(c *client) bool {
	res := c.get("/staff")
	return res.Status == http.StatusSeeOther && strings.HasPrefix(res.Header.Get("Location"), "/staff/login")
}

// tryLogin signs in with a password and returns the answer's status.
func (c *client) tryLogin(username, password string) int {
	c.t.Helper()
	m := csrfField.FindStringSubmatch(c.get("/staff/login").Body)
	res := c.post("/staff/login", url.Values{"csrf": {m[1]}, "username": {username}, "password": {password}})
	if res.Status == http.StatusSeeOther {
		if m := csrfField.FindStringSubmatch(c.get("/staff/password").Body); m != nil {
			c.csrf = m[1]
		}
	}
	return res.Status
}

// adminAndOfficer signs in an administrator and an officer on e.
func adminAndOfficer(e *testEnv) (admin, officer *client) {
	admin, officer = e.client(), e.client()
	admin.login("admin")
	officer.login("officer")
	return admin, officer
}

func lastAudit(t *testing.T, db *store.DB, username string) []string {
	t.Helper()
	entries, err := db.AuditLog(context.Background(), store.AuditFilter{Entity: "user", EntityID: username, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Action)
	}
	return out
}

func TestAbuse09AdminDisablesAndEnablesAnAccount(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin, officer := adminAndOfficer(e)
	res := admin.post("/staff/users/officer/disable", nil)
	if res.Status != http.StatusOK || !strings.Contains(res.Body, "The account officer is disabled") {
		t.Fatalf("disable: %d %.500s", res.Status, res.Body)
	}
	if !signedOut(officer) {
		t.Error("the disabled account's session still opens the desk")
	}
	if st := e.client().tryLogin("officer", testPassword); st != http.StatusUnauthorized {
		t.Errorf("a disabled account signs in: %d", st)
	}
	if res := admin.post("/staff/users/admin/disable", nil); res.Status != http.StatusConflict || !strings.Contains(res.Body, "You cannot disable your own account") {
		t.Errorf("an administrator disabled their own account: %d", res.Status)
	}
	// An unknown name is not found; a name no account can have (a NUL
	// byte, invalid UTF-8) is refused as unreadable before any lookup.
	for name, want := range map[string]int{"nobody": http.StatusNotFound, "bad%00name": http.StatusBadRequest, "%C3%28": http.StatusBadRequest} {
		for _, action := range []string{"disable", "enable", "password", "sessions/end"} {
			if res := admin.post("/staff/users/"+name+"/"+action, nil); res.Status != want {
				t.Errorf("%s of the unknown account %s: %d, want %d", action, name, res.Status, want)
			}
		}
	}
	if res := admin.post("/staff/users/officer/enable", nil); res.Status != http.StatusOK {
		t.Fatalf("enable: %d", res.Status)
	}
	if st := e.client().tryLogin("officer", testPassword); st != http.StatusSeeOther {
		t.Errorf("a re-enabled account cannot sign in: %d", st)
	}
	if got := strings.Join(lastAudit(t, e.DB, "officer")[:4], " "); got != "user.signin user.enable user.signin_failed user.disable" {
		t.Errorf("audited %q", got)
	}
}

var resetPassword = regexp.MustCompile(`<code id="reset-password">([^<]+)</code>`)

func TestAbuse09ResetPasswordIsChangedAtNextSignIn(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin, officer := adminAndOfficer(e)
	if res := admin.post("/staff/users/officer/password", url.Values{"password": {"officer"}}); res.Status != http.StatusBadRequest ||
		!strings.Contains(res.Body, "The password must have at least 12 characters") {
		t.Errorf("reset to a short password: %d", res.Status)
	}
	res := admin.post("/staff/users/officer/password", nil)
	m := resetPassword.FindStringSubmatch(res.Body)
	if res.Status != http.StatusOK || m == nil || res.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("reset: %d %q %.800s", res.Status, res.Header.Get("Cache-Control"), res.Body)
	}
	if !signedOut(officer) {
		t.Error("a session survives the reset of its password")
	}
	c := e.client()
	if st := c.tryLogin("officer", m[1]); st != http.StatusSeeOther {
		t.Fatalf("sign-in with the reset password: %d", st)
	}
	for _, path := range []string{"/staff", "/staff/missions/by-cg-chongqing/day"} {
		if res := c.get(path); res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/staff/password" {
			t.Errorf("GET %s: %d to %q, want the change form", path, res.Status, res.Header.Get("Location"))
		}
	}
	form := url.Values{"current": {m[1]}, "new": {"officer's own password"}, "confirm": {"officer's own password"}}
	if res := c.post("/staff/password", form); res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/staff" {
		t.Fatalf("change: %d %.500s", res.Status, res.Body)
	}
	if res := c.get("/staff"); res.Status != http.StatusOK {
		t.Errorf("after the change the desk answers %d", res.Status)
	}
	// A password the administrator types works the same way.
	if res := admin.post("/staff/users/officer/password", url.Values{"password": {"typed by the admin"}}); res.Status != http.StatusOK || resetPassword.MatchString(res.Body) {
		t.Errorf("reset to a typed password: %d (shown again: %v)", res.Status, resetPassword.MatchString(res.Body))
	}
	c = e.client()
	c.tryLogin("officer", "typed by the admin")
	if res := c.get("/staff"); res.Header.Get("Location") != "/staff/password" {
		t.Errorf("after a typed reset: %d to %q", res.Status, res.Header.Get("Location"))
	}
	if got := strings.Join(lastAudit(t, e.DB, "officer")[:3], " "); got != "user.signin user.password_reset user.password_change" {
		t.Errorf("audited %q", got)
	}
}

func TestAbuse09ChangeOwnPasswordForm(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	here, there := e.client(), e.client()
	here.login("consul")
	there.login("consul")
	for _, c := range []struct{ name, current, next, confirm, want string }{
		{"wrong current", "not my password at all", "a brand new password", "a brand new password", "The current password is wrong."},
		{"mismatch", testPassword, "a brand new password", "a brand new passwort", "The two new passwords differ."},
		{"short", testPassword, "short", "short", "at least 12 characters"},
		{"unchanged", testPassword, testPassword, testPassword, "must differ from the current one"},
	} {
		res := here.post("/staff/password", url.Values{"current": {c.current}, "new": {c.next}, "confirm": {c.confirm}})
		if res.Status != http.StatusBadRequest || !strings.Contains(res.Body, c.want) {
			t.Errorf("%s: %d, want 400 with %q", c.name, res.Status, c.want)
		}
	}
	// The same refusal in another language.
	res := here.post("/staff/password?lang=ru", url.Values{"current": {"not my password at all"}, "new": {"a brand new password"}, "confirm": {"a brand new password"}})
	if !strings.Contains(res.Body, "Текущий пароль неверен.") {
		t.Errorf("no Russian message: %d", res.Status)
	}
	res = here.post("/staff/password", url.Values{"current": {testPassword}, "new": {"a brand new password"}, "confirm": {"a brand new password"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("change: %d %.500s", res.Status, res.Body)
	}
	if signedOut(here) {
		t.Error("the session that changed the password ended")
	}
	if !signedOut(there) {
		t.Error("another session survives the password change")
	}
	if st := e.client().tryLogin("consul", testPassword); st != http.StatusUnauthorized {
		t.Errorf("the old password still signs in: %d", st)
	}
}

func TestAbuse09PasswordChangeAttemptsAreLimited(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	c.login("officer")
	var res response
	for range 11 {
		res = c.post("/staff/password", url.Values{"current": {"a guess at the password"}, "new": {"a brand new password"}, "confirm": {"a brand new password"}})
	}
	if res.Status != http.StatusTooManyRequests {
		t.Fatalf("the 11th wrong attempt: %d", res.Status)
	}
	if n, err := strconv.Atoi(res.Header.Get("Retry-After")); err != nil || n < 1 {
		t.Errorf("Retry-After %q is not whole seconds", res.Header.Get("Retry-After"))
	}
	res = c.post("/staff/password", url.Values{"current": {testPassword}, "new": {"a brand new password"}, "confirm": {"a brand new password"}})
	if res.Status != http.StatusTooManyRequests {
		t.Errorf("the right password past the limit: %d", res.Status)
	}
}

func TestAbuse09EndingSessions(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := e.client()
	admin.login("admin")
	a, b := e.client(), e.client()
	a.login("officer")
	b.login("officer")
	res := admin.post("/staff/users/officer/sessions/end", nil)
	if res.Status != http.StatusOK || !strings.Contains(res.Body, "Sessions of officer ended: 2.") {
		t.Fatalf("end sessions: %d %.500s", res.Status, res.Body)
	}
	if !signedOut(a) || !signedOut(b) {
		t.Error("a session survives")
	}
	if signedOut(admin) {
		t.Error("the administrator's own session ended")
	}
	// The owner signs out everywhere, this browser too.
	a.login("consul")
	b.login("consul")
	res = a.post("/staff/sessions/end", nil)
	if res.Status != http.StatusSeeOther || res.Header.Get("Location") != "/staff/login" {
		t.Fatalf("sign out everywhere: %d to %q", res.Status, res.Header.Get("Location"))
	}
	if !signedOut(a) || !signedOut(b) {
		t.Error("a session survives signing out everywhere")
	}
	if got := lastAudit(t, e.DB, "consul")[0]; got != "user.sessions_end" {
		t.Errorf("audited %q", got)
	}
}

func TestAbuse09SignInsAndSignOutsAreAudited(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	if st := c.tryLogin("consul", "a guessed password"); st != http.StatusUnauthorized {
		t.Fatalf("wrong password: %d", st)
	}
	c.login("consul")
	if res := c.post("/staff/logout", nil); res.Status != http.StatusSeeOther {
		t.Fatalf("sign-out: %d", res.Status)
	}
	if got := strings.Join(lastAudit(t, e.DB, "consul")[:3], " "); got != "user.signout user.signin user.signin_failed" {
		t.Errorf("audited %q", got)
	}
	entries, _ := e.DB.AuditLog(context.Background(), store.AuditFilter{Entity: "user", EntityID: "consul", Limit: 3})
	for _, en := range entries {
		if strings.Contains(en.Before+en.After, "guessed") || strings.Contains(en.Before+en.After, testPassword) {
			t.Errorf("a password is in the audit log: %+v", en)
		}
	}
	admin := e.client()
	admin.login("admin")
	if log := admin.get("/staff/audit"); !strings.Contains(log.Body, "user.signin_failed") {
		t.Error("the audit page does not show failed sign-ins")
	}
	if log := admin.get("/staff/audit?lang=ru"); !strings.Contains(log.Body, "Часовой пояс: пекинское время (UTC&#43;8).") || strings.Contains(log.Body, "Asia/Shanghai") {
		t.Error("the audit page does not name its time zone in the reader's language")
	}
}

// TestAbuse09SessionTimeoutsFromConfig: the server ends a session after
// the configured idle time, and at the configured lifetime however busy.
func TestAbuse09SessionTimeoutsFromConfig(t *testing.T) {
	t.Parallel()
	dsn := storetest.Seeded.DSN(t)
	db := storetest.OpenDSN(t, dsn)
	var offset atomic.Int64
	db.Now = func() time.Time { return time.Now().Add(time.Duration(offset.Load())) }
	srv, err := web.New(db, web.Config{Sessions: staff.SessionPolicy{Idle: 5 * time.Minute, Lifetime: 20 * time.Minute}})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	e := &testEnv{t: t, DB: db, DSN: dsn, URL: ts.URL}
	at := func(d time.Duration) { offset.Store(int64(d)) }

	c := e.client()
	c.login("officer")
	for _, d := range []time.Duration{4 * time.Minute, 8 * time.Minute, 12 * time.Minute, 16 * time.Minute, 19 * time.Minute} {
		at(d)
		if signedOut(c) {
			t.Fatalf("a session in use ended after %v", d)
		}
	}
	at(21 * time.Minute)
	if !signedOut(c) {
		t.Error("a session in use outlived the 20-minute lifetime")
	}
	c = e.client()
	c.login("officer")
	at(21*time.Minute + 6*time.Minute)
	if !signedOut(c) {
		t.Error("a session idle for 6 minutes outlived the 5-minute idle timeout")
	}
}
