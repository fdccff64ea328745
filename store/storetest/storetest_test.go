package storetest_test

import (
	"context"
	"os"
	"sync/atomic"
	"testing"

	"github.com/chancery-platform/chancery/staff"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
)

func TestMain(m *testing.M) { os.Exit(storetest.Run(m)) }

var who = store.Actor{Name: "test"}

// builds counts how often the counted template is built.
var builds atomic.Int32

var counted = storetest.NewTemplate("counted", func(ctx context.Context, db *store.DB) error {
	builds.Add(1)
	_, err := db.CreateUser(ctx, who, "builder", storetest.Password, staff.Officer)
	return err
})

// TestTemplateIsBuiltOnceAndCopied: three tests' databases come from one
// build, and each is a copy of its own: a change to one is not in another.
func TestTemplateIsBuiltOnceAndCopied(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	var dbs []*store.DB
	for range 3 {
		dbs = append(dbs, counted.Open(t))
	}
	if n := builds.Load(); n != 1 {
		t.Fatalf("the template was built %d times, want once", n)
	}
	if _, err := dbs[0].CreateUser(ctx, who, "only-in-the-first", storetest.Password, staff.Officer); err != nil {
		t.Fatal(err)
	}
	for i, db := range dbs {
		n, err := db.CountUsers(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if want := map[bool]int{true: 2, false: 1}[i == 0]; n != want {
			t.Errorf("database %d has %d users, want %d", i, n, want)
		}
	}
}

// TestSeeded: the seeded database has the default dataset and one account
// per role, named after it, that signs in with storetest.Password.
func TestSeeded(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := storetest.OpenSeeded(t)
	for _, r := range staff.Roles {
		u, err := db.Authenticate(ctx, string(r), storetest.Password)
		if err != nil || u.Role != r {
			t.Errorf("sign-in as %s: %+v, %v", r, u, err)
		}
	}
	if _, err := db.Mission(ctx, "by-cg-chongqing"); err != nil {
		t.Errorf("the default dataset's mission in Chongqing: %v", err)
	}
}

// TestEmptyDatabase: DSN gives a database without even the schema, for
// tests of migrations and first starts; Open gives the schema.
func TestEmptyDatabase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, err := store.Open(ctx, storetest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.CountUsers(ctx); err == nil {
		t.Error("DSN's database already has the users table")
	}
	if _, err := storetest.Open(t).CountUsers(ctx); err != nil {
		t.Errorf("Open's database: %v", err)
	}
}
