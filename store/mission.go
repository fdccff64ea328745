package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"reflect"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/mission"
)

const missionColumns = `id, country, host, kind, name, city, time_zone, address, phone, email, website, hours,
	opened_on, head_name, head_title, head_since, head_as_of, district_known, notes, updated_at,
	head_until, head_source, former_heads, directions, emergency`

type scanner interface{ Scan(dest ...any) error }

func scanMission(s scanner) (mission.Mission, error) {
	var m mission.Mission
	var name, city, address, hours, headName, headTitle, notes, former, directions, emergency string
	var updated int64
	err := s.Scan(&m.ID, &m.Country, &m.Host, &m.Kind, &name, &city, &m.TimeZone, &address, &m.Phone, &m.Email,
		&m.Website, &hours, &m.OpenedOn, &headName, &headTitle, &m.Head.Since, &m.Head.AsOf, &m.DistrictKnown, &notes, &updated,
		&m.Head.Until, &m.Head.Source, &former, &directions, &emergency)
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal([]byte(former), &m.FormerHeads); err != nil {
		return m, err
	}
	for _, f := range []struct {
		raw string
		t   *mission.Text
	}{{name, &m.Name}, {city, &m.City}, {address, &m.Address}, {hours, &m.Hours}, {headName, &m.Head.Name},
		{headTitle, &m.Head.Title}, {notes, &m.Notes}, {directions, &m.Directions}, {emergency, &m.Emergency}} {
		if err := json.Unmarshal([]byte(f.raw), f.t); err != nil {
			return m, err
		}
	}
	m.UpdatedAt = fromMillis(updated)
	return m, nil
}

// headsJSON is the former heads as stored: a JSON array, never null.
func headsJSON(hs []mission.Head) string {
	if len(hs) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(hs)
	return string(b)
}

func textJSON(t mission.Text) string {
	if t == nil {
		return "{}"
	}
	b, _ := json.Marshal(t)
	return string(b)
}

// Missions returns every mission, ordered by country and precedence, with
// the citations of their facts.
func (db *DB) Missions(ctx context.Context) ([]mission.Mission, error) {
	return findMissions(ctx, db.reader(), "")
}

// Mission returns one mission, or ENOTFOUND.
func (db *DB) Mission(ctx context.Context, id string) (mission.Mission, error) {
	ms, err := findMissions(ctx, db.reader(), id)
	if err != nil {
		return mission.Mission{}, err
	}
	if len(ms) == 0 {
		return mission.Mission{}, chancery.Errorf(chancery.ENOTFOUND, "error.mission_not_found", "ID", id)
	}
	return ms[0], nil
}

func findMissions(ctx context.Context, q queryer, id string) ([]mission.Mission, error) {
	query := `SELECT ` + missionColumns + ` FROM missions`
	var args []any
	if id != "" {
		query += ` WHERE id = ?`
		args = append(args, id)
	}
	query += ` ORDER BY country, CASE kind WHEN 'embassy' THEN 0 WHEN 'consulate_general' THEN 1 WHEN 'consulate' THEN 2 ELSE 3 END, opened_on, id`
	rows, err := q.query(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	var out []mission.Mission
	for rows.Next() {
		m, err := scanMission(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	cites, err := missionCitations(ctx, q, id)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Citations = cites[out[i].ID]
	}
	return out, nil
}

func missionCitations(ctx context.Context, q queryer, id string) (map[string][]mission.Citation, error) {
	query := `SELECT c.mission_id, c.kind, c.quote, c.translation, c.note, ` + sourceColumnsAs("s") + ` FROM mission_citations c LEFT JOIN sources s ON s.id = c.source_id`
	var args []any
	if id != "" {
		query += ` WHERE c.mission_id = ?`
		args = append(args, id)
	}
	rows, err := q.query(ctx, query+` ORDER BY c.mission_id, c.position`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]mission.Citation{}
	for rows.Next() {
		var missionID, kind string
		var c mission.Citation
		var s mission.Source
		if err := rows.Scan(append([]any{&missionID, &kind, &c.Quote, &c.Translation, &c.Note}, sourceFields(&s)...)...); err != nil {
			return nil, err
		}
		c.SetByMission = kind == mission.SetByMission
		if !c.SetByMission {
			c.SourceID, c.Source = s.ID, &s
		}
		out[missionID] = append(out[missionID], c)
	}
	return out, rows.Err()
}

// SaveMission creates or updates a mission and its citations, and audits the
// change. It reports whether anything changed.
func (db *DB) SaveMission(ctx context.Context, who Actor, m mission.Mission) (changed bool, err error) {
	err = db.inTx(ctx, func(tx *Tx) error {
		c, err := tx.saveMission(ctx, who, m)
		changed = c != unchanged
		return err
	})
	return changed, err
}

// change says what a save did.
type change int

const (
	unchanged change = iota
	created
	updated
)

// comparable strips what the store sets itself, so that a save of equal
// content is recognised as no change.
func comparableMission(m mission.Mission) mission.Mission {
	m.UpdatedAt = time.Time{}
	cites := make([]mission.Citation, len(m.Citations))
	for i, c := range m.Citations {
		cites[i] = mission.Citation{SourceID: c.SourceID, Quote: c.Quote, Translation: c.Translation, SetByMission: c.SetByMission, Note: c.Note}
		for _, t := range []*mission.Text{&cites[i].Translation, &cites[i].Note} {
			if t.Empty() {
				*t = nil
			}
		}
	}
	m.Citations = cites
	for _, t := range []*mission.Text{&m.Name, &m.City, &m.Address, &m.Hours, &m.Head.Name, &m.Head.Title, &m.Notes, &m.Directions, &m.Emergency} {
		if len(*t) == 0 {
			*t = nil
		}
	}
	if len(m.FormerHeads) == 0 {
		m.FormerHeads = nil
	} else {
		// Round-trip through the stored form, so empty texts compare equal.
		var hs []mission.Head
		_ = json.Unmarshal([]byte(headsJSON(m.FormerHeads)), &hs)
		m.FormerHeads = hs
	}
	return m
}

func (tx *Tx) saveMission(ctx context.Context, who Actor, m mission.Mission) (change, error) {
	if err := m.Validate(); err != nil {
		return unchanged, err
	}
	old, err := findMissions(ctx, tx, m.ID)
	if err != nil {
		return unchanged, err
	}
	m.UpdatedAt = tx.now
	action := "mission.create"
	if len(old) == 1 {
		if reflect.DeepEqual(comparableMission(old[0]), comparableMission(m)) {
			return unchanged, nil
		}
		m.UpdatedAt = tx.now
		action = "mission.update"
		_, err = tx.exec(ctx, `UPDATE missions SET country=?, host=?, kind=?, name=?, city=?, time_zone=?, address=?, phone=?,
			email=?, website=?, hours=?, opened_on=?, head_name=?, head_title=?, head_since=?, head_as_of=?, district_known=?, notes=?, updated_at=?,
			head_until=?, head_source=?, former_heads=?, directions=?, emergency=?
			WHERE id=?`, m.Country, m.Host, string(m.Kind), textJSON(m.Name), textJSON(m.City), m.TimeZone, textJSON(m.Address),
			m.Phone, m.Email, m.Website, textJSON(m.Hours), m.OpenedOn, textJSON(m.Head.Name), textJSON(m.Head.Title),
			m.Head.Since, m.Head.AsOf, m.DistrictKnown, textJSON(m.Notes), millis(m.UpdatedAt),
			m.Head.Until, m.Head.Source, headsJSON(m.FormerHeads), textJSON(m.Directions), textJSON(m.Emergency), m.ID)
	} else {
		_, err = tx.exec(ctx, `INSERT INTO missions (`+missionColumns+`) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			m.ID, m.Country, m.Host, string(m.Kind), textJSON(m.Name), textJSON(m.City), m.TimeZone, textJSON(m.Address),
			m.Phone, m.Email, m.Website, textJSON(m.Hours), m.OpenedOn, textJSON(m.Head.Name), textJSON(m.Head.Title),
			m.Head.Since, m.Head.AsOf, m.DistrictKnown, textJSON(m.Notes), millis(m.UpdatedAt),
			m.Head.Until, m.Head.Source, headsJSON(m.FormerHeads), textJSON(m.Directions), textJSON(m.Emergency))
	}
	if err != nil {
		return unchanged, err
	}
	if _, err := tx.exec(ctx, `DELETE FROM mission_citations WHERE mission_id = ?`, m.ID); err != nil {
		return unchanged, err
	}
	for i, c := range m.Citations {
		if !c.SetByMission {
			if err := tx.requireSource(ctx, c.SourceID); err != nil {
				return unchanged, err
			}
		}
		if _, err := tx.exec(ctx, `INSERT INTO mission_citations (mission_id, position, source_id, kind, quote, translation, note) VALUES (?,?,?,?,?,?,?)`,
			m.ID, i, nullSource(c), c.Kind(), c.Quote, c.Translation, c.Note); err != nil {
			return unchanged, err
		}
	}
	var before any
	result := created
	if len(old) == 1 {
		before, result = comparableMission(old[0]), updated
	}
	return result, tx.audit(ctx, who, action, "mission", m.ID, before, comparableMission(m))
}

// DeleteMission removes a mission with its district and claims.
func (db *DB) DeleteMission(ctx context.Context, who Actor, id string) error {
	return db.inTx(ctx, func(tx *Tx) error {
		old, err := findMissions(ctx, tx, id)
		if err != nil {
			return err
		}
		if len(old) == 0 {
			return chancery.Errorf(chancery.ENOTFOUND, "error.mission_not_found", "ID", id)
		}
		if _, err := tx.exec(ctx, `DELETE FROM missions WHERE id = ?`, id); err != nil {
			return err
		}
		return tx.audit(ctx, who, "mission.delete", "mission", id, comparableMission(old[0]), nil)
	})
}

// nullSource is a citation's source id for a source_id column: NULL for a
// statement set by the mission.
func nullSource(c mission.Citation) any {
	if c.SetByMission {
		return nil
	}
	return c.SourceID
}

func (tx *Tx) requireSource(ctx context.Context, id string) error {
	var one int
	err := tx.queryRow(ctx, `SELECT 1 FROM sources WHERE id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return chancery.Errorf(chancery.EINVALID, "error.source_unknown", "ID", id)
	}
	return err
}
