package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/names"
)

// maxQueryTerms bounds the terms of one search, so a long query cannot
// make a long statement.
const maxQueryTerms = 32

// termCountCap bounds how many rows of a term a search counts to find the
// query's rarest term: enough to tell a rare term from a common one, never
// a walk through all the rows of a common word.
const termCountCap = 1000

// preparedTermsMax is the most terms a search statement has for it to be
// kept prepared (store/statements.go); longer queries are rare, and each
// number of terms is a statement of its own.
const preparedTermsMax = 12

// CoopKey is a record's place in the order of search results: kind, then
// date, then identifier. A page of results ends at one, and the next page
// starts after it.
type CoopKey struct {
	Kind, Date, ID string
}

// Key is the record's place in the order of search results.
func (r CoopRecord) Key() CoopKey { return CoopKey{Kind: r.Kind, Date: r.Date, ID: r.ID} }

// CoopSearchQuery asks for one page of search results: the records every
// term of Text belongs to, ordered by kind, date and identifier, Limit of
// them after the record After (none: from the first).
type CoopSearchQuery struct {
	Text  string
	Limit int
	After *CoopKey
}

// CoopSearch finds the records every term of the query belongs to
// (names.Terms: spellings across scripts meet, Chinese is found by its
// characters and character pairs), at most limit of them, ordered by kind
// then date then identifier. A query with no terms finds nothing.
func (db *DB) CoopSearch(ctx context.Context, query string, limit int) ([]CoopRecord, error) {
	recs, _, err := db.CoopSearchPage(ctx, CoopSearchQuery{Text: query, Limit: limit})
	return recs, err
}

// CoopSearchPage finds one page of the records CoopSearch finds, and
// whether more follow it.
//
// The query's terms are counted, each up to termCountCap rows, and the
// rarest drives: its rows of coop_terms are read in result order, from the
// index, each checked for the other terms (rarer first) by a lookup of its
// key, and the reading stops once the page is full. Only the page's
// documents are read.
func (db *DB) CoopSearchPage(ctx context.Context, q CoopSearchQuery) (recs []CoopRecord, more bool, err error) {
	terms, err := searchTerms(q.Text)
	if err != nil || len(terms) == 0 || q.Limit < 1 {
		return nil, false, err
	}
	if len(terms) > 1 {
		if terms, err = db.rarestFirst(ctx, terms); err != nil || terms == nil {
			return nil, false, err
		}
	}
	var b strings.Builder
	args := make([]any, 0, len(terms)+4)
	b.WriteString(`SELECT r.kind, r.id, r.date, r.doc FROM (SELECT t.kind, t.date, t.id FROM coop_terms t WHERE t.term = ?`)
	args = append(args, terms[0])
	if q.After != nil {
		// A row value, which both engines read as a range of the index.
		b.WriteString(` AND (t.kind, t.date, t.id) > (?, ?, ?)`)
		args = append(args, q.After.Kind, q.After.Date, q.After.ID)
	}
	// OFFSET 0 keeps each check a subquery on PostgreSQL: made a join, the
	// planner, which cannot know how the terms go together, guesses few
	// matches and reads them all to sort them. SQLite keeps it a subquery
	// as it is (and wants a LIMIT before an OFFSET).
	fence := ""
	if db.Dialect == Postgres {
		fence = " OFFSET 0"
	}
	for _, t := range terms[1:] {
		b.WriteString(` AND EXISTS (SELECT 1 FROM coop_terms o WHERE o.term = ? AND o.kind = t.kind AND o.date = t.date AND o.id = t.id` + fence + `)`)
		args = append(args, t)
	}
	b.WriteString(` ORDER BY t.kind, t.date, t.id LIMIT ?) p
		JOIN coop_records r ON r.kind = p.kind AND r.id = p.id ORDER BY p.kind, p.date, p.id`)
	args = append(args, q.Limit+1)
	rows, err := db.searchQuery(ctx, len(terms), b.String(), args...)
	if err != nil {
		return nil, false, err
	}
	if recs, err = scanCoop(rows); err != nil {
		return nil, false, err
	}
	if len(recs) > q.Limit {
		return recs[:q.Limit], true, nil
	}
	return recs, false, nil
}

// searchTerms are the distinct terms of a query, bounded as stored. A
// Chinese character that a pair of the query holds is left out: every
// record with the pair has its characters too (names.Terms), so it
// changes nothing but the work.
func searchTerms(query string) ([]string, error) {
	var terms []string
	for _, t := range names.Terms(query) {
		if t = names.Bounded(t); !slices.Contains(terms, t) {
			terms = append(terms, t)
		}
	}
	if len(terms) > maxQueryTerms {
		return nil, chancery.Errorf(chancery.EINVALID, "error.search_too_long", "Max", maxQueryTerms)
	}
	pairs := map[rune]bool{}
	for _, t := range terms {
		if rs := []rune(t); len(rs) == 2 && isHanRune(rs[0]) && isHanRune(rs[1]) {
			pairs[rs[0]], pairs[rs[1]] = true, true
		}
	}
	return slices.DeleteFunc(terms, func(t string) bool {
		r, n := utf8.DecodeRuneInString(t)
		return n == len(t) && pairs[r]
	}), nil
}

// rarestFirst orders terms by how many records hold them, fewest first,
// counting each up to termCountCap; nil when a term is in no record, so
// nothing can match.
func (db *DB) rarestFirst(ctx context.Context, terms []string) ([]string, error) {
	cols := make([]string, len(terms))
	args := make([]any, len(terms))
	for i, t := range terms {
		cols[i] = `(SELECT COUNT(*) FROM (SELECT 1 FROM coop_terms WHERE term = ? LIMIT ` + strconv.Itoa(termCountCap) + `) c)`
		args[i] = t
	}
	counts := make([]int, len(terms))
	dest := make([]any, len(terms))
	for i := range counts {
		dest[i] = &counts[i]
	}
	rows, err := db.searchQuery(ctx, len(terms), `SELECT `+strings.Join(cols, ", "), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	if !rows.Next() {
		return nil, errors.Join(rows.Err(), sql.ErrNoRows)
	}
	if err := rows.Scan(dest...); err != nil {
		return nil, err
	}
	order := make([]int, len(terms))
	for i := range order {
		order[i] = i
		if counts[i] == 0 {
			return nil, nil
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return counts[a] - counts[b] })
	out := make([]string, len(terms))
	for i, j := range order {
		out[i] = terms[j]
	}
	return out, nil
}

// searchQuery runs a search's statement on the read pool, kept prepared
// when it has at most preparedTermsMax terms.
func (db *DB) searchQuery(ctx context.Context, terms int, q string, args ...any) (*sql.Rows, error) {
	if terms <= preparedTermsMax {
		return db.reader().query(ctx, q, args...)
	}
	return db.read.QueryContext(ctx, db.rebind(q), args...)
}

func isHanRune(r rune) bool { return unicode.Is(unicode.Han, r) }
