package store

import (
	"fmt"
	"strings"
	"testing"
)

// TestAbuse06SearchStatementShape guards against a relapse into a
// statement that grows with the query: from a few terms up to the most a
// search accepts, the search is one statement text per dialect (planned
// once and kept prepared) with a bounded number of subqueries.
func TestAbuse06SearchStatementShape(t *testing.T) {
	for _, dialect := range []string{SQLite, Postgres} {
		db := &DB{Dialect: dialect}
		var first string
		checks := db.existsChecks()
		least := db.drivingTerms(maxQueryTerms) + checks + 1 // the fewest terms that need the count
		for n := least; n <= maxQueryTerms; n++ {
			terms := make([]string, n)
			for i := range terms {
				terms[i] = fmt.Sprintf("term%d", i)
			}
			stmt, args, err := db.searchStatement(terms, &CoopKey{Kind: "event", Date: "2024", ID: "x"}, 11)
			if err != nil {
				t.Fatal(err)
			}
			if first == "" {
				first = stmt
				// the page, its rows (and on PostgreSQL the merged rows), the checks, the count and its list
				if selects := strings.Count(stmt, "SELECT"); selects > checks+3+db.drivingTerms(n) {
					t.Fatalf("%s: %d terms make %d SELECTs: %s", dialect, n, selects, stmt)
				}
			}
			if stmt != first {
				t.Fatalf("%s: %d terms make another statement than %d:\n%s\n%s", dialect, n, least, stmt, first)
			}
			if want := strings.Count(stmt, "?"); len(args) != want {
				t.Fatalf("%s: %d arguments for %d placeholders", dialect, len(args), want)
			}
		}
	}
}
