package store_test

import (
	"context"
	"testing"

	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
)

// BenchmarkCaseQueue reads the first page of the new queue, a page deep in
// the overdue queue (after a cursor) and every queue's count, for a
// mission holding 100,000 cases in every stage: what the desk's queue page
// reads. Run it with
//
//	CHANCERY_TEST_POSTGRES= go test -run '^$' -bench BenchmarkCaseQueue ./store
func BenchmarkCaseQueue(b *testing.B) {
	ctx := context.Background()
	db := storetest.OpenSeeded(b)
	storetest.FillCases(b, db, 100_000)
	users, err := db.Users(ctx)
	if err != nil {
		b.Fatal(err)
	}
	today := calendar.Date{Year: 2027, Month: 3, Day: 1}
	q := store.QueueQuery{Mission: chongqing, UserID: users[len(users)-1].ID, Today: today, Soon: today.AddDays(4), Limit: 50}
	for b.Loop() {
		q.Queue, q.AfterDue, q.AfterID = store.QueueNew, "", 0
		rows, _, err := db.CaseQueue(ctx, q)
		if err != nil || len(rows) != 50 {
			b.Fatalf("new: %d rows, %v", len(rows), err)
		}
		q.Queue, q.AfterDue, q.AfterID = store.QueueOverdue, "2026-12-01", 50_000
		if rows, _, err = db.CaseQueue(ctx, q); err != nil || len(rows) == 0 {
			b.Fatalf("overdue: %d rows, %v", len(rows), err)
		}
		if _, err := db.QueueCounts(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
}
