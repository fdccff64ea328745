package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/staff"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
)

// accounts opens a database with an administrator "root" and an officer
// "clerk" and returns it with root as an actor.
func accounts(t *testing.T) (context.Context, *store.DB, store.Actor) {
	t.Helper()
	ctx := context.Background()
	db := storetest.Open(t)
	root, err := db.CreateUser(ctx, admin, "root", "root's long password", staff.Admin)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.CreateUser(ctx, admin, "clerk", "clerk's long password", staff.Officer); err != nil {
		t.Fatal(err)
	}
	return ctx, db, store.ActorOf(root)
}

// signIn signs username in with password and fails the test if it cannot.
func signIn(t *testing.T, db *store.DB, username, password string, p staff.SessionPolicy) store.Session {
	t.Helper()
	s, err := db.SignIn(context.Background(), username, password, "192.0.2.1", p)
	if err != nil {
		t.Fatalf("sign-in as %s: %v", username, err)
	}
	return s
}

// auditActions lists the account events recorded for username, oldest first.
func auditActions(t *testing.T, db *store.DB, username string) []string {
	t.Helper()
	entries, err := db.AuditLog(context.Background(), store.AuditFilter{Entity: "user", EntityID: username, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for i := len(entries) - 1; i >= 0; i-- {
		out = append(out, entries[i].Action)
	}
	return out
}

func TestAbuse09DisabledAccountCannotSignInAndItsSessionsEnd(t *testing.T) {
	t.Parallel()
	ctx, db, root := accounts(t)
	s := signIn(t, db, "clerk", "clerk's long password", staff.SessionPolicy{})
	if err := db.SetDisabled(ctx, root, "clerk", true); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SessionByToken(ctx, s.Token, staff.SessionPolicy{}); chancery.ErrorCode(err) != chancery.EUNAUTHORIZED {
		t.Errorf("a disabled account's session still works: %v", err)
	}
	if _, err := db.SignIn(ctx, "clerk", "clerk's long password", "192.0.2.1", staff.SessionPolicy{}); chancery.ErrorCode(err) != chancery.EUNAUTHORIZED {
		t.Errorf("a disabled account signs in: %v", err)
	}
	if err := db.SetDisabled(ctx, root, "clerk", false); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SignIn(ctx, "clerk", "clerk's long password", "192.0.2.1", staff.SessionPolicy{}); err != nil {
		t.Errorf("a re-enabled account cannot sign in: %v", err)
	}
	if err := db.SetDisabled(ctx, root, "root", true); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Errorf("an administrator disabled their own account: %v", err)
	}
	if err := db.SetDisabled(ctx, store.Actor{Name: "other"}, "root", true); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Errorf("the last enabled administrator was disabled: %v", err)
	}
	if err := db.SetDisabled(ctx, root, "nobody", true); chancery.ErrorCode(err) != chancery.ENOTFOUND {
		t.Errorf("disabling an unknown account: %v", err)
	}
	want := "user.create user.signin user.sessions_end user.disable user.signin_failed user.enable user.signin"
	if got := strings.Join(auditActions(t, db, "clerk"), " "); got != want {
		t.Errorf("audited %q, want %q", got, want)
	}
}

func TestAbuse09FailedSignInIsAuditedWithoutThePassword(t *testing.T) {
	t.Parallel()
	ctx, db, _ := accounts(t)
	for _, name := range []string{"clerk", "no-such-account", "bad\x00name\xff"} {
		if _, err := db.SignIn(ctx, name, "a guessed password", "192.0.2.7", staff.SessionPolicy{}); chancery.ErrorCode(err) != chancery.EUNAUTHORIZED {
			t.Fatalf("sign-in as %q with a wrong password: %v", name, err)
		}
	}
	entries, err := db.AuditLog(ctx, store.AuditFilter{Limit: 3})
	if err != nil {
		t.Fatal(err)
	}
	tried := map[string]bool{}
	for _, e := range entries {
		if e.Action != "user.signin_failed" || !strings.Contains(e.After, "192.0.2.7") {
			t.Errorf("entry %+v is not a failed sign-in with the address", e)
		}
		if strings.Contains(e.Before+e.After+e.Actor+e.EntityID, "guessed") {
			t.Errorf("the password tried is in the audit log: %+v", e)
		}
		tried[e.EntityID] = true
	}
	if !tried["clerk"] || !tried["no-such-account"] || !tried["bad\uFFFDname\uFFFD"] {
		t.Errorf("usernames tried are not all recorded: %v", tried)
	}
}

func TestAbuse09ChangeOwnPassword(t *testing.T) {
	t.Parallel()
	ctx, db, _ := accounts(t)
	here := signIn(t, db, "clerk", "clerk's long password", staff.SessionPolicy{})
	elsewhere := signIn(t, db, "clerk", "clerk's long password", staff.SessionPolicy{})
	u := here.User
	for _, c := range []struct{ name, current, next, key string }{
		{"wrong current password", "not the password!", "a brand new password", "error.password_current_wrong"},
		{"too short", "clerk's long password", "short", "error.password_short"},
		{"unchanged", "clerk's long password", "clerk's long password", "error.password_unchanged"},
	} {
		err := db.ChangePassword(ctx, u, c.current, c.next, here.Token)
		if key, _ := chancery.ErrorKey(err); chancery.ErrorCode(err) != chancery.EINVALID || key != c.key {
			t.Errorf("%s: %v, want %s", c.name, err, c.key)
		}
	}
	long, err := db.CreateUser(ctx, admin, "a.long.username.x", "a long enough password", staff.Officer)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.ChangePassword(ctx, long, "a long enough password", "A.Long.Username.X", ""); err == nil {
		t.Error("the username was accepted as the new password")
	}
	if err := db.ChangePassword(ctx, u, "clerk's long password", "clerk's new password", here.Token); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SessionByToken(ctx, here.Token, staff.SessionPolicy{}); err != nil {
		t.Errorf("the session that changed the password ended: %v", err)
	}
	if _, err := db.SessionByToken(ctx, elsewhere.Token, staff.SessionPolicy{}); err == nil {
		t.Error("another session survives the password change")
	}
	if _, err := db.Authenticate(ctx, "clerk", "clerk's long password"); err == nil {
		t.Error("the old password still works")
	}
	if _, err := db.Authenticate(ctx, "clerk", "clerk's new password"); err != nil {
		t.Errorf("the new password does not work: %v", err)
	}
	if got := auditActions(t, db, "clerk"); got[len(got)-1] != "user.password_change" {
		t.Errorf("audited %v", got)
	}
}

func TestAbuse09ResetPasswordMustBeChangedAtSignIn(t *testing.T) {
	t.Parallel()
	ctx, db, root := accounts(t)
	old := signIn(t, db, "clerk", "clerk's long password", staff.SessionPolicy{})
	if old.User.MustChangePassword {
		t.Error("an account an operator made with its own password must change it")
	}
	if err := db.ResetPassword(ctx, root, "clerk", "clerk"); chancery.ErrorCode(err) != chancery.EINVALID {
		t.Errorf("reset to the username: %v", err)
	}
	if err := db.ResetPassword(ctx, root, "root", "a fresh long password"); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Errorf("an administrator reset their own password: %v", err)
	}
	if err := db.ResetPassword(ctx, root, "clerk", "temporary password 1"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.SessionByToken(ctx, old.Token, staff.SessionPolicy{}); err == nil {
		t.Error("a session survives the reset of its password")
	}
	s := signIn(t, db, "clerk", "temporary password 1", staff.SessionPolicy{})
	back, err := db.SessionByToken(ctx, s.Token, staff.SessionPolicy{})
	if err != nil || !back.User.MustChangePassword {
		t.Fatalf("after a reset the password need not be changed: %v %+v", err, back.User)
	}
	if err := db.ChangePassword(ctx, back.User, "temporary password 1", "clerk's own password", s.Token); err != nil {
		t.Fatal(err)
	}
	if back, _ = db.SessionByToken(ctx, s.Token, staff.SessionPolicy{}); back.User.MustChangePassword {
		t.Error("the password must still be changed after it was")
	}
	temp, err := db.CreateUserTemporary(ctx, root, "new-clerk", "generated password", staff.Officer)
	if err != nil || !temp.MustChangePassword {
		t.Errorf("an account with a made-up password need not change it: %v %+v", err, temp)
	}
}

func TestAbuse09EndSessions(t *testing.T) {
	t.Parallel()
	ctx, db, root := accounts(t)
	var tokens []string
	for range 3 {
		tokens = append(tokens, signIn(t, db, "clerk", "clerk's long password", staff.SessionPolicy{}).Token)
	}
	rootSession := signIn(t, db, "root", "root's long password", staff.SessionPolicy{})
	// All but the session kept, then the rest.
	if n, err := db.EndSessions(ctx, root, "clerk", tokens[0]); err != nil || n != 2 {
		t.Fatalf("ended %d: %v", n, err)
	}
	if _, err := db.SessionByToken(ctx, tokens[0], staff.SessionPolicy{}); err != nil {
		t.Errorf("the kept session ended: %v", err)
	}
	if n, err := db.EndSessions(ctx, root, "clerk", ""); err != nil || n != 1 {
		t.Fatalf("ended %d: %v", n, err)
	}
	for _, tok := range tokens {
		if _, err := db.SessionByToken(ctx, tok, staff.SessionPolicy{}); err == nil {
			t.Error("a session survives")
		}
	}
	if _, err := db.SessionByToken(ctx, rootSession.Token, staff.SessionPolicy{}); err != nil {
		t.Errorf("another account's session ended: %v", err)
	}
	if _, err := db.EndSessions(ctx, root, "nobody", ""); chancery.ErrorCode(err) != chancery.ENOTFOUND {
		t.Errorf("unknown account: %v", err)
	}
}

func TestAbuse09SessionIdleAndAbsoluteTimeouts(t *testing.T) {
	t.Parallel()
	ctx, db, _ := accounts(t)
	start := time.Now()
	now := start
	db.Now = func() time.Time { return now }
	p := staff.SessionPolicy{Idle: 30 * time.Minute, Lifetime: 12 * time.Hour}
	s := signIn(t, db, "clerk", "clerk's long password", p)
	live := func(at time.Duration) bool {
		now = start.Add(at)
		_, err := db.SessionByToken(ctx, s.Token, p)
		if err != nil && chancery.ErrorCode(err) != chancery.EUNAUTHORIZED {
			t.Fatal(err)
		}
		return err == nil
	}
	// Within the touch interval the last-seen time is not written again.
	if !live(30 * time.Second) {
		t.Fatal("a fresh session is not live")
	}
	if back, _ := db.SessionByToken(ctx, s.Token, p); !back.LastSeen.Equal(s.LastSeen) {
		t.Errorf("last seen written again within a minute: %v, then %v", s.LastSeen, back.LastSeen)
	}
	// Each request keeps it alive for the idle timeout...
	for at := 29 * time.Minute; at < 12*time.Hour; at += 29 * time.Minute {
		if !live(at) {
			t.Fatalf("a session in use ended after %v", at)
		}
	}
	// ...but not past its lifetime.
	if live(12*time.Hour + time.Second) {
		t.Error("a session in use outlives its absolute lifetime")
	}

	idle := signIn(t, db, "clerk", "clerk's long password", p)
	s = idle
	start = now
	if !live(29 * time.Minute) {
		t.Fatal("a session ended before its idle timeout")
	}
	if live(29*time.Minute + 31*time.Minute) {
		t.Error("a session idle for 31 minutes is still live")
	}
}
