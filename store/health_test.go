package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
)

// TestCheckWrite: the write check passes on a healthy database, leaves the
// data revision as it was, and fails once the database is closed.
func TestCheckWrite(t *testing.T) {
	ctx := context.Background()
	db, err := store.Open(ctx, storetest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	before, err := db.Revision(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.CheckWrite(ctx); err != nil {
		t.Fatalf("write check on a healthy %s database: %v", db.Dialect, err)
	}
	if after, err := db.Revision(ctx); err != nil || after != before {
		t.Fatalf("the write check changed the revision from %d to %d (%v)", before, after, err)
	}
	db.Close()
	if err := db.CheckWrite(ctx); err == nil {
		t.Fatal("the write check passed on a closed database")
	}
}

// TestOutboxBacklog counts the unsent messages and finds the oldest.
func TestOutboxBacklog(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t)
	if n, oldest, err := db.OutboxBacklog(ctx); err != nil || n != 0 || !oldest.IsZero() {
		t.Fatalf("empty outbox: %d, %v, %v", n, oldest, err)
	}
	first := time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)
	now := first
	db.Now = func() time.Time { return now }
	for i := range 3 {
		now = first.Add(time.Duration(i) * time.Minute)
		if _, err := db.Enqueue(ctx, store.Message{Kind: "test", To: "a@example.com", Subject: string(rune('A' + i)), Body: "x"}); err != nil {
			t.Fatal(err)
		}
	}
	m, ok, err := db.Claim(ctx, time.Minute)
	if err != nil || !ok {
		t.Fatalf("claim: %v %v", ok, err)
	}
	if err := db.MarkSent(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	n, oldest, err := db.OutboxBacklog(ctx)
	if err != nil || n != 2 || !oldest.Equal(first.Add(time.Minute)) {
		t.Fatalf("backlog %d, oldest %v (%v); want 2, %v", n, oldest, err, first.Add(time.Minute))
	}
}

// TestPoolsAndPoolSize: the pools are named for the metrics, and the
// PostgreSQL pool takes its size from the options.
func TestPoolsAndPoolSize(t *testing.T) {
	ctx := context.Background()
	db, err := store.OpenWith(ctx, storetest.DSN(t), store.Options{Pool: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	pools := db.Pools()
	if db.Dialect == store.Postgres {
		p := pools[store.Postgres]
		if len(pools) != 1 || p == nil || p.Stats().MaxOpenConnections != 3 {
			t.Fatalf("postgres pools %v", pools)
		}
		return
	}
	if len(pools) != 2 || pools["sqlite-write"].Stats().MaxOpenConnections != 1 || pools["sqlite-read"] == nil {
		t.Fatalf("sqlite pools %v", pools)
	}
}
