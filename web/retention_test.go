package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
)

// retentionActions are the retention desk's routes for the role matrix:
// consuls (and admins) only. The forms are sent without a case or list
// to act on, so each is refused as a person would see it.
func retentionActions(*testing.T, *testEnv) []staffAction {
	consuls := map[string]bool{"admin": true, "consul": true}
	base := "/staff/missions/by-cg-chongqing/retention"
	return []staffAction{
		{"retention", "GET", base, nil, 200, consuls},
		{"approve destruction", "POST", base + "/approve", url.Values{"confirm": {"yes"}, "list": {"1"}}, 409, consuls},
		{"legal hold", "POST", base + "/hold", url.Values{"reference": {"NONE-0000"}, "reason": {"court order"}}, 400, consuls},
		{"lift legal hold", "POST", base + "/lift", url.Values{"confirm": {"yes"}, "reference": {"NONE-0000"}}, 400, consuls},
	}
}

// withdrawnCase starts a notarial act for email and withdraws it, as its
// applicant would, and returns its reference.
func withdrawnCase(t *testing.T, db *store.DB, email string) string {
	t.Helper()
	ref, token := storetest.StartApplication(t, db, "notarial-act", email)
	if _, err := db.WithdrawApplication(context.Background(), ref, token, nil); err != nil {
		t.Fatal(err)
	}
	return ref
}

// TestRetentionDesk: a consul sees the cases due for destruction, puts
// one on legal hold (refused without a reason, every problem at once),
// approves the list with its confirmation box only, and the page then
// shows the destruction record and the hold.
func TestRetentionDesk(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var now atomic.Pointer[time.Time]
	start := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	now.Store(&start)
	e.DB.Now = func() time.Time { return *now.Load() }
	gone := withdrawnCase(t, e.DB, "gone@example.com")
	kept := withdrawnCase(t, e.DB, "kept@example.com")
	later := start.AddDate(1, 0, 1)
	now.Store(&later)
	if n, err := e.DB.ProposeDestructions(context.Background()); err != nil || n != 2 {
		t.Fatalf("proposed %d: %v", n, err)
	}
	c := e.client()
	c.login("consul")
	base := "/staff/missions/by-cg-chongqing/retention"
	page := c.get(base)
	if page.Status != 200 || !strings.Contains(page.Body, gone) || !strings.Contains(page.Body, kept) {
		t.Fatalf("the list: %d\n%.3000s", page.Status, page.Body)
	}
	if res := c.post(base+"/hold", url.Values{"reference": {""}, "reason": {""}}); res.Status != http.StatusBadRequest ||
		!strings.Contains(res.Body, "There is a problem") {
		t.Errorf("an empty hold form: %d\n%.2000s", res.Status, res.Body)
	}
	if res := c.post(base+"/hold", url.Values{"reference": {strings.ToLower(kept)}, "reason": {"Court order 12/2027"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("hold: %d\n%.2000s", res.Status, res.Body)
	}
	list, err := e.DB.PendingDestruction(context.Background(), "by-cg-chongqing")
	if err != nil {
		t.Fatal(err)
	}
	if res := c.post(base+"/approve", url.Values{"list": {itoa(list.ID)}}); res.Status != http.StatusBadRequest {
		t.Errorf("approval without its confirmation: %d", res.Status)
	}
	if res := c.post(base+"/approve", url.Values{"list": {itoa(list.ID)}, "confirm": {"yes"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("approve: %d\n%.2000s", res.Status, res.Body)
	}
	page = c.get(base + "?saved=destroyed")
	for _, want := range []string{"The cases on the list were destroyed.", "approved by consul", "Court order 12/2027", "No case is due for destruction."} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("the page after approval lacks %q\n%.4000s", want, page.Body)
		}
	}
	if dump := storetest.Dump(t, e.DB, e.DSN, "applications"); strings.Contains(dump, "gone@example.com") || !strings.Contains(dump, "kept@example.com") {
		t.Errorf("destroyed the wrong case:\n%s", dump)
	}
}
