package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"reflect"
	"slices"

	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/dataset"
	"github.com/chancery-platform/chancery/mission"
)

// ImportReport counts what an import changed.
type ImportReport struct {
	Version   string
	Created   int
	Updated   int
	Deleted   int
	Unchanged int
}

// count adds one save's outcome.
func (r *ImportReport) count(c change) {
	switch c {
	case created:
		r.Created++
	case updated:
		r.Updated++
	default:
		r.Unchanged++
	}
}

// Changes is the number of rows the import wrote.
func (r ImportReport) Changes() int { return r.Created + r.Updated + r.Deleted }

func (r ImportReport) String() string {
	return fmt.Sprintf("dataset %s: %d created, %d updated, %d deleted, %d unchanged", r.Version, r.Created, r.Updated, r.Deleted, r.Unchanged)
}

// Import brings the database in line with a dataset in one transaction: all
// of it or none of it. Sources and missions in the file are created or
// updated; each listed mission's district and claims become exactly the
// file's; fees, and the airport lists when the file has that section, become the file's; the record's
// entries and matchmaking profiles it lists are created or updated.
// Missions, sources and profiles the file does not list are left alone.
// Importing the same file again changes nothing and writes nothing, not
// even an audit entry.
func (db *DB) Import(ctx context.Context, who Actor, ds *dataset.Dataset, raw []byte) (ImportReport, error) {
	rep := ImportReport{Version: ds.Version}
	err := db.inTx(ctx, func(tx *Tx) error {
		var before int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM missions`).Scan(&before); err != nil {
			return err
		}
		for _, s := range ds.Sources {
			changed, err := tx.saveSource(ctx, who, s)
			if err != nil {
				return err
			}
			rep.count(changed)
		}
		for _, m := range ds.Missions {
			changed, err := tx.saveMission(ctx, who, m.Mission)
			if err != nil {
				return err
			}
			rep.count(changed)
			if err := tx.syncDistrict(ctx, who, m, &rep); err != nil {
				return err
			}
			if err := tx.syncClaims(ctx, who, m, &rep); err != nil {
				return err
			}
			if err := tx.syncAppointments(ctx, who, m, &rep); err != nil {
				return err
			}
		}
		// An account made before there was any mission (chancery admin
		// create-user on a new database, before the first start seeds it)
		// was given every mission there was: none. The first seed gives it
		// every mission, as a new account gets.
		if before == 0 {
			if _, err := tx.exec(ctx, `INSERT INTO staff_missions (user_id, mission_id) SELECT users.id, missions.id FROM users, missions`); err != nil {
				return err
			}
		}
		if err := tx.syncFees(ctx, who, ds.Fees, &rep); err != nil {
			return err
		}
		if ds.VisaFreeAirport != nil { // a file without the section leaves the lists alone
			if err := tx.syncAirport(ctx, who, ds.VisaFreeAirport, &rep); err != nil {
				return err
			}
		}
		if err := tx.syncCooperation(ctx, who, ds.Cooperation, &rep); err != nil {
			return err
		}
		for _, p := range ds.Profiles {
			changed, err := tx.saveProfile(ctx, who, p, -1)
			if err != nil {
				return err
			}
			rep.count(changed)
		}
		for _, t := range ds.CaseTypes {
			_, changed, err := tx.saveCaseType(ctx, who, t)
			if err != nil {
				return err
			}
			rep.count(changed)
		}
		if rep.Changes() == 0 {
			return nil
		}
		sum := sha256.Sum256(raw)
		_, err := tx.exec(ctx, `INSERT INTO dataset_imports (version, checksum, imported_at, changes) VALUES (?,?,?,?)`,
			ds.Version, hex.EncodeToString(sum[:]), millis(tx.now), rep.Changes())
		return err
	})
	return rep, err
}

// syncCooperation creates or updates the record's entries the file lists.
// Entries the file does not list (made by staff, say) are left alone.
func (tx *Tx) syncCooperation(ctx context.Context, who Actor, c *dataset.Cooperation, rep *ImportReport) error {
	if c == nil {
		return nil
	}
	var recs []cooperation.Record
	recs = appendRecords(recs, c.Entities)
	recs = appendRecords(recs, c.Roles)
	recs = appendRecords(recs, c.Partnerships)
	recs = appendRecords(recs, c.Agreements)
	recs = appendRecords(recs, c.Events)
	recs = appendRecords(recs, c.Corridors)
	recs = appendRecords(recs, c.Trade)
	return tx.saveCoops(ctx, who, recs, rep.count)
}

// appendRecords adds records of one type to a list of any records.
func appendRecords[T cooperation.Record](out []cooperation.Record, recs []T) []cooperation.Record {
	for _, r := range recs {
		out = append(out, r)
	}
	return out
}

func (tx *Tx) syncDistrict(ctx context.Context, who Actor, m dataset.Mission, rep *ImportReport) error {
	have, err := findMemberships(ctx, tx, m.ID, 0)
	if err != nil {
		return err
	}
	key := func(ms mission.Membership) string { return ms.Subdivision + "|" + ms.ValidFrom }
	want := map[string]mission.Membership{}
	for _, ms := range m.District {
		want[key(ms)] = ms
	}
	for _, h := range have {
		w, ok := want[key(h)]
		switch {
		case !ok:
			if _, err := tx.exec(ctx, `DELETE FROM memberships WHERE id = ?`, h.ID); err != nil {
				return err
			}
			rep.Deleted++
			if err := tx.audit(ctx, who, "membership.delete", "mission", m.ID, h, nil); err != nil {
				return err
			}
		case w.ValidTo != h.ValidTo || textJSON(w.Note) != textJSON(h.Note):
			if _, err := tx.exec(ctx, `UPDATE memberships SET valid_to = ?, note = ? WHERE id = ?`, w.ValidTo, textJSON(w.Note), h.ID); err != nil {
				return err
			}
			rep.Updated++
			after := h
			after.ValidTo, after.Note = w.ValidTo, w.Note
			if err := tx.audit(ctx, who, "membership.update", "mission", m.ID, h, after); err != nil {
				return err
			}
		default:
			rep.Unchanged++
		}
		delete(want, key(h))
	}
	for _, ms := range m.District {
		if _, ok := want[key(ms)]; !ok {
			continue
		}
		if _, err := tx.addMembership(ctx, who, ms); err != nil {
			return err
		}
		rep.Created++
	}
	return nil
}

func (tx *Tx) syncClaims(ctx context.Context, who Actor, m dataset.Mission, rep *ImportReport) error {
	have, err := findClaims(ctx, tx, m.ID, 0)
	if err != nil {
		return err
	}
	key := func(c mission.Claim) string {
		if c.Citation.SetByMission {
			n, _ := c.Citation.Note.Value()
			return "set_by_mission|" + fmt.Sprint(n)
		}
		return c.Citation.SourceID + "|" + c.Citation.Quote
	}
	want := map[string]mission.Claim{}
	for _, c := range m.Claims {
		want[key(c)] = c
	}
	for _, h := range have {
		h.Citation.Source = nil
		w, ok := want[key(h)]
		if ok && h.Citation.Note.Equal(w.Citation.Note) && h.Citation.Translation.Equal(w.Citation.Translation) && slices.Equal(h.Subdivisions, w.Subdivisions) && sameReadings(h.Readings, w.Readings) {
			rep.Unchanged++
			delete(want, key(h))
			continue
		}
		// A changed claim is replaced, so its audit entry shows before and after.
		if _, err := tx.exec(ctx, `DELETE FROM claims WHERE id = ?`, h.ID); err != nil {
			return err
		}
		rep.Deleted++
		if err := tx.audit(ctx, who, "claim.delete", "mission", m.ID, h, nil); err != nil {
			return err
		}
	}
	for _, c := range m.Claims {
		if _, ok := want[key(c)]; !ok {
			continue
		}
		if _, err := tx.addClaim(ctx, who, c); err != nil {
			return err
		}
		rep.Created++
	}
	return nil
}

func sameReadings(a, b []mission.Reading) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return reflect.DeepEqual(a, b)
}
