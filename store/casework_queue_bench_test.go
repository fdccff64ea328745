package store_test

import (
	"context"
	"fmt"
	"strings"
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
	fillCases(b, db, 100_000)
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

// fillCases writes n cases of Chongqing's visa type straight into the
// database: 40 % submitted (half of them taken), 20 % in review, 10 %
// waiting, 10 % ready and 20 % decided, due over 200 days.
func fillCases(b *testing.B, db *store.DB, n int) {
	b.Helper()
	raw := storetest.Raw(b, db, db.DSN)
	// 30 officers share the taken cases.
	var officers []int64
	for i := range 30 {
		var id int64
		err := raw.QueryRow(numbered(db, `INSERT INTO users (username, password_hash, role, created_at) VALUES (?, 'x', 'officer', 1) RETURNING id`),
			fmt.Sprintf("bench-officer-%d", i)).Scan(&id)
		if err != nil {
			b.Fatal(err)
		}
		officers = append(officers, id)
	}
	tx, err := raw.Begin()
	if err != nil {
		b.Fatal(err)
	}
	stmt, err := tx.Prepare(numbered(db, `INSERT INTO applications (reference, mission_id, case_type, case_type_version, email, lang,
		token_hash, verify_hash, stage, answers, created_at, updated_at, submitted_at, due_on, assignee_id)
		VALUES (?, 'by-cg-chongqing', 'visa', 1, 'x@example.com', 'en', 'h', '', ?, '{}', 1, 1, 1, ?, ?)`))
	if err != nil {
		b.Fatal(err)
	}
	stages := []string{"submitted", "submitted", "submitted", "submitted", "in_review", "in_review", "waiting", "ready", "decided", "decided"}
	start := calendar.Date{Year: 2026, Month: 11, Day: 1}
	for i := range n {
		stage := stages[i%len(stages)]
		var assignee any
		if stage != "submitted" || i%20 < 10 {
			assignee = officers[i%len(officers)]
		}
		if stage == "decided" {
			assignee = nil
		}
		if _, err := stmt.Exec(fmt.Sprintf("BENCH-%06d", i), stage, start.AddDays(i%200).String(), assignee); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	analyze := `ANALYZE`
	if db.Dialect == store.Postgres {
		analyze = `VACUUM ANALYZE applications` // as autovacuum would: index-only scans need the visibility map
	}
	if _, err := raw.Exec(analyze); err != nil {
		b.Fatal(err)
	}
}

// numbered writes a query's ? placeholders as PostgreSQL's $1, $2, … when
// db is PostgreSQL.
func numbered(db *store.DB, q string) string {
	if db.Dialect != store.Postgres {
		return q
	}
	var out strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			fmt.Fprintf(&out, "$%d", n)
			continue
		}
		out.WriteRune(r)
	}
	return out.String()
}
