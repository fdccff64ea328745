package store

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"strings"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/names"
)

// CoopRecord is one stored record of the relationship: its kind, its
// identifier, its date and the record itself as JSON (a cooperation.Entity,
// Event, TradeFigure, … by kind).
type CoopRecord struct {
	Kind, ID, Date string
	Doc            json.RawMessage
}

// Decode reads the record into v, the cooperation type of its kind.
func (r CoopRecord) Decode(v any) error { return json.Unmarshal(r.Doc, v) }

// saveCoop creates or updates a record and its search terms, and audits
// the change; a record stored as it is already changes nothing.
func (tx *Tx) saveCoop(ctx context.Context, who Actor, rec cooperation.Record) (change, error) {
	doc, err := json.Marshal(rec)
	if err != nil {
		return unchanged, err
	}
	kind, id := rec.RecordKind(), rec.RecordID()
	var before []byte
	err = tx.queryRow(ctx, `SELECT doc FROM coop_records WHERE kind = ? AND id = ?`, kind, id).Scan(&before)
	switch {
	case err == nil && bytes.Equal(before, doc):
		return unchanged, nil
	case err != nil && !isNoRows(err):
		return unchanged, err
	}
	c := created
	if err == nil {
		c = updated
		if _, err := tx.exec(ctx, `UPDATE coop_records SET date = ?, doc = ?, updated_at = ? WHERE kind = ? AND id = ?`,
			rec.RecordDate(), string(doc), millis(tx.now), kind, id); err != nil {
			return unchanged, err
		}
		if _, err := tx.exec(ctx, `DELETE FROM coop_terms WHERE kind = ? AND id = ?`, kind, id); err != nil {
			return unchanged, err
		}
	} else if _, err := tx.exec(ctx, `INSERT INTO coop_records (kind, id, date, doc, updated_at) VALUES (?, ?, ?, ?, ?)`,
		kind, id, rec.RecordDate(), string(doc), millis(tx.now)); err != nil {
		return unchanged, err
	}
	seen := map[string]bool{}
	for _, t := range rec.Terms() {
		t = names.Bounded(t)
		if seen[t] {
			continue
		}
		seen[t] = true
		if _, err := tx.exec(ctx, `INSERT INTO coop_terms (kind, id, term) VALUES (?, ?, ?)`, kind, id, t); err != nil {
			return unchanged, err
		}
	}
	var old any
	if before != nil {
		old = json.RawMessage(before)
	}
	action := "coop." + kind + ".create"
	if c == updated {
		action = "coop." + kind + ".update"
	}
	return c, tx.audit(ctx, who, action, kind, id, old, json.RawMessage(doc))
}

// SaveCoop creates or updates one record in its own transaction.
func (db *DB) SaveCoop(ctx context.Context, who Actor, rec cooperation.Record) (changed bool, err error) {
	err = db.inTx(ctx, func(tx *Tx) error {
		c, err := tx.saveCoop(ctx, who, rec)
		changed = c != unchanged
		return err
	})
	return changed, err
}

// CoopQuery picks records of one kind: dated from From to To (partial
// dates, inclusive by prefix; empty for no bound), Limit of them after
// Offset, ordered by date then identifier.
type CoopQuery struct {
	Kind          string
	From, To      string
	Limit, Offset int
}

// CoopRecords lists the records a query picks, and how many it picks in
// all (for pagination).
func (db *DB) CoopRecords(ctx context.Context, q CoopQuery) (recs []CoopRecord, total int, err error) {
	cond, args := `kind = ?`, []any{q.Kind}
	if q.From != "" {
		cond, args = cond+` AND date >= ?`, append(args, q.From)
	}
	if q.To != "" {
		// "2024" takes in 2024-08 and 2024-08-15: compare with the bound's
		// last possible string.
		cond, args = cond+` AND date <= ?`, append(args, q.To+"~")
	}
	r := db.reader()
	if err := r.queryRow(ctx, `SELECT COUNT(*) FROM coop_records WHERE `+cond, args...).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := r.query(ctx, `SELECT kind, id, date, doc FROM coop_records WHERE `+cond+` ORDER BY date, id LIMIT ? OFFSET ?`,
		append(args, q.Limit, q.Offset)...)
	if err != nil {
		return nil, 0, err
	}
	recs, err = scanCoop(rows)
	return recs, total, err
}

// CoopRecord returns one record.
func (db *DB) CoopRecord(ctx context.Context, kind, id string) (CoopRecord, error) {
	rec := CoopRecord{Kind: kind, ID: id}
	var doc string
	err := db.reader().queryRow(ctx, `SELECT date, doc FROM coop_records WHERE kind = ? AND id = ?`, kind, id).Scan(&rec.Date, &doc)
	if isNoRows(err) {
		return rec, chancery.Errorf(chancery.ENOTFOUND, "error.coop_not_found", "Kind", kind, "ID", id)
	}
	rec.Doc = json.RawMessage(doc)
	return rec, err
}

// maxQueryTerms bounds the terms of one search, so a long query cannot
// make a long statement.
const maxQueryTerms = 32

// CoopSearch finds the records every term of the query belongs to
// (names.Terms: spellings across scripts meet, Chinese is found by its
// characters and character pairs), at most limit of them, ordered by kind
// then date. A query with no terms finds nothing.
func (db *DB) CoopSearch(ctx context.Context, query string, limit int) ([]CoopRecord, error) {
	var terms []string
	for _, t := range names.Terms(query) {
		if t = names.Bounded(t); !slices.Contains(terms, t) {
			terms = append(terms, t)
		}
	}
	if len(terms) == 0 {
		return nil, nil
	}
	if len(terms) > maxQueryTerms {
		return nil, chancery.Errorf(chancery.EINVALID, "error.search_too_long", "Max", maxQueryTerms)
	}
	args := make([]any, 0, len(terms)+2)
	for _, t := range terms {
		args = append(args, t)
	}
	args = append(args, len(terms), limit)
	rows, err := db.reader().query(ctx, `SELECT r.kind, r.id, r.date, r.doc FROM coop_records r JOIN (
			SELECT kind, id FROM coop_terms WHERE term IN (?`+strings.Repeat(", ?", len(terms)-1)+`)
			GROUP BY kind, id HAVING COUNT(*) = ?) m ON m.kind = r.kind AND m.id = r.id
		ORDER BY r.kind, r.date, r.id LIMIT ?`, args...)
	if err != nil {
		return nil, err
	}
	return scanCoop(rows)
}

// scanCoop reads rows of kind, id, date and doc, and closes them.
func scanCoop(rows *sql.Rows) ([]CoopRecord, error) {
	defer rows.Close()
	var out []CoopRecord
	for rows.Next() {
		var rec CoopRecord
		var doc string
		if err := rows.Scan(&rec.Kind, &rec.ID, &rec.Date, &doc); err != nil {
			return nil, err
		}
		rec.Doc = json.RawMessage(doc)
		out = append(out, rec)
	}
	return out, rows.Err()
}

// ImportTrade saves trade figures read from one file in one transaction:
// all of them or, on any error, none. Every figure must cite a source the
// database knows. progress, when set, is told how many figures are done
// after every hundred and at the end. Importing the same figures again
// changes nothing.
func (db *DB) ImportTrade(ctx context.Context, who Actor, figs []cooperation.TradeFigure, progress func(done, total int)) (ImportReport, error) {
	var rep ImportReport
	err := db.inTx(ctx, func(tx *Tx) error {
		rep = ImportReport{}
		known := map[string]bool{}
		for i, f := range figs {
			id := f.Citation.SourceID
			if !known[id] {
				ss, err := findSources(ctx, tx, id)
				if err != nil {
					return err
				}
				if len(ss) == 0 {
					return chancery.Errorf(chancery.EINVALID, "error.source_not_found", "ID", id)
				}
				known[id] = true
			}
			c, err := tx.saveCoop(ctx, who, f)
			if err != nil {
				return err
			}
			rep.count(c)
			if progress != nil && ((i+1)%100 == 0 || i+1 == len(figs)) {
				progress(i+1, len(figs))
			}
		}
		return nil
	})
	return rep, err
}
