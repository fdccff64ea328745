package store

import (
	"context"
	"strconv"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/matchmaking"
)

// Decision is staff's curation of one suggested pair: its status, and who
// set it when.
type Decision struct {
	Pair   matchmaking.Pair
	Status matchmaking.Status
	By     string
	At     time.Time
}

// Decisions returns every decision staff made, by pair. A pair not in the
// map is undecided (matchmaking.Suggested).
func (db *DB) Decisions(ctx context.Context) (map[matchmaking.Pair]Decision, error) {
	rows, err := db.reader().query(ctx, `SELECT a, b, status, decided_by, decided_at FROM match_suggestions`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[matchmaking.Pair]Decision{}
	for rows.Next() {
		var d Decision
		var at int64
		if err := rows.Scan(&d.Pair.A, &d.Pair.B, &d.Status, &d.By, &at); err != nil {
			return nil, err
		}
		d.At = fromMillis(at)
		out[d.Pair] = d
	}
	return out, rows.Err()
}

// Decide changes a suggestion's status from the one the staff member saw
// (from) to another (to), in one transaction with its audit entry: accept
// or dismiss a suggestion, or undo that. Only a pair the rule suggests may
// be accepted or dismissed; the same change twice changes nothing; a
// change from a status another change has replaced is a conflict.
func (db *DB) Decide(ctx context.Context, who Actor, pair matchmaking.Pair, from, to matchmaking.Status) (changed bool, err error) {
	err = db.inTx(ctx, func(tx *Tx) error {
		a, b, err := tx.pairProfiles(ctx, pair)
		if err != nil {
			return err
		}
		now := matchmaking.Suggested
		var by string
		var at int64
		err = tx.queryRow(ctx, `SELECT status, decided_by, decided_at FROM match_suggestions WHERE a = ? AND b = ?`, pair.A, pair.B).Scan(&now, &by, &at)
		if err != nil && !isNoRows(err) {
			return err
		}
		if changed, err = matchmaking.Decide(now, from, to); err != nil || !changed {
			if chancery.ErrorCode(err) == chancery.ECONFLICT {
				err = chancery.Errorf(chancery.ECONFLICT, "error.match_status_conflict", "Status", string(now), "By", by,
					"At", fromMillis(at).Format("2006-01-02 15:04 UTC"))
			}
			return err
		}
		if _, ok := matchmaking.Explain(a, b); !ok && to != matchmaking.Suggested {
			return chancery.Errorf(chancery.EINVALID, "error.match_not_suggested")
		}
		if _, err := tx.exec(ctx, `INSERT INTO match_suggestions (a, b, status, decided_by, decided_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (a, b) DO UPDATE SET status = excluded.status, decided_by = excluded.decided_by, decided_at = excluded.decided_at`,
			pair.A, pair.B, string(to), who.Name, millis(tx.now)); err != nil {
			return err
		}
		action := "match.suggestion." + string(to)
		if to == matchmaking.Suggested {
			action = "match.suggestion.undo"
		}
		return tx.audit(ctx, who, action, "match_pair", pair.A+"/"+pair.B, map[string]any{"status": now}, map[string]any{"status": to})
	})
	return changed && err == nil, err
}

// pairProfiles reads the two profiles of a pair, which must both exist.
func (tx *Tx) pairProfiles(ctx context.Context, pair matchmaking.Pair) (a, b matchmaking.Profile, err error) {
	if pair != matchmaking.PairOf(pair.A, pair.B) || pair.A == pair.B {
		return a, b, chancery.Errorf(chancery.EINVALID, "error.match_pair")
	}
	if a, err = findProfile(ctx, tx, pair.A); err != nil {
		return a, b, err
	}
	b, err = findProfile(ctx, tx, pair.B)
	return a, b, err
}

// Introductions lists the introductions staff recorded, latest first.
func (db *DB) Introductions(ctx context.Context) ([]matchmaking.Introduction, error) {
	rows, err := db.reader().query(ctx, `SELECT id, a, b, day, note, outcome FROM match_introductions ORDER BY day DESC, id DESC`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []matchmaking.Introduction
	for rows.Next() {
		var in matchmaking.Introduction
		if err := rows.Scan(&in.ID, &in.Pair.A, &in.Pair.B, &in.Date, &in.Note, &in.Outcome); err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return out, rows.Err()
}

// Introduce records that staff introduced two organisations, of different
// countries and both with a profile, on a day. Recording the same
// introduction again returns the first (created false); another note for
// the same pair and day is a conflict.
func (db *DB) Introduce(ctx context.Context, who Actor, in matchmaking.Introduction) (out matchmaking.Introduction, created bool, err error) {
	if in.Outcome == "" {
		in.Outcome = matchmaking.Pending
	}
	if err := in.Check(); err != nil {
		return in, false, err
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		a, b, err := tx.pairProfiles(ctx, in.Pair)
		if err != nil {
			return err
		}
		if a.Country == b.Country {
			return chancery.Errorf(chancery.EINVALID, "error.match_same_country")
		}
		var have matchmaking.Introduction
		err = tx.queryRow(ctx, `SELECT id, a, b, day, note, outcome FROM match_introductions WHERE a = ? AND b = ? AND day = ?`,
			in.Pair.A, in.Pair.B, in.Date).Scan(&have.ID, &have.Pair.A, &have.Pair.B, &have.Date, &have.Note, &have.Outcome)
		switch {
		case err == nil && have.Note == in.Note && have.Outcome == in.Outcome:
			out = have
			return nil
		case err == nil:
			return chancery.Errorf(chancery.ECONFLICT, "error.match_intro_exists", "Date", in.Date)
		case !isNoRows(err):
			return err
		}
		if err := tx.queryRow(ctx, `INSERT INTO match_introductions (a, b, day, note, outcome, created_by, created_at, updated_by, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, in.Pair.A, in.Pair.B, in.Date, in.Note, string(in.Outcome),
			who.Name, millis(tx.now), who.Name, millis(tx.now)).Scan(&in.ID); err != nil {
			return err
		}
		out, created = in, true
		return tx.audit(ctx, who, "match.introduction.create", "match_introduction", strconv.FormatInt(in.ID, 10), nil, in)
	})
	return out, created, err
}

// SetOutcome records what came of an introduction, changing it from the
// outcome the staff member saw (from). The same outcome again changes
// nothing; a change from an outcome another change has replaced is a
// conflict.
func (db *DB) SetOutcome(ctx context.Context, who Actor, id int64, from, to matchmaking.Outcome) (changed bool, err error) {
	if !to.Valid() || !from.Valid() {
		return false, chancery.Errorf(chancery.EINVALID, "error.match_outcome", "Value", string(to))
	}
	err = db.inTx(ctx, func(tx *Tx) error {
		var in matchmaking.Introduction
		var by string
		err := tx.queryRow(ctx, `SELECT id, a, b, day, note, outcome, updated_by FROM match_introductions WHERE id = ?`, id).
			Scan(&in.ID, &in.Pair.A, &in.Pair.B, &in.Date, &in.Note, &in.Outcome, &by)
		switch {
		case isNoRows(err):
			return chancery.Errorf(chancery.ENOTFOUND, "error.match_no_intro")
		case err != nil:
			return err
		case in.Outcome == to:
			return nil
		case in.Outcome != from:
			return chancery.Errorf(chancery.ECONFLICT, "error.match_outcome_conflict", "Outcome", string(in.Outcome), "By", by)
		}
		if _, err := tx.exec(ctx, `UPDATE match_introductions SET outcome = ?, updated_by = ?, updated_at = ? WHERE id = ?`,
			string(to), who.Name, millis(tx.now), id); err != nil {
			return err
		}
		changed = true
		after := in
		after.Outcome = to
		return tx.audit(ctx, who, "match.introduction.outcome", "match_introduction", strconv.FormatInt(id, 10), in, after)
	})
	return changed, err
}
