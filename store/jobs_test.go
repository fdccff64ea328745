package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/store/storetest"
)

// TestJobLeases: one holder at a time; the holder renews; a lapsed or
// released lease goes to the next instance that asks.
func TestJobLeases(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	take := func(job, holder string) bool {
		t.Helper()
		ok, err := db.TakeLease(ctx, job, holder, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}
	if !take("send-mail", "a") {
		t.Fatal("a free lease was not given")
	}
	if take("send-mail", "b") {
		t.Fatal("a held lease was given to another instance")
	}
	if !take("draw-releases", "b") {
		t.Fatal("a lease of another job was refused")
	}
	now = now.Add(30 * time.Second)
	if !take("send-mail", "a") {
		t.Fatal("the holder could not renew its lease")
	}
	now = now.Add(61 * time.Second)
	if !take("send-mail", "b") || take("send-mail", "a") {
		t.Fatal("a lapsed lease did not pass to the next instance alone")
	}
	if err := db.ReleaseLease(ctx, "send-mail", "a"); err != nil {
		t.Fatal(err)
	}
	if take("send-mail", "a") {
		t.Fatal("releasing another's lease freed it")
	}
	if err := db.ReleaseLease(ctx, "send-mail", "b"); err != nil {
		t.Fatal(err)
	}
	if !take("send-mail", "a") {
		t.Fatal("a released lease was not given")
	}
}
