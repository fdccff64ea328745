package store

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/matchmaking"
	"github.com/chancery-platform/chancery/mission"
)

// Sides of a profile's sectors, as match_sectors stores them.
const (
	sideOffer = "offer"
	sideSeek  = "seek"
)

// SaveProfile creates or replaces an organisation's profile in its own
// transaction. The profile must belong to an organisation or place of the
// record of its country; saving a profile as it is changes nothing.
func (db *DB) SaveProfile(ctx context.Context, who Actor, p matchmaking.Profile) (changed bool, err error) {
	return db.EditProfile(ctx, who, p, -1)
}

// EditProfile saves a profile as SaveProfile does, from the version of it
// the editor saw (ProfileVersion; 0 when there was none; -1 not to check).
// Saving what is stored already changes nothing; saving over a version
// another change has replaced is a conflict that says who made it.
func (db *DB) EditProfile(ctx context.Context, who Actor, p matchmaking.Profile, seen int64) (changed bool, err error) {
	err = db.inTx(ctx, func(tx *Tx) error {
		c, err := tx.saveProfile(ctx, who, p, seen)
		changed = c != unchanged
		return err
	})
	return changed, err
}

// ProfileVersion is the version of an organisation's profile: when it
// was last saved, in Unix milliseconds; 0 when it has none.
func (db *DB) ProfileVersion(ctx context.Context, entityID string) (int64, error) {
	var v int64
	err := db.reader().queryRow(ctx, `SELECT updated_at FROM match_profiles WHERE entity_id = ?`, entityID).Scan(&v)
	if isNoRows(err) {
		return 0, nil
	}
	return v, err
}

// saveProfile writes one profile and its sectors, and audits the change;
// seen is the version the editor saw, or -1 not to check it.
func (tx *Tx) saveProfile(ctx context.Context, who Actor, p matchmaking.Profile, seen int64) (change, error) {
	if err := p.Check(); err != nil {
		return unchanged, err
	}
	var doc string
	err := tx.queryRow(ctx, `SELECT doc FROM coop_records WHERE kind = ? AND id = ?`, cooperation.KindEntity, p.EntityID).Scan(&doc)
	if isNoRows(err) {
		return unchanged, chancery.Errorf(chancery.EINVALID, "error.match_unknown_entity", "ID", p.EntityID)
	} else if err != nil {
		return unchanged, err
	}
	var e cooperation.Entity
	if err := json.Unmarshal([]byte(doc), &e); err != nil {
		return unchanged, err
	}
	if err := p.Entity(e); err != nil {
		return unchanged, err
	}
	before, err := findProfile(ctx, tx, p.EntityID)
	found := err == nil
	if err != nil && chancery.ErrorCode(err) != chancery.ENOTFOUND {
		return unchanged, err
	}
	if found && sameProfile(before, p) {
		return unchanged, nil
	}
	if seen >= 0 {
		var version int64
		var by string
		err := tx.queryRow(ctx, `SELECT updated_at, updated_by FROM match_profiles WHERE entity_id = ?`, p.EntityID).Scan(&version, &by)
		if err != nil && !isNoRows(err) {
			return unchanged, err
		}
		if version != seen {
			return unchanged, chancery.Errorf(chancery.ECONFLICT, "error.match_profile_conflict", "By", by,
				"At", fromMillis(version).Format("2006-01-02 15:04 UTC"))
		}
	}
	detail, _ := json.Marshal(nonNilText(p.Detail))
	cites, _ := json.Marshal(nonNilCitations(p.Citations))
	c := created
	if found {
		c = updated
		if _, err := tx.exec(ctx, `UPDATE match_profiles SET country = ?, detail = ?, citations = ?, updated_by = ?, updated_at = ? WHERE entity_id = ?`,
			p.Country, string(detail), string(cites), who.Name, millis(tx.now), p.EntityID); err != nil {
			return unchanged, err
		}
		if _, err := tx.exec(ctx, `DELETE FROM match_sectors WHERE entity_id = ?`, p.EntityID); err != nil {
			return unchanged, err
		}
	} else if _, err := tx.exec(ctx, `INSERT INTO match_profiles (entity_id, country, detail, citations, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
		p.EntityID, p.Country, string(detail), string(cites), who.Name, millis(tx.now)); err != nil {
		return unchanged, err
	}
	for side, set := range map[string]matchmaking.Set{sideOffer: p.Offers, sideSeek: p.Seeks} {
		for _, s := range set.Sections() {
			if _, err := tx.exec(ctx, `INSERT INTO match_sectors (entity_id, side, section) VALUES (?, ?, ?)`, p.EntityID, side, int(s)); err != nil {
				return unchanged, err
			}
		}
	}
	var old any
	action := "match.profile.create"
	if found {
		old, action = before, "match.profile.update"
	}
	return c, tx.audit(ctx, who, action, "match_profile", p.EntityID, old, p)
}

func sameProfile(a, b matchmaking.Profile) bool {
	return a.Country == b.Country && a.Offers == b.Offers && a.Seeks == b.Seeks &&
		reflect.DeepEqual(nonNilText(a.Detail), nonNilText(b.Detail)) &&
		reflect.DeepEqual(nonNilCitations(a.Citations), nonNilCitations(b.Citations))
}

func nonNilText(t mission.Text) mission.Text {
	out := mission.Text{}
	for k, v := range t {
		if v != "" {
			out[k] = v
		}
	}
	return out
}

func nonNilCitations(cs []mission.Citation) []mission.Citation {
	out := make([]mission.Citation, 0, len(cs))
	for _, c := range cs {
		c.Source = nil
		out = append(out, c)
	}
	return out
}

// cachedProfiles are the profiles as read at a data revision.
type cachedProfiles struct {
	rev      int64
	profiles []matchmaking.Profile
}

// MatchProfiles lists every profile, ordered by entity. Every change of a
// profile is audited and so raises the data revision: the profiles are
// read again only after one. The caller must not change the profiles.
func (db *DB) MatchProfiles(ctx context.Context) ([]matchmaking.Profile, error) {
	rev, err := db.Revision(ctx)
	if err != nil {
		return nil, err
	}
	if c := db.profiles.Load(); c != nil && c.rev == rev {
		return slices.Clip(c.profiles), nil
	}
	ps, err := findProfiles(ctx, db.reader(), "")
	if err != nil {
		return nil, err
	}
	db.profiles.Store(&cachedProfiles{rev: rev, profiles: ps})
	return slices.Clip(ps), nil
}

// CoopEntities reads the entities of the record with the given ids, by id;
// ids not in the record are left out.
func (db *DB) CoopEntities(ctx context.Context, ids []string) (map[string]cooperation.Entity, error) {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	out := make(map[string]cooperation.Entity, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	inIDs, idsArg, err := db.oneOf("id", ids)
	if err != nil {
		return nil, err
	}
	// One statement whatever the number of ids, planned as an index lookup.
	rows, err := db.reader().query(ctx, `SELECT kind, id, date, doc FROM coop_records WHERE kind = ? AND `+inIDs,
		cooperation.KindEntity, idsArg)
	if err != nil {
		return nil, err
	}
	recs, err := scanCoop(rows)
	if err != nil {
		return nil, err
	}
	for _, rec := range recs {
		var e cooperation.Entity
		if err := rec.Decode(&e); err != nil {
			return nil, err
		}
		out[e.ID] = e
	}
	return out, nil
}

// MatchProfile returns one organisation's profile.
func (db *DB) MatchProfile(ctx context.Context, entityID string) (matchmaking.Profile, error) {
	return findProfile(ctx, db.reader(), entityID)
}

func findProfile(ctx context.Context, q queryer, entityID string) (matchmaking.Profile, error) {
	ps, err := findProfiles(ctx, q, entityID)
	if err != nil {
		return matchmaking.Profile{}, err
	}
	if len(ps) == 0 {
		return matchmaking.Profile{}, chancery.Errorf(chancery.ENOTFOUND, "error.match_no_profile", "ID", entityID)
	}
	return ps[0], nil
}

// findProfiles reads the profiles, or only one organisation's when
// entityID is set: the profiles, then their sectors in the same order.
func findProfiles(ctx context.Context, q queryer, entityID string) ([]matchmaking.Profile, error) {
	cond, args := "", []any{}
	if entityID != "" {
		cond, args = ` WHERE entity_id = ?`, []any{entityID}
	}
	rows, err := q.query(ctx, `SELECT entity_id, country, detail, citations FROM match_profiles`+cond+` ORDER BY entity_id`, args...)
	if err != nil {
		return nil, err
	}
	var out []matchmaking.Profile
	at := map[string]int{}
	for rows.Next() {
		var p matchmaking.Profile
		var detail, cites string
		if err := rows.Scan(&p.EntityID, &p.Country, &detail, &cites); err != nil {
			rows.Close()
			return nil, err
		}
		if err := json.Unmarshal([]byte(detail), &p.Detail); err != nil {
			rows.Close()
			return nil, err
		}
		if err := json.Unmarshal([]byte(cites), &p.Citations); err != nil {
			rows.Close()
			return nil, err
		}
		at[p.EntityID] = len(out)
		out = append(out, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = q.query(ctx, `SELECT entity_id, side, section FROM match_sectors`+cond, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id, side string
		var s int
		if err := rows.Scan(&id, &side, &s); err != nil {
			return nil, err
		}
		i, ok := at[id]
		if !ok {
			continue // a profile saved between the two reads
		}
		if side == sideOffer {
			out[i].Offers = out[i].Offers.With(matchmaking.Section(s))
		} else {
			out[i].Seeks = out[i].Seeks.With(matchmaking.Section(s))
		}
	}
	return out, rows.Err()
}
