package store

import (
	"context"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/mission"
)

// Memberships returns the district memberships of one mission, or of all
// missions when missionID is "".
func (db *DB) Memberships(ctx context.Context, missionID string) ([]mission.Membership, error) {
	return findMemberships(ctx, db.reader(), missionID, 0)
}

func findMemberships(ctx context.Context, q queryer, missionID string, id int64) ([]mission.Membership, error) {
	query := `SELECT id, mission_id, subdivision, valid_from, valid_to, note FROM memberships WHERE 1=1`
	var args []any
	if missionID != "" {
		query += ` AND mission_id = ?`
		args = append(args, missionID)
	}
	if id != 0 {
		query += ` AND id = ?`
		args = append(args, id)
	}
	rows, err := q.query(ctx, query+` ORDER BY mission_id, subdivision, valid_from`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []mission.Membership
	for rows.Next() {
		var m mission.Membership
		var note string
		if err := rows.Scan(&m.ID, &m.MissionID, &m.Subdivision, &m.ValidFrom, &m.ValidTo, &note); err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(note), &m.Note); err != nil {
			return nil, err
		}
		if len(m.Note) == 0 {
			m.Note = nil
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// AddMembership adds a subdivision to a mission's district and audits it.
// The unique constraint on (mission, subdivision, valid_from) refuses a duplicate.
func (db *DB) AddMembership(ctx context.Context, who Actor, ms mission.Membership) (mission.Membership, error) {
	err := db.inTx(ctx, func(tx *Tx) error {
		var err error
		ms, err = tx.addMembership(ctx, who, ms)
		return err
	})
	return ms, err
}

func (tx *Tx) addMembership(ctx context.Context, who Actor, ms mission.Membership) (mission.Membership, error) {
	if err := ms.Validate(); err != nil {
		return ms, err
	}
	if err := tx.requireMission(ctx, ms.MissionID); err != nil {
		return ms, err
	}
	existing, err := findMemberships(ctx, tx, ms.MissionID, 0)
	if err != nil {
		return ms, err
	}
	for _, e := range existing {
		if e.Subdivision == ms.Subdivision && overlaps(e, ms) {
			return ms, chancery.Errorf(chancery.ECONFLICT, "error.membership_overlaps", "Subdivision", ms.Subdivision)
		}
	}
	err = tx.queryRow(ctx, `INSERT INTO memberships (mission_id, subdivision, valid_from, valid_to, note) VALUES (?,?,?,?,?) RETURNING id`,
		ms.MissionID, ms.Subdivision, ms.ValidFrom, ms.ValidTo, textJSON(ms.Note)).Scan(&ms.ID)
	if err != nil {
		return ms, err
	}
	return ms, tx.audit(ctx, who, "membership.create", "mission", ms.MissionID, nil, ms)
}

func overlaps(a, b mission.Membership) bool {
	aEnd, bEnd := a.ValidTo, b.ValidTo
	if aEnd == "" {
		aEnd = "9999-12-31"
	}
	if bEnd == "" {
		bEnd = "9999-12-31"
	}
	return a.ValidFrom <= bEnd && b.ValidFrom <= aEnd
}

// EndMembership closes a membership on validTo (inclusive), or reopens it
// when validTo is "", and audits the change.
func (db *DB) EndMembership(ctx context.Context, who Actor, id int64, validTo string) (mission.Membership, error) {
	var ms mission.Membership
	err := db.inTx(ctx, func(tx *Tx) error {
		old, err := findMemberships(ctx, tx, "", id)
		if err != nil {
			return err
		}
		if len(old) == 0 {
			return chancery.Errorf(chancery.ENOTFOUND, "error.membership_not_found")
		}
		ms = old[0]
		ms.ValidTo = validTo
		if err := ms.Validate(); err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE memberships SET valid_to = ? WHERE id = ?`, validTo, id); err != nil {
			return err
		}
		return tx.audit(ctx, who, "membership.update", "mission", ms.MissionID, old[0], ms)
	})
	return ms, err
}

// DeleteMembership removes a membership entered in error, and audits it.
func (db *DB) DeleteMembership(ctx context.Context, who Actor, id int64) error {
	return db.inTx(ctx, func(tx *Tx) error {
		old, err := findMemberships(ctx, tx, "", id)
		if err != nil {
			return err
		}
		if len(old) == 0 {
			return chancery.Errorf(chancery.ENOTFOUND, "error.membership_not_found")
		}
		if _, err := tx.exec(ctx, `DELETE FROM memberships WHERE id = ?`, id); err != nil {
			return err
		}
		return tx.audit(ctx, who, "membership.delete", "mission", old[0].MissionID, old[0], nil)
	})
}

// Claims returns what the sources say of one mission's district, or of every
// mission's when missionID is "", each with its source.
func (db *DB) Claims(ctx context.Context, missionID string) ([]mission.Claim, error) {
	return findClaims(ctx, db.reader(), missionID, 0)
}

func findClaims(ctx context.Context, q queryer, missionID string, id int64) ([]mission.Claim, error) {
	query := `SELECT c.id, c.mission_id, c.kind, c.quote, c.translation, c.note, c.subdivisions, c.readings, ` + sourceColumnsAs("s") +
		` FROM claims c LEFT JOIN sources s ON s.id = c.source_id WHERE 1=1`
	var args []any
	if missionID != "" {
		query += ` AND c.mission_id = ?`
		args = append(args, missionID)
	}
	if id != 0 {
		query += ` AND c.id = ?`
		args = append(args, id)
	}
	rows, err := q.query(ctx, query+` ORDER BY c.mission_id, COALESCE(s.published, ''), c.id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []mission.Claim
	for rows.Next() {
		var c mission.Claim
		var s mission.Source
		var kind, subs, readings string
		if err := rows.Scan(append([]any{&c.ID, &c.MissionID, &kind, &c.Citation.Quote, &c.Citation.Translation, &c.Citation.Note, &subs, &readings},
			sourceFields(&s)...)...); err != nil {
			return nil, err
		}
		c.Citation.SetByMission = kind == mission.SetByMission
		if subs != "" {
			c.Subdivisions = strings.Split(subs, ",")
		}
		if err := json.Unmarshal([]byte(readings), &c.Readings); err != nil {
			return nil, err
		}
		if !c.Citation.SetByMission {
			c.Citation.SourceID, c.Citation.Source = s.ID, &s
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// AddClaim records what a source says of a mission's district, and audits it.
func (db *DB) AddClaim(ctx context.Context, who Actor, c mission.Claim) (mission.Claim, error) {
	err := db.inTx(ctx, func(tx *Tx) error {
		var err error
		c, err = tx.addClaim(ctx, who, c)
		return err
	})
	return c, err
}

func (tx *Tx) addClaim(ctx context.Context, who Actor, c mission.Claim) (mission.Claim, error) {
	if err := c.Validate(); err != nil {
		return c, err
	}
	if err := tx.requireMission(ctx, c.MissionID); err != nil {
		return c, err
	}
	if !c.Citation.SetByMission {
		if err := tx.requireSource(ctx, c.Citation.SourceID); err != nil {
			return c, err
		}
	}
	readings, _ := json.Marshal(c.Readings)
	if c.Readings == nil {
		readings = []byte("[]")
	}
	err := tx.queryRow(ctx, `INSERT INTO claims (mission_id, source_id, kind, quote, translation, note, subdivisions, readings)
		VALUES (?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING RETURNING id`,
		c.MissionID, nullSource(c.Citation), c.Citation.Kind(), c.Citation.Quote, c.Citation.Translation, c.Citation.Note,
		strings.Join(c.Subdivisions, ","), string(readings)).Scan(&c.ID)
	if err != nil {
		if isNoRows(err) {
			return c, chancery.Errorf(chancery.ECONFLICT, "error.claim_duplicate")
		}
		return c, err
	}
	c.Citation.Source = nil
	return c, tx.audit(ctx, who, "claim.create", "mission", c.MissionID, nil, c)
}

// DeleteClaim removes a claim entered in error, and audits it.
func (db *DB) DeleteClaim(ctx context.Context, who Actor, id int64) error {
	return db.inTx(ctx, func(tx *Tx) error {
		old, err := findClaims(ctx, tx, "", id)
		if err != nil {
			return err
		}
		if len(old) == 0 {
			return chancery.Errorf(chancery.ENOTFOUND, "error.claim_not_found", "ID", strconv.FormatInt(id, 10))
		}
		if _, err := tx.exec(ctx, `DELETE FROM claims WHERE id = ?`, id); err != nil {
			return err
		}
		old[0].Citation.Source = nil
		return tx.audit(ctx, who, "claim.delete", "mission", old[0].MissionID, old[0], nil)
	})
}

func (tx *Tx) requireMission(ctx context.Context, id string) error {
	var one int
	err := tx.queryRow(ctx, `SELECT 1 FROM missions WHERE id = ?`, id).Scan(&one)
	if isNoRows(err) {
		return chancery.Errorf(chancery.ENOTFOUND, "error.mission_not_found", "ID", id)
	}
	return err
}
