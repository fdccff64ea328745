package store

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"time"
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

// existsTerms is how many terms after the rarest a search checks one
// EXISTS each, rarer first, so that most rows of the rarest term are
// turned away at the first or second lookup; the rest are checked
// together, one lookup of the record's terms against a list passed as one
// parameter. The statement so has one shape for any number of terms above
// existsTerms+1, kept prepared, and SQLite's planner, whose work grows
// quickly with each subquery, plans a few.
const existsTerms = 2

// existsTermsPostgres is existsTerms on PostgreSQL, whose planner does not
// grow with the checks: more of them turn more rows away before the count
// of the rest, which reads each row's record's terms.
const existsTermsPostgres = 4

// existsChecks is how many terms after the rarest the search checks one
// EXISTS each on the database's engine.
func (db *DB) existsChecks() int {
	if db.Dialect == Postgres {
		return existsTermsPostgres
	}
	return existsTerms
}

// drivingTerms is how many of a query's n terms, the rarest, are read
// from the index together to find the rows to check for the others: two
// on PostgreSQL, which merges their sorted rows; one on SQLite, which has
// no merge join.
func (db *DB) drivingTerms(n int) int {
	if db.Dialect == Postgres && n > 1 {
		return 2
	}
	return 1
}

// termRecountCap bounds the second count of terms when every one of a
// query's terms reached termCountCap.
const termRecountCap = 16 * termCountCap

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
// index (on PostgreSQL side by side with the second rarest's, keeping the
// rows both hold), each checked for the next few terms by a lookup of its
// key and then for the rest at once (existsChecks), and the reading stops
// once the page is full. Only the page's documents are read.
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
	stmt, args, err := db.searchStatement(terms, q.After, q.Limit+1)
	if err != nil {
		return nil, false, err
	}
	rows, err := db.reader().query(ctx, stmt, args...)
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

// searchStatement is the statement of a page of the records that hold all
// terms, rarest first, after the record after (nil: from the first), with
// its arguments: limit rows at most.
func (db *DB) searchStatement(terms []string, after *CoopKey, limit int) (string, []any, error) {
	var b strings.Builder
	args := make([]any, 0, db.existsChecks()+9)
	// after is a row value, which both engines read as a range of the index.
	const afterKey = ` AND (t.kind, t.date, t.id) > (?, ?, ?)`
	// OFFSET 0 keeps each check a subquery on PostgreSQL: made a join, the
	// planner, which cannot know how the terms go together, guesses few
	// matches and reads them all to sort them. SQLite keeps it a subquery
	// as it is (and wants a LIMIT before an OFFSET).
	fence := ""
	if db.Dialect == Postgres {
		fence = " OFFSET 0"
	}
	merged := db.drivingTerms(len(terms))
	if merged == 2 {
		// PostgreSQL reads the two rarest terms' rows side by side in
		// their index's order (a merge join): one pass over both, in
		// place of a lookup of the second for each row of the first.
		// Only rows that hold both are checked further (a search of 32
		// common terms: 12 ms of lookups became 1 ms).
		b.WriteString(`SELECT r.kind, r.id, r.date, r.doc FROM (SELECT t.kind, t.date, t.id FROM (SELECT t.kind, t.date, t.id
			FROM coop_terms t JOIN coop_terms u ON u.term = ? AND u.kind = t.kind AND u.date = t.date AND u.id = t.id
			WHERE t.term = ?`)
		args = append(args, terms[1], terms[0])
		if after != nil {
			b.WriteString(afterKey)
			args = append(args, after.Kind, after.Date, after.ID)
		}
		b.WriteString(` ORDER BY t.kind, t.date, t.id OFFSET 0) t WHERE TRUE`)
	} else {
		b.WriteString(`SELECT r.kind, r.id, r.date, r.doc FROM (SELECT t.kind, t.date, t.id FROM coop_terms t WHERE t.term = ?`)
		args = append(args, terms[0])
		if after != nil {
			b.WriteString(afterKey)
			args = append(args, after.Kind, after.Date, after.ID)
		}
	}
	checked := terms[merged:min(len(terms), merged+db.existsChecks())]
	var exists []string
	for _, t := range checked {
		exists = append(exists, `EXISTS (SELECT 1 FROM coop_terms o WHERE o.term = ? AND o.kind = t.kind AND o.date = t.date AND o.id = t.id`+fence+`)`)
		args = append(args, t)
	}
	if rest := terms[merged+len(checked):]; len(rest) == 0 {
		for _, e := range exists {
			b.WriteString(` AND ` + e)
		}
	} else {
		// A record's term is one row (the key), so counting its rows among
		// the rest's terms counts the rest it has: they are distinct. The
		// count comes only after the checks, which turn most rows away:
		// SQLite would otherwise count first, for every row.
		in, arg, err := db.oneOf("o.term", rest)
		if err != nil {
			return "", nil, err
		}
		b.WriteString(` AND CASE WHEN ` + strings.Join(exists, ` AND `) + ` THEN (SELECT COUNT(*) FROM coop_terms o
			WHERE o.kind = t.kind AND o.id = t.id AND o.date = t.date AND ` + in + `) = ? ELSE FALSE END`)
		args = append(args, arg, len(rest))
	}
	b.WriteString(` ORDER BY t.kind, t.date, t.id LIMIT ?) p
		JOIN coop_records r ON r.kind = p.kind AND r.id = p.id ORDER BY p.kind, p.date, p.id`)
	return b.String(), append(args, limit), nil
}

// searchTerms are the distinct terms of a query, bounded as stored, at
// most maxQueryTerms of them. A Chinese character that a pair of the query
// holds is left out (before they are counted): every record with the pair
// has its characters too (names.Terms), so it changes nothing but the
// work.
func searchTerms(query string) ([]string, error) {
	var terms []string
	for _, t := range names.Terms(query) {
		if t = names.Bounded(t); !slices.Contains(terms, t) {
			terms = append(terms, t)
		}
	}
	pairs := map[rune]bool{}
	for _, t := range terms {
		if rs := []rune(t); len(rs) == 2 && isHanRune(rs[0]) && isHanRune(rs[1]) {
			pairs[rs[0]], pairs[rs[1]] = true, true
		}
	}
	terms = slices.DeleteFunc(terms, func(t string) bool {
		r, n := utf8.DecodeRuneInString(t)
		return n == len(t) && pairs[r]
	})
	if len(terms) > maxQueryTerms {
		return nil, chancery.Errorf(chancery.EINVALID, "error.search_too_long", "Max", maxQueryTerms)
	}
	return terms, nil
}

// rarestFirst orders terms by how many records hold them, fewest first,
// counting each up to termCountCap; nil when a term is in no record, so
// nothing can match. One statement for any number of terms: they are one
// parameter. Counts found before are taken from db.termCounts, which only
// orders the terms: the answer never depends on it.
func (db *DB) rarestFirst(ctx context.Context, terms []string) ([]string, error) {
	now := time.Now()
	counts := map[string]termCount{}
	var unknown []string
	for _, t := range terms {
		if c, ok := db.termCounts.get(t, now); ok {
			counts[t] = c
		} else {
			unknown = append(unknown, t)
		}
	}
	if len(unknown) > 0 {
		table, arg, err := db.rowsOf(unknown)
		if err != nil {
			return nil, err
		}
		rows, err := db.reader().query(ctx, `SELECT value, (SELECT COUNT(*) FROM (SELECT 1 FROM coop_terms c WHERE c.term = value LIMIT `+
			strconv.Itoa(termCountCap)+`) n) FROM `+table, arg)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var t string
			var n int
			if err := rows.Scan(&t, &n); err != nil {
				rows.Close()
				return nil, err
			}
			counts[t] = termCount{n: n, limit: termCountCap}
		}
		if err := errors.Join(rows.Err(), rows.Close()); err != nil {
			return nil, err
		}
		for _, t := range unknown {
			db.termCounts.put(t, counts[t], now)
		}
	}
	for _, t := range terms {
		if counts[t].n == 0 {
			return nil, nil
		}
	}
	if slices.IndexFunc(terms, func(t string) bool { return counts[t].exact() }) < 0 {
		// Every term is common: the search reads every row of the one
		// that drives, so find the rarest, counting each only as far as
		// the rarest so far (a count remembered as far as that will do).
		best := termRecountCap
		for _, t := range terms {
			if c := counts[t]; c.exact() || c.limit >= best {
				best = min(best, c.n)
				continue
			}
			var n int
			if err := db.reader().queryRow(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM coop_terms WHERE term = ? LIMIT ?) n`,
				t, best).Scan(&n); err != nil {
				return nil, err
			}
			counts[t] = termCount{n: n, limit: best}
			db.termCounts.put(t, counts[t], now)
			best = min(best, n)
		}
	}
	out := slices.Clone(terms)
	slices.SortStableFunc(out, func(a, b string) int { return counts[a].n - counts[b].n })
	return out, nil
}

func isHanRune(r rune) bool { return unicode.Is(unicode.Han, r) }
