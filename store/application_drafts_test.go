package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/store/storetest"
)

// TestDraftApplicationsExpire: an application never submitted is kept
// until the date its page gives (casework.DraftKept after it was last
// saved) and deleted by PruneExpired after it, history and all; saving
// it again moves the date.
func TestDraftApplicationsExpire(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.OpenSeeded(t)
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	oldRef, oldToken := storetest.StartApplication(t, db, "notarial-act", "old@example.com")
	keptRef, keptToken := storetest.StartApplication(t, db, "notarial-act", "kept@example.com")
	old, _, err := db.ApplicationByToken(ctx, oldRef, oldToken)
	if want := now.Add(casework.DraftKept); err != nil || !old.DraftExpiry.Equal(want) {
		t.Errorf("kept until %v, want %v (%v)", old.DraftExpiry, want, err)
	}
	now = now.Add(casework.DraftKept / 2)
	if _, err := db.SaveAnswers(ctx, keptRef, keptToken, casework.Answers{}); err != nil {
		t.Fatal(err)
	}
	now = old.DraftExpiry.Add(time.Minute)
	if _, err := db.PruneExpired(ctx); err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.ApplicationByToken(ctx, oldRef, oldToken); chancery.ErrorCode(err) != chancery.ENOTFOUND {
		t.Errorf("a draft past its date: %v", err)
	}
	if a, _, err := db.ApplicationByToken(ctx, keptRef, keptToken); err != nil || !a.DraftExpiry.After(now) {
		t.Errorf("a draft saved since: %v, kept until %v", err, a.DraftExpiry)
	}
	if dump := storetest.Dump(t, db, db.DSN, "application_history"); strings.Count(dump, "\n") != 1 {
		t.Errorf("history left, want the kept draft's one row:\n%s", dump)
	}
}
