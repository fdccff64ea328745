package store_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/dataset"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
)

// TestCaseTypeVersions: the seeded database holds Chongqing's case types
// at version 1; a change adds a version and the old one stays readable
// (a case keeps it); saving the same again adds none; a case type with
// faults is refused with all of them; every save is audited.
func TestCaseTypeVersions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.OpenSeeded(t)
	types, err := db.CaseTypes(ctx, "by-cg-chongqing")
	if err != nil || len(types) != 5 || types[0].ID != "visa" || types[0].Version != 1 {
		t.Fatalf("seeded case types: %d, %v", len(types), err)
	}
	visa := types[0]
	who := store.Actor{Name: "consul"}
	if v, err := db.SaveCaseType(ctx, who, visa); err != nil || v != 1 {
		t.Fatalf("saving version 1 again: %d %v", v, err)
	}
	changed := visa
	changed.ProcessingDays = 7
	if v, err := db.SaveCaseType(ctx, who, changed); err != nil || v != 2 {
		t.Fatalf("a change: %d %v", v, err)
	}
	if got, err := db.CaseType(ctx, "by-cg-chongqing", "visa", 0); err != nil || got.Version != 2 || got.ProcessingDays != 7 {
		t.Errorf("latest: %+v %v", got.Version, err)
	}
	if got, err := db.CaseType(ctx, "by-cg-chongqing", "visa", 1); err != nil || got.Version != 1 || got.ProcessingDays != visa.ProcessingDays {
		t.Errorf("version 1 after the change: %d days, %v", got.ProcessingDays, err)
	}
	if _, err := db.CaseType(ctx, "by-cg-chongqing", "passport", 0); chancery.ErrorCode(err) != chancery.ENOTFOUND {
		t.Errorf("a case type nobody made: %v", err)
	}
	// An editor who started from version 1 meets version 2: refused, and
	// nothing saved; from version 2 the save goes through.
	stale := changed
	stale.ProcessingDays = 9
	if _, err := db.SaveCaseTypeOver(ctx, who, stale, 1); chancery.ErrorCode(err) != chancery.ECONFLICT {
		t.Errorf("a save over a stale version: %v", err)
	}
	if got, _ := db.CaseType(ctx, "by-cg-chongqing", "visa", 0); got.Version != 2 {
		t.Errorf("the stale save wrote version %d", got.Version)
	}
	if v, err := db.SaveCaseTypeOver(ctx, who, changed, 2); err != nil || v != 2 {
		t.Errorf("a save over the latest version: %d %v", v, err)
	}
	bad := changed
	bad.Name, bad.ProcessingDays = nil, -3
	if _, err := db.SaveCaseType(ctx, who, bad); len(chancery.Errors(err)) != 2 {
		t.Errorf("two faults: %v", err)
	}
	if dump := storetest.Dump(t, db, db.DSN, "audit_log"); strings.Count(dump, "casetype.save") < 6 {
		t.Errorf("the saves are not all audited:\n%.2000s", dump)
	}
	// Importing the default dataset again changes no case type.
	ds, err := dataset.Default()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Import(ctx, who, ds, dataset.DefaultBytes()); err != nil {
		t.Fatal(err)
	}
	if got, _ := db.CaseType(ctx, "by-cg-chongqing", "return-certificate", 0); got.Version != 1 {
		t.Errorf("a re-import made version %d", got.Version)
	}
}

// TestCaseTypeConcurrentSaves: two staff saving different changes of one
// version at once make versions 2 and 3, or one of them is told the type
// changed: never two version 2s, never a lost save without a word.
func TestCaseTypeConcurrentSaves(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.OpenSeeded(t)
	visa, err := db.CaseType(ctx, "by-cg-chongqing", "visa", 0)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	results := make([]error, 8)
	versions := make([]int, 8)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := visa
			c.ProcessingDays = 10 + i
			versions[i], results[i] = db.SaveCaseType(ctx, store.Actor{Name: "officer"}, c)
		}()
	}
	wg.Wait()
	seen := map[int]bool{}
	for i, err := range results {
		switch {
		case err == nil:
			if seen[versions[i]] {
				t.Errorf("version %d saved twice", versions[i])
			}
			seen[versions[i]] = true
		case chancery.ErrorCode(err) != chancery.ECONFLICT:
			t.Errorf("save %d: %v", i, err)
		}
	}
	latest, _ := db.CaseType(ctx, "by-cg-chongqing", "visa", 0)
	if len(seen) == 0 || latest.Version != 1+len(seen) {
		t.Errorf("%d saves went through; the latest version is %d", len(seen), latest.Version)
	}
	var _ casework.CaseType = latest
}
