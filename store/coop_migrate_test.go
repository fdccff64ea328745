package store_test

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/store/storetest"
)

// rawDB opens the database at dsn directly, for writing rows as an older
// chancery did.
func rawDB(t *testing.T, db *store.DB, dsn string) *sql.DB { return storetest.Raw(t, db, dsn) }

// migratedTo opens a database migrated up to version only, and the same
// database directly, for writing rows as the chancery of that version did.
func migratedTo(t *testing.T, version int64) (*store.DB, *sql.DB) {
	t.Helper()
	dsn := storetest.DSN(t)
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.MigrateTo(context.Background(), version); err != nil {
		t.Fatal(err)
	}
	return db, rawDB(t, db, dsn)
}

// placeholders writes a statement's ? as the database's own placeholders
// ($1, $2, … on PostgreSQL), for statements sent to it directly.
func placeholders(db *store.DB) func(string) string {
	return func(s string) string {
		if db.Dialect != store.Postgres {
			return s
		}
		for i := 1; strings.Contains(s, "?"); i++ {
			s = strings.Replace(s, "?", "$"+string(rune('0'+i)), 1)
		}
		return s
	}
}

// TestSearchMigrationBackfill: a database written before 00009_search
// (records and terms of 00006) keeps every term after it, each with its
// record's kind and date; search finds them; the database keeps the date
// of the terms the record's (a new date cascades, a wrong one is refused).
func TestSearchMigrationBackfill(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, raw := migratedTo(t, 6)
	q := placeholders(db)
	old := []struct {
		kind, id, date string
		terms          []string
	}{
		{"entity", "dzmitry-yemelyanau", "", []string{"dzmitry", "amalanav", "叶", "梅", "叶梅"}},
		{"event", "forum-2019", "2019", []string{"forum", "minsk", "belarus"}},
		{"event", "opening", "2021-01-28", []string{"consul", "ganaral", "minsk"}},
		{"trade", "cq-2023", "2023-01", []string{"trade", "minsk"}},
	}
	for _, r := range old {
		if _, err := raw.ExecContext(ctx, q(`INSERT INTO coop_records (kind, id, date, doc, updated_at) VALUES (?, ?, ?, ?, 1)`),
			r.kind, r.id, r.date, `{"id":"`+r.id+`"}`); err != nil {
			t.Fatal(err)
		}
		for _, term := range r.terms {
			if _, err := raw.ExecContext(ctx, q(`INSERT INTO coop_terms (kind, id, term) VALUES (?, ?, ?)`), r.kind, r.id, term); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	var want, got []string
	for _, r := range old {
		for _, term := range r.terms {
			want = append(want, term+"|"+r.kind+"|"+r.date+"|"+r.id)
		}
	}
	rows, err := raw.QueryContext(ctx, `SELECT term, kind, date, id FROM coop_terms`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var term, kind, date, id string
		if err := rows.Scan(&term, &kind, &date, &id); err != nil {
			t.Fatal(err)
		}
		got = append(got, term+"|"+kind+"|"+date+"|"+id)
	}
	rows.Close()
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Fatalf("terms after the migration:\n%q\nwant\n%q", got, want)
	}
	hits, err := db.CoopSearch(ctx, "minsk", 10)
	if err != nil || len(hits) != 3 || hits[0].ID != "forum-2019" || hits[1].ID != "opening" || hits[2].ID != "cq-2023" {
		t.Fatalf("minsk after the migration: %+v, %v", hits, err)
	}
	// The date is the record's, kept by the database.
	if _, err := raw.ExecContext(ctx, q(`UPDATE coop_records SET date = ? WHERE kind = ? AND id = ?`), "2019-06", "event", "forum-2019"); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := raw.QueryRowContext(ctx, q(`SELECT COUNT(*) FROM coop_terms WHERE kind = ? AND id = ? AND date = ?`),
		"event", "forum-2019", "2019-06").Scan(&n); err != nil || n != 3 {
		t.Fatalf("terms with the record's new date: %d, %v", n, err)
	}
	if _, err := raw.ExecContext(ctx, q(`INSERT INTO coop_terms (term, kind, date, id) VALUES (?, ?, ?, ?)`),
		"pinsk", "event", "2020", "forum-2019"); err == nil {
		t.Fatal("a term with another date than its record's was stored")
	}
	if _, err := raw.ExecContext(ctx, q(`DELETE FROM coop_records WHERE kind = ? AND id = ?`), "event", "opening"); err != nil {
		t.Fatal(err)
	}
	if hits, _ := db.CoopSearch(ctx, "ganaral", 10); len(hits) != 0 {
		t.Fatalf("a deleted record's terms are found: %+v", hits)
	}
}
