package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"maps"
	"slices"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/cooperation"
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

// SaveCoop creates or updates one record in its own transaction: its
// search terms with it, and an audit entry when it changes. A record
// stored as it is already changes nothing.
func (db *DB) SaveCoop(ctx context.Context, who Actor, rec cooperation.Record) (changed bool, err error) {
	err = db.inTx(ctx, func(tx *Tx) error {
		return tx.saveCoops(ctx, who, []cooperation.Record{rec}, func(c change) { changed = c != unchanged })
	})
	return changed, err
}

// CoopQuery picks records of one kind: dated from From to To (partial
// dates, inclusive by prefix; empty for no bound), with every facet of
// Facets (cooperation.FacetsOf: {"country": "BY"}, {"entity":
// "kapyl-district"}), Limit of them after Offset, ordered by date then
// identifier.
type CoopQuery struct {
	Kind          string
	From, To      string
	Facets        map[string]string
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
	for _, name := range slices.Sorted(maps.Keys(q.Facets)) {
		cond += ` AND EXISTS (SELECT 1 FROM coop_facets f WHERE f.facet = ? AND f.value = ? AND f.kind = coop_records.kind
			AND f.date = coop_records.date AND f.id = coop_records.id)`
		args = append(args, name, q.Facets[name])
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
		var batch []cooperation.Record
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
			// A hundred figures a batch, the progress told after each.
			if batch = append(batch, f); len(batch) < 100 && i+1 < len(figs) {
				continue
			}
			if err := tx.saveCoops(ctx, who, batch, rep.count); err != nil {
				return err
			}
			batch = batch[:0]
			if progress != nil {
				progress(i+1, len(figs))
			}
		}
		return nil
	})
	return rep, err
}
