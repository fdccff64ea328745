package store

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"

	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/names"
)

// How many rows a statement of a batch writes on PostgreSQL: records and
// their audit entries (whose documents make the statement long), and
// search terms (four short values a row); far fewer parameters than it
// takes. SQLite writes one a statement (see insertRows).
const (
	coopBatchRecords = 200
	coopBatchTerms   = 500
)

// SaveCoops creates or updates many records in one transaction, all of
// them or, on any error, none, as SaveCoop does each: their terms with
// them, an audit entry for each that changes. It is faster than a SaveCoop
// a record: the stored documents are read a kind at a time, the revision
// raised once a batch, and on PostgreSQL records, terms and audit entries
// written many rows a statement.
func (db *DB) SaveCoops(ctx context.Context, who Actor, recs []cooperation.Record) (ImportReport, error) {
	var rep ImportReport
	err := db.inTx(ctx, func(tx *Tx) error {
		rep = ImportReport{}
		return tx.saveCoops(ctx, who, recs, rep.count)
	})
	return rep, err
}

// coopWrite is one record of a batch: what it is, what was stored before.
type coopWrite struct {
	kind, id, date string
	doc, before    []byte
	c              change
}

// saveCoops saves records in order, as many at a time as coopBatchRecords
// and distinct keys allow (a record given twice is saved twice, the second
// seeing the first), and tells each record's change to count.
func (tx *Tx) saveCoops(ctx context.Context, who Actor, recs []cooperation.Record, count func(change)) error {
	for len(recs) > 0 {
		n, seen := 0, map[[2]string]bool{}
		for n < len(recs) && n < coopBatchRecords {
			k := [2]string{recs[n].RecordKind(), recs[n].RecordID()}
			if seen[k] {
				break
			}
			seen[k] = true
			n++
		}
		ws, err := tx.saveCoopChunk(ctx, who, recs[:n])
		if err != nil {
			return err
		}
		for _, w := range ws {
			count(w.c)
		}
		recs = recs[n:]
	}
	return nil
}

// saveCoopChunk saves records of distinct keys.
func (tx *Tx) saveCoopChunk(ctx context.Context, who Actor, recs []cooperation.Record) ([]coopWrite, error) {
	ws := make([]coopWrite, len(recs))
	byKind := map[string][]int{}
	for i, rec := range recs {
		doc, err := json.Marshal(rec)
		if err != nil {
			return nil, err
		}
		ws[i] = coopWrite{kind: rec.RecordKind(), id: rec.RecordID(), date: rec.RecordDate(), doc: doc, c: created}
		byKind[ws[i].kind] = append(byKind[ws[i].kind], i)
	}
	for kind, is := range byKind {
		if err := tx.loadCoopDocs(ctx, kind, ws, is); err != nil {
			return nil, err
		}
	}
	var inserts, terms, facets, audits []any
	changes := 0
	for i := range ws {
		w := &ws[i]
		switch {
		case w.before != nil && bytes.Equal(w.before, w.doc):
			w.c = unchanged
			continue
		case w.before != nil:
			w.c = updated
			// The terms go first, so the new date does not cascade to
			// rows about to go.
			if _, err := tx.exec(ctx, `DELETE FROM coop_terms WHERE kind = ? AND id = ?`, w.kind, w.id); err != nil {
				return nil, err
			}
			if _, err := tx.exec(ctx, `DELETE FROM coop_facets WHERE kind = ? AND id = ?`, w.kind, w.id); err != nil {
				return nil, err
			}
			if _, err := tx.exec(ctx, `UPDATE coop_records SET date = ?, doc = ?, updated_at = ? WHERE kind = ? AND id = ?`,
				w.date, string(w.doc), millis(tx.now), w.kind, w.id); err != nil {
				return nil, err
			}
		default:
			inserts = append(inserts, w.kind, w.id, w.date, string(w.doc), millis(tx.now))
		}
		changes++
		seen := map[string]bool{}
		for _, t := range recs[i].Terms() {
			if t = names.Bounded(t); !seen[t] {
				seen[t] = true
				terms = append(terms, t, w.kind, w.date, w.id)
			}
		}
		facets = append(facets, facetRows(recs[i], w.kind, w.date, w.id)...)
		action, before := "coop."+w.kind+".create", ""
		if w.c == updated {
			action, before = "coop."+w.kind+".update", asJSON(json.RawMessage(w.before))
		}
		var userID any
		if who.UserID != 0 {
			userID = who.UserID
		}
		audits = append(audits, millis(tx.now), userID, who.Name, action, w.kind, w.id, before, asJSON(json.RawMessage(w.doc)))
	}
	if changes == 0 {
		return ws, nil
	}
	if err := tx.insertRows(ctx, `INSERT INTO coop_records (kind, id, date, doc, updated_at)`, 5, coopBatchRecords, inserts); err != nil {
		return nil, err
	}
	if err := tx.insertRows(ctx, `INSERT INTO coop_terms (term, kind, date, id)`, 4, coopBatchTerms, terms); err != nil {
		return nil, err
	}
	if err := tx.insertRows(ctx, `INSERT INTO coop_facets (facet, value, kind, date, id)`, 5, coopBatchTerms, facets); err != nil {
		return nil, err
	}
	if err := tx.insertRows(ctx, `INSERT INTO audit_log (at, user_id, actor, action, entity, entity_id, before, after)`,
		8, coopBatchRecords, audits); err != nil {
		return nil, err
	}
	// The revision grows by one an audited change, as audit makes it, in
	// one statement.
	_, err := tx.exec(ctx, `UPDATE data_revision SET n = n + ? WHERE id = 1`, changes)
	return ws, err
}

// loadCoopDocs reads the stored documents of the writes is of one kind.
func (tx *Tx) loadCoopDocs(ctx context.Context, kind string, ws []coopWrite, is []int) error {
	if len(is) == 1 {
		w := &ws[is[0]]
		err := tx.queryRow(ctx, `SELECT doc FROM coop_records WHERE kind = ? AND id = ?`, kind, w.id).Scan(&w.before)
		if isNoRows(err) {
			return nil
		}
		return err
	}
	at := map[string]*coopWrite{}
	ids := make([]string, 0, len(is))
	for _, i := range is {
		at[ws[i].id] = &ws[i]
		ids = append(ids, ws[i].id)
	}
	inIDs, idsArg, err := tx.db.oneOf("id", ids)
	if err != nil {
		return err
	}
	rows, err := tx.query(ctx, `SELECT id, doc FROM coop_records WHERE kind = ? AND `+inIDs, kind, idsArg)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var doc []byte
		if err := rows.Scan(&id, &doc); err != nil {
			return err
		}
		at[id].before = doc
	}
	return rows.Err()
}

// insertRows writes rows of width values each (flat in args), perStmt rows
// a statement on PostgreSQL, where each statement is a round trip.
// Statements of one row or of perStmt rows are kept prepared
// (store/statements.go); the others, one a batch at most, are not, so the
// kept statements stay few.
//
// SQLite writes a row a statement, prepared once: it has no round trip to
// save, and a statement that writes several rows keeps a statement journal
// (so that a failing row undoes the statement's others) in which each page
// it touches is copied first; rows of random keys, as terms are, touch a
// page each, and batches of them wrote the corpus slower than single rows.
func (tx *Tx) insertRows(ctx context.Context, head string, width, perStmt int, args []any) error {
	if tx.db.Dialect != Postgres {
		perStmt = 1
	}
	row := "(?" + strings.Repeat(", ?", width-1) + ")"
	for len(args) > 0 {
		n := min(len(args)/width, perStmt)
		q := head + " VALUES " + row + strings.Repeat(", "+row, n-1)
		var err error
		if n == 1 || n == perStmt {
			_, err = tx.exec(ctx, q, args[:n*width]...)
		} else {
			_, err = tx.tx.ExecContext(ctx, tx.db.rebind(q), args[:n*width]...)
		}
		if err != nil {
			return err
		}
		args = args[n*width:]
	}
	return nil
}
