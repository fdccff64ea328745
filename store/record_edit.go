package store

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/cooperation"
)

// errDryRun rolls back the transaction of an import that only checks.
var errDryRun = errors.New("dry run")

// coopLookup reads what the checks of a record need from the transaction:
// the kinds of entities (those of the batch being written first) and the
// sources. A read that fails is kept in *failed, for the caller to return.
func (tx *Tx) coopLookup(ctx context.Context, batch map[string]cooperation.Kind, failed *error) cooperation.Lookup {
	entities := map[string]cooperation.Kind{}
	missing := map[string]bool{}
	sources := map[string]bool{}
	return cooperation.Lookup{
		Entity: func(id string) (cooperation.Kind, bool) {
			if k, ok := batch[id]; ok {
				return k, true
			}
			if k, ok := entities[id]; ok {
				return k, true
			}
			if missing[id] || *failed != nil {
				return "", false
			}
			var doc string
			err := tx.queryRow(ctx, `SELECT doc FROM coop_records WHERE kind = ? AND id = ?`, cooperation.KindEntity, id).Scan(&doc)
			var e cooperation.Entity
			switch {
			case isNoRows(err):
				missing[id] = true
				return "", false
			case err != nil:
				*failed = err
				return "", false
			case json.Unmarshal([]byte(doc), &e) != nil:
				missing[id] = true
				return "", false
			}
			entities[id] = e.Kind
			return e.Kind, true
		},
		Source: func(id string) bool {
			if known, ok := sources[id]; ok || *failed != nil {
				return known
			}
			ss, err := findSources(ctx, tx, id)
			if err != nil {
				*failed = err
				return false
			}
			sources[id] = len(ss) > 0
			return len(ss) > 0
		},
	}
}

// checkCoop checks a record against the rest of the record in the transaction.
func (tx *Tx) checkCoop(ctx context.Context, rec cooperation.Record, batch map[string]cooperation.Kind) error {
	var failed error
	err := cooperation.Check(rec, tx.coopLookup(ctx, batch, &failed))
	if failed != nil {
		return failed
	}
	return err
}

// CreateCoop adds a new record after checking it; a record of that kind
// and identifier already there is a conflict.
func (db *DB) CreateCoop(ctx context.Context, who Actor, rec cooperation.Record) error {
	return db.inTx(ctx, func(tx *Tx) error {
		var one int
		err := tx.queryRow(ctx, `SELECT 1 FROM coop_records WHERE kind = ? AND id = ?`, rec.RecordKind(), rec.RecordID()).Scan(&one)
		if err == nil {
			return chancery.Errorf(chancery.ECONFLICT, "error.coop_exists", "Kind", rec.RecordKind(), "ID", rec.RecordID())
		} else if !isNoRows(err) {
			return err
		}
		if err := tx.checkCoop(ctx, rec, nil); err != nil {
			return err
		}
		_, err = tx.saveOneCoop(ctx, who, rec)
		return err
	})
}

// saveOneCoop saves one record and says what that changed.
func (tx *Tx) saveOneCoop(ctx context.Context, who Actor, rec cooperation.Record) (change, error) {
	c := unchanged
	err := tx.saveCoops(ctx, who, []cooperation.Record{rec}, func(x change) { c = x })
	return c, err
}

// UpdateCoop replaces the record kind/id with rec after checking it. The
// identifier does not change: a role's, made of its person, organisation,
// start and title, must stay the same too. It reports whether anything
// changed.
func (db *DB) UpdateCoop(ctx context.Context, who Actor, kind, id string, rec cooperation.Record) (changed bool, err error) {
	err = db.inTx(ctx, func(tx *Tx) error {
		var one int
		if err := tx.queryRow(ctx, `SELECT 1 FROM coop_records WHERE kind = ? AND id = ?`, kind, id).Scan(&one); isNoRows(err) {
			return chancery.Errorf(chancery.ENOTFOUND, "error.coop_not_found", "Kind", kind, "ID", id)
		} else if err != nil {
			return err
		}
		if rec.RecordKind() != kind || rec.RecordID() != id {
			return chancery.Errorf(chancery.EINVALID, "error.coop_id_changed", "ID", id)
		}
		if err := tx.checkCoop(ctx, rec, nil); err != nil {
			return err
		}
		c, err := tx.saveOneCoop(ctx, who, rec)
		changed = c != unchanged
		return err
	})
	return changed, err
}

// DeleteCoop removes a record and its search terms, and returns it (for an
// undo). An entity that other records name (a role's person, a
// partnership's side, an agreement's party, a place) cannot be removed
// while they do: the conflict names them.
func (db *DB) DeleteCoop(ctx context.Context, who Actor, kind, id string) (CoopRecord, error) {
	var rec CoopRecord
	err := db.inTx(ctx, func(tx *Tx) error {
		var doc string
		err := tx.queryRow(ctx, `SELECT date, doc FROM coop_records WHERE kind = ? AND id = ?`, kind, id).Scan(&rec.Date, &doc)
		if isNoRows(err) {
			return chancery.Errorf(chancery.ENOTFOUND, "error.coop_not_found", "Kind", kind, "ID", id)
		} else if err != nil {
			return err
		}
		rec.Kind, rec.ID, rec.Doc = kind, id, json.RawMessage(doc)
		if kind == cooperation.KindEntity {
			users, err := tx.coopNaming(ctx, id)
			if err != nil {
				return err
			}
			if len(users) > 0 {
				return chancery.Errorf(chancery.ECONFLICT, "error.coop_in_use", "ID", id, "Count", len(users), "Users", strings.Join(users, ", "))
			}
			// A matchmaking profile would go with the entity (and not come
			// back with an undo): it is removed on its own first.
			var n int
			if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM match_profiles WHERE entity_id = ?`, id).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return chancery.Errorf(chancery.ECONFLICT, "error.coop_match_profile", "ID", id)
			}
		}
		if kind == cooperation.KindEvent {
			var n int
			if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM event_registrations WHERE event_id = ?`, id).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return chancery.Errorf(chancery.ECONFLICT, "error.coop_event_registration", "ID", id)
			}
		}
		if _, err := tx.exec(ctx, `DELETE FROM coop_terms WHERE kind = ? AND id = ?`, kind, id); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `DELETE FROM coop_records WHERE kind = ? AND id = ?`, kind, id); err != nil {
			return err
		}
		return tx.audit(ctx, who, "coop."+kind+".delete", kind, id, rec.Doc, nil)
	})
	return rec, err
}

// coopNaming lists the records (as "kind id") that name an entity, at most
// ten of them, from their "entity" facets.
func (tx *Tx) coopNaming(ctx context.Context, entity string) ([]string, error) {
	rows, err := tx.query(ctx, `SELECT kind, id FROM coop_facets WHERE facet = 'entity' AND value = ? ORDER BY kind, date, id LIMIT 10`, entity)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var kind, id string
		if err := rows.Scan(&kind, &id); err != nil {
			return nil, err
		}
		out = append(out, kind+" "+id)
	}
	return out, rows.Err()
}

// ImportStep is what an import is doing: checking its records, then
// writing them.
type ImportStep string

// The steps of an import.
const (
	Checked ImportStep = "checked"
	Written ImportStep = "written"
)

// ImportProgress is told, after every hundred records of a step and at
// its end, how many of the total are done.
type ImportProgress func(step ImportStep, done, total int)

// importChunk is how many records an import writes between reports of its
// progress.
const importChunk = 100

// RecordImport is what importing records from a file did, or would do.
type RecordImport struct {
	ImportReport
	DryRun bool
}

// ImportRecords checks and saves records read from a file in one
// transaction: every one of them or, on the first problem (which names its
// row or item), none. Records may name entities of the same file. With
// dryRun the transaction is rolled back after the count, so staff see what
// the import would change. progress, when set, is told how many records
// are done after every hundred and at the end. Importing the same records
// again changes nothing.
func (db *DB) ImportRecords(ctx context.Context, who Actor, recs []cooperation.Placed, dryRun bool, progress ImportProgress) (RecordImport, error) {
	var rep RecordImport
	batch := map[string]cooperation.Kind{}
	seen := map[string]cooperation.Placed{}
	for _, p := range recs {
		key := p.Record.RecordKind() + " " + p.Record.RecordID()
		if _, dup := seen[key]; dup {
			return rep, p.At(chancery.Errorf(chancery.EINVALID, "error.coop_duplicate", "Kind", p.Record.RecordKind(), "ID", p.Record.RecordID()))
		}
		seen[key] = p
		if e, ok := p.Record.(cooperation.Entity); ok {
			batch[e.ID] = e.Kind
		}
	}
	err := db.inTx(ctx, func(tx *Tx) error {
		rep = RecordImport{DryRun: dryRun}
		// Every record is checked before any is written, and then they are
		// written a hundred at a time (SaveCoops' batches), with progress.
		for i, p := range recs {
			if err := tx.checkCoop(ctx, p.Record, batch); err != nil {
				if chancery.ErrorCode(err) == chancery.EINTERNAL {
					return err
				}
				return p.At(err)
			}
			if progress != nil && ((i+1)%importChunk == 0 || i+1 == len(recs)) {
				progress(Checked, i+1, len(recs))
			}
		}
		for done := 0; done < len(recs); {
			n := min(importChunk, len(recs)-done)
			chunk := make([]cooperation.Record, n)
			for i := range chunk {
				chunk[i] = recs[done+i].Record
			}
			if err := tx.saveCoops(ctx, who, chunk, rep.count); err != nil {
				return err
			}
			done += n
			if progress != nil {
				progress(Written, done, len(recs))
			}
		}
		if dryRun {
			return errDryRun
		}
		return nil
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	return rep, err
}

// CoopDocument is every record of the relationship as one document, for
// export.
func (db *DB) CoopDocument(ctx context.Context) (cooperation.Document, error) {
	var d cooperation.Document
	for _, kind := range []string{cooperation.KindEntity, cooperation.KindRole, cooperation.KindPartnership,
		cooperation.KindAgreement, cooperation.KindEvent, cooperation.KindCorridor, cooperation.KindTrade} {
		recs, err := db.CoopKind(ctx, kind)
		if err != nil {
			return d, err
		}
		for _, r := range recs {
			d.Add(r)
		}
	}
	return d, nil
}

// CoopKind decodes every record of one kind, ordered by date and identifier.
func (db *DB) CoopKind(ctx context.Context, kind string) ([]cooperation.Record, error) {
	rows, err := db.reader().query(ctx, `SELECT kind, id, date, doc FROM coop_records WHERE kind = ? ORDER BY date, id`, kind)
	if err != nil {
		return nil, err
	}
	stored, err := scanCoop(rows)
	if err != nil {
		return nil, err
	}
	out := make([]cooperation.Record, 0, len(stored))
	for _, s := range stored {
		rec, err := cooperation.DecodeRecord(kind, s.Doc)
		if err != nil {
			return nil, err
		}
		out = append(out, rec)
	}
	return out, nil
}
