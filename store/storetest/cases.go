package storetest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/store"
)

// FillCases writes n cases of Chongqing's visa type straight into the
// database: 40 % submitted (half of them taken), 20 % in review, 10 %
// waiting, 10 % ready and 20 % decided, due over 200 days.
func FillCases(b testing.TB, db *store.DB, n int) {
	b.Helper()
	raw := Raw(b, db, db.DSN)
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
