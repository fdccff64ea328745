package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
)

// TestRetention: a withdrawn case is kept for its result's period (a
// notarial act withdrawn: one year); past it, the daily job lists it for
// destruction, once; a consul's approval destroys it (personal data gone,
// its link dead, a destruction record in the audit log) but not a case
// put on hold meanwhile; a hold stops the clock, and lifting it moves the
// date on by as long as it lasted; a list is approved once.
func TestRetention(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.OpenSeeded(t)
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	const mission = "by-cg-chongqing"
	consul := store.Actor{Name: "consul"}
	type started struct{ ref, token string }
	start := func(email string) started {
		ref, token := storetest.StartApplication(t, db, "notarial-act", email)
		if _, err := db.SaveAnswers(ctx, ref, token, casework.Answers{"details": "Private details of " + email}); err != nil {
			t.Fatal(err)
		}
		// The passport's zone the applicant typed, whose surname is the
		// address's name (the check digits do not matter here).
		zone := (strings.ToUpper("P<UTO"+strings.Split(email, "@")[0]+"ZONE<<ANNA") + strings.Repeat("<", 44))[:44] +
			"\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
		if _, err := db.EditApplication(ctx, ref, token, nil, &zone); err != nil {
			t.Fatal(err)
		}
		if _, err := db.AddDocument(ctx, ref, token, store.NewDocument{Item: "identity", Name: "passport.png", Type: casework.TypePNG,
			Width: 10, Height: 10, Content: []byte("the passport page of " + email), Scan: casework.ScanNotScanned, CaseBytes: 1 << 20}); err != nil {
			t.Fatal(err)
		}
		if _, err := db.WithdrawApplication(ctx, ref, token, nil); err != nil {
			t.Fatal(err)
		}
		return started{ref, token}
	}
	gone, held, late := start("gone@example.com"), start("held@example.com"), start("late@example.com")
	if n, err := db.ProposeDestructions(ctx); err != nil || n != 0 {
		t.Fatalf("proposed %d (%v) before any case is due", n, err)
	}
	if err := db.SetLegalHold(ctx, consul, mission, held.ref, ""); chancery.ErrorCode(err) != chancery.EINVALID {
		t.Errorf("a hold without a reason: %v", err)
	}
	if err := db.SetLegalHold(ctx, consul, mission, held.ref, "Court order 12/2027"); err != nil {
		t.Fatal(err)
	}
	if err := db.SetLegalHold(ctx, consul, "by-embassy-beijing", gone.ref, "another mission's case"); chancery.ErrorCode(err) != chancery.ENOTFOUND {
		t.Errorf("a hold on another mission's case: %v", err)
	}
	now = now.AddDate(1, 0, 1)
	if n, err := db.ProposeDestructions(ctx); err != nil || n != 2 {
		t.Fatalf("proposed %d (%v), want the two cases not on hold", n, err)
	}
	if n, err := db.ProposeDestructions(ctx); err != nil || n != 0 {
		t.Errorf("a second run proposed %d (%v) while a list waits", n, err)
	}
	list, err := db.PendingDestruction(ctx, mission)
	if err != nil || len(list.Items) != 2 {
		t.Fatalf("the waiting list: %+v %v", list, err)
	}
	// A hold after the listing keeps the case.
	if err := db.SetLegalHold(ctx, consul, mission, late.ref, "Asked for by the police"); err != nil {
		t.Fatal(err)
	}
	done, err := db.ApproveDestruction(ctx, consul, mission, list.ID)
	if err != nil {
		t.Fatal(err)
	}
	destroyed := map[string]bool{}
	for _, it := range done.Items {
		destroyed[it.Reference] = !it.Destroyed.IsZero()
	}
	if !destroyed[gone.ref] || destroyed[late.ref] || done.ApprovedBy != "consul" {
		t.Errorf("destroyed %v by %q, want only %s", destroyed, done.ApprovedBy, gone.ref)
	}
	if _, _, err := db.ApplicationByToken(ctx, gone.ref, gone.token); chancery.ErrorCode(err) != chancery.ENOTFOUND {
		t.Errorf("a destroyed case's link: %v", err)
	}
	if _, _, err := db.ApplicationByToken(ctx, late.ref, late.token); err != nil {
		t.Errorf("the case held in time: %v", err)
	}
	apps := storetest.Dump(t, db, db.DSN, "applications")
	if strings.Contains(apps, "gone@example.com") || strings.Contains(apps, "Private details of gone") || strings.Contains(apps, "GONEZONE") {
		t.Errorf("the destroyed case's personal data is still held:\n%s", apps)
	}
	if !strings.Contains(apps, "held@example.com") || !strings.Contains(apps, "late@example.com") || !strings.Contains(apps, "HELDZONE") {
		t.Errorf("a held case lost its data")
	}
	// Counted, not read from a dump: encrypted chunks may hold any byte.
	var files, chunks int
	raw := storetest.Raw(t, db, db.DSN)
	if err := raw.QueryRow(`SELECT (SELECT COUNT(*) FROM application_files), (SELECT COUNT(*) FROM application_file_chunks)`).Scan(&files, &chunks); err != nil {
		t.Fatal(err)
	}
	if files != 2 || chunks != 2 {
		t.Errorf("%d files and %d chunks left, want the two held cases' ones", files, chunks)
	}
	if audit := storetest.Dump(t, db, db.DSN, "audit_log"); !strings.Contains(audit, "case.destroy") || !strings.Contains(audit, gone.ref) {
		t.Errorf("no destruction record:\n%.3000s", audit)
	}
	if _, err := db.ApproveDestruction(ctx, consul, mission, list.ID); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Errorf("approving a list twice: %v", err)
	}
	// Lifting the hold of a year and a day: the case is due a year and a
	// day after its own date, not at once.
	if err := db.LiftLegalHold(ctx, consul, mission, held.ref); err != nil {
		t.Fatal(err)
	}
	if n, err := db.ProposeDestructions(ctx); err != nil || n != 0 {
		t.Errorf("proposed %d (%v) right after the hold was lifted", n, err)
	}
	now = now.AddDate(1, 0, 2)
	if n, err := db.ProposeDestructions(ctx); err != nil || n != 1 {
		t.Errorf("proposed %d (%v) once the lifted case's clock ran out", n, err)
	}
	if holds, err := db.LegalHolds(ctx, mission); err != nil || len(holds) != 1 || holds[0].Reference != late.ref {
		t.Errorf("the holds: %+v %v", holds, err)
	}
	if lists, err := db.DestructionLists(ctx, mission, 10); err != nil || len(lists) != 1 {
		t.Errorf("the destruction record: %d lists, %v", len(lists), err)
	}
}
