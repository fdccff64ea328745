package store

import (
	"context"
	"database/sql"

	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/names"
	"github.com/pressly/goose/v3"
)

// searchDescriptions is migration 23. Search finds records by the words of
// their descriptions too (an entity's about, an event's outcome, a
// corridor's about), so the records saved before it get those terms, read
// from their documents. A record's terms only grow (its names' terms stay
// its terms), so the migration adds the missing ones and removes none: a
// document this version cannot read keeps the terms it has.
//
// It also removes the partnership "chongqing-minsk" of the default
// dataset, which read two sources' loose wording ("Minsk, Chongqing's twin
// city") as a sister-city tie with the city of Minsk: the record is the
// Chongqing – Minsk Region partnership, which now cites that wording. Only
// the dataset's own record goes (sister cities, Chongqing and Minsk), with
// an audit entry; one staff made otherwise stays.
func (db *DB) searchDescriptions() *goose.Migration {
	return goose.NewGoMigration(23, &goose.GoFunc{RunTx: func(ctx context.Context, tx *sql.Tx) error {
		if err := db.retireMinskSisterCity(ctx, tx); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT kind, id, date, doc FROM coop_records WHERE kind IN ('entity', 'event', 'corridor')`)
		if err != nil {
			return err
		}
		recs, err := scanCoop(rows)
		if err != nil {
			return err
		}
		insert := db.rebind(`INSERT INTO coop_terms (term, kind, date, id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`)
		for _, r := range recs {
			rec, err := cooperation.DecodeRecord(r.Kind, r.Doc)
			if err != nil {
				continue // a document this version cannot read keeps its terms
			}
			seen := map[string]bool{}
			for _, t := range rec.Terms() {
				if t = names.Bounded(t); seen[t] {
					continue
				}
				seen[t] = true
				if _, err := tx.ExecContext(ctx, insert, t, r.Kind, r.Date, r.ID); err != nil {
					return err
				}
			}
		}
		return nil
	}}, &goose.GoFunc{Mode: goose.TransactionEnabled})
}

// retireMinskSisterCity deletes the default dataset's partnership
// "chongqing-minsk" (see searchDescriptions), audited, if it is there as
// the dataset wrote it.
func (db *DB) retireMinskSisterCity(ctx context.Context, tx *sql.Tx) error {
	var doc []byte
	err := tx.QueryRowContext(ctx, db.rebind(`SELECT doc FROM coop_records WHERE kind = ? AND id = ?`),
		cooperation.KindPartnership, "chongqing-minsk").Scan(&doc)
	if isNoRows(err) {
		return nil
	}
	if err != nil {
		return err
	}
	rec, err := cooperation.DecodeRecord(cooperation.KindPartnership, doc)
	if err != nil {
		return nil
	}
	if p, ok := rec.(cooperation.Partnership); !ok || p.Kind != cooperation.SisterCities || p.A != "chongqing" || p.B != "minsk" {
		return nil
	}
	for _, q := range []string{
		`DELETE FROM coop_terms WHERE kind = ? AND id = ?`,
		`DELETE FROM coop_facets WHERE kind = ? AND id = ?`,
		`DELETE FROM coop_records WHERE kind = ? AND id = ?`,
	} {
		if _, err := tx.ExecContext(ctx, db.rebind(q), cooperation.KindPartnership, "chongqing-minsk"); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, db.rebind(`INSERT INTO audit_log (at, user_id, actor, action, entity, entity_id, before, after)
		VALUES (?, NULL, ?, ?, ?, ?, ?, ?)`), millis(db.Now().UTC()), "migration 23", "coop.partnership.delete",
		cooperation.KindPartnership, "chongqing-minsk", string(doc), ""); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE data_revision SET n = n + 1 WHERE id = 1`)
	return err
}
