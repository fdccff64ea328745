package store

import (
	"context"
	"database/sql"

	"github.com/chancery-platform/chancery/cooperation"
	"github.com/pressly/goose/v3"
)

// facetRows are a record's rows of coop_facets, flat: facet, value, kind,
// date, id. Values too long for the column are left out (no identifier or
// code is that long).
func facetRows(rec cooperation.Record, kind, date, id string) []any {
	var out []any
	for name, vs := range cooperation.FacetsOf(rec) {
		for _, v := range vs {
			if len(v) <= 200 {
				out = append(out, name, v, kind, date, id)
			}
		}
	}
	return out
}

// facetBackfill is migration 11: the facets of the records saved before
// coop_facets existed (migration 10), read from their documents.
func (db *DB) facetBackfill() *goose.Migration {
	return goose.NewGoMigration(11, &goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT kind, id, date, doc FROM coop_records`)
		if err != nil {
			return err
		}
		recs, err := scanCoop(rows)
		if err != nil {
			return err
		}
		for _, r := range recs {
			rec, err := cooperation.DecodeRecord(r.Kind, r.Doc)
			if err != nil {
				continue // a document this version cannot read keeps no facets
			}
			vals := facetRows(rec, r.Kind, r.Date, r.ID)
			for i := 0; i < len(vals); i += 5 {
				if _, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO coop_facets (facet, value, kind, date, id) VALUES (?, ?, ?, ?, ?)`),
					vals[i:i+5]...); err != nil {
					return err
				}
			}
		}
		return nil
	}}, &goose.GoFunc{Mode: goose.TransactionEnabled})
}
