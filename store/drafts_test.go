package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
)

// TestDraftsAreSealedAndExpire: a draft comes back only to its token,
// replaced by a newer save, never after DraftKept, and the database holds
// none of it in clear; PruneExpired removes the old.
func TestDraftsAreSealedAndExpire(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.Open(t)
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	const token = "a-token-only-the-browser-holds-0123456789"
	if err := db.SaveDraft(ctx, token, []byte(`{"email":"secret.person@example.com"}`)); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveDraft(ctx, token, []byte(`{"email":"second.try@example.com"}`)); err != nil {
		t.Fatal(err)
	}
	got, err := db.Draft(ctx, token)
	if err != nil || string(got) != `{"email":"second.try@example.com"}` {
		t.Fatalf("the draft: %s, %v", got, err)
	}
	for _, other := range []string{"", "another-token-0123456789012345678901"} {
		if _, err := db.Draft(ctx, other); chancery.ErrorCode(err) != chancery.ENOTFOUND {
			t.Errorf("token %q: %v", other, err)
		}
	}
	if dump := storetest.Dump(t, db, db.DSN, "form_drafts"); strings.Count(dump, "\n") != 1 || strings.Contains(dump, "example.com") || strings.Contains(dump, token) {
		t.Errorf("the database holds the draft or its token in clear:\n%s", dump)
	}
	now = now.Add(store.DraftKept + time.Second)
	if _, err := db.Draft(ctx, token); chancery.ErrorCode(err) != chancery.ENOTFOUND {
		t.Errorf("an expired draft: %v", err)
	}
	if _, err := db.PruneExpired(ctx); err != nil {
		t.Fatal(err)
	}
	if dump := storetest.Dump(t, db, db.DSN, "form_drafts"); dump != "" {
		t.Errorf("the expired draft was not pruned:\n%s", dump)
	}
}
