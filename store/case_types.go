package store

import (
	"bytes"
	"context"
	"encoding/json"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/mission"
)

// A case type is kept in versions (casework.CaseType.Version): saving a
// change adds the next version, written only if no other save took that
// number first (the primary key), and never rewrites one, so a case
// started under a version keeps it.

// CaseTypes are the latest versions of a mission's case types, retired
// ones included, in the order they were first saved (a new one last).
func (db *DB) CaseTypes(ctx context.Context, missionID string) ([]casework.CaseType, error) {
	rows, err := db.reader().query(ctx, `SELECT c.body, c.version FROM case_types c
		JOIN (SELECT id, MAX(version) AS latest FROM case_types WHERE mission_id = ? GROUP BY id) l
		  ON c.id = l.id AND c.version = l.latest
		WHERE c.mission_id = ? ORDER BY c.position, c.id`, missionID, missionID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []casework.CaseType
	for rows.Next() {
		var body string
		var version int
		if err := rows.Scan(&body, &version); err != nil {
			return nil, err
		}
		t, err := decodeCaseType(body, version)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// MissionCaseTypes is the mission id with its case types (CaseTypes);
// ENOTFOUND when there is no such mission.
func (db *DB) MissionCaseTypes(ctx context.Context, id string) (mission.Mission, []casework.CaseType, error) {
	m, err := db.Mission(ctx, id)
	if err != nil {
		return m, nil, err
	}
	types, err := db.CaseTypes(ctx, m.ID)
	return m, types, err
}

// CaseType is one version of a mission's case type; version 0 is the
// latest. ENOTFOUND when there is none.
func (db *DB) CaseType(ctx context.Context, missionID, id string, version int) (casework.CaseType, error) {
	return findCaseType(ctx, db.reader(), missionID, id, version)
}

func findCaseType(ctx context.Context, q queryer, missionID, id string, version int) (casework.CaseType, error) {
	var body string
	var v int
	err := q.queryRow(ctx, `SELECT body, version FROM case_types WHERE mission_id = ? AND id = ?
		AND (version = ? OR (? = 0 AND version = (SELECT MAX(version) FROM case_types WHERE mission_id = ? AND id = ?)))`,
		missionID, id, version, version, missionID, id).Scan(&body, &v)
	if isNoRows(err) {
		return casework.CaseType{}, chancery.Errorf(chancery.ENOTFOUND, "error.casetype_not_found", "ID", chancery.Echo(id))
	}
	if err != nil {
		return casework.CaseType{}, err
	}
	return decodeCaseType(body, v)
}

func decodeCaseType(body string, version int) (casework.CaseType, error) {
	var t casework.CaseType
	if err := json.Unmarshal([]byte(body), &t); err != nil {
		return casework.CaseType{}, err
	}
	t.Version = version
	return t, nil
}

// SaveCaseType keeps t as the next version of its case type, checked
// whole first (casework.CaseType.Validate: every fault at once) and
// audited; saving what the latest version already says changes nothing.
// A save that meets another's new version is ECONFLICT: the editor
// reloads and sees it. It returns the version that holds t.
func (db *DB) SaveCaseType(ctx context.Context, who Actor, t casework.CaseType) (version int, err error) {
	err = db.inTx(ctx, func(tx *Tx) (err error) {
		version, _, err = tx.saveCaseType(ctx, who, t)
		return err
	})
	return version, err
}

// SaveCaseTypeOver is SaveCaseType for an editor who started from version
// base of the case type (0: a new one): ECONFLICT, in the same transaction
// as the save, when the latest version is another.
func (db *DB) SaveCaseTypeOver(ctx context.Context, who Actor, t casework.CaseType, base int) (version int, err error) {
	err = db.inTx(ctx, func(tx *Tx) (err error) {
		latest := 0
		if cur, err := findCaseType(ctx, tx, t.Mission, t.ID, 0); err == nil {
			latest = cur.Version
		} else if chancery.ErrorCode(err) != chancery.ENOTFOUND {
			return err
		}
		if latest != base {
			return chancery.Errorf(chancery.ECONFLICT, "error.casetype_changed", "ID", t.ID)
		}
		version, _, err = tx.saveCaseType(ctx, who, t)
		return err
	})
	return version, err
}

func (tx *Tx) saveCaseType(ctx context.Context, who Actor, t casework.CaseType) (int, change, error) {
	if err := t.Validate(); err != nil {
		return 0, unchanged, err
	}
	if err := tx.requireMission(ctx, t.Mission); err != nil {
		return 0, unchanged, err
	}
	before, err := findCaseType(ctx, tx, t.Mission, t.ID, 0)
	exists := err == nil
	if err != nil && chancery.ErrorCode(err) != chancery.ENOTFOUND {
		return 0, unchanged, err
	}
	t.Version = 0 // the row's column holds it, not the body
	body, err := json.Marshal(t)
	if err != nil {
		return 0, unchanged, err
	}
	next := 1
	if exists {
		old := before
		old.Version = 0
		was, _ := json.Marshal(old)
		if bytes.Equal(was, body) {
			return before.Version, unchanged, nil
		}
		next = before.Version + 1
	}
	if _, err := tx.exec(ctx, `INSERT INTO case_types (mission_id, id, version, body, position, created_at)
		VALUES (?, ?, ?, ?, COALESCE((SELECT MAX(position) FROM case_types WHERE mission_id = ? AND id = ?),
			(SELECT MAX(position) + 1 FROM case_types WHERE mission_id = ?), 1), ?)`,
		t.Mission, t.ID, next, string(body), t.Mission, t.ID, t.Mission, millis(tx.now)); err != nil {
		if isUniqueViolation(err) {
			return 0, unchanged, chancery.Errorf(chancery.ECONFLICT, "error.casetype_changed", "ID", t.ID)
		}
		return 0, unchanged, err
	}
	var prior any
	if exists {
		prior = before
	}
	t.Version = next
	if err := tx.audit(ctx, who, "casetype.save", "case_type", t.Mission+"/"+t.ID, prior, t); err != nil {
		return 0, unchanged, err
	}
	if exists {
		return next, updated, nil
	}
	return next, created, nil
}
