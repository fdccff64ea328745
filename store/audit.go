package store

import (
	"context"
	"encoding/json"
	"slices"
	"time"

	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/matchmaking"
	"github.com/chancery-platform/chancery/staff"
)

// Actor is who makes a change: a staff member, or a named system process
// such as the dataset importer (UserID 0).
type Actor struct {
	UserID int64
	Name   string
}

// ActorOf returns the actor for a staff member.
func ActorOf(u staff.User) Actor { return Actor{UserID: u.ID, Name: u.Username} }

// AuditEntry is one recorded change: who, when, what before, what after.
type AuditEntry struct {
	ID       int64
	At       time.Time
	Actor    string
	Action   string
	Entity   string
	EntityID string
	Before   string // JSON, "" when the thing did not exist
	After    string // JSON, "" when the thing was removed
}

// auditActions are the actions the store writes to the audit log, besides
// the record's (AuditActions adds those).
var auditActions = []string{
	"airport.create", "airport.delete",
	"application.check", "application.complete", "application.fee", "application.issue", "application.read",
	"application.refusal_propose", "application.refuse", "application.release", "application.request", "application.take",
	"application.takeover",
	"booking.attendance", "booking.attendance_undo", "booking.resend",
	"case.destroy", "case.hold", "case.hold_lift",
	"casefile.download", "casefile.review",
	"casetype.save",
	"claim.create", "claim.delete",
	"closure.create", "closure.delete",
	"document.download", "document.revoke",
	"event_registration.create", "event_registration.update",
	"fee.create", "fee.delete",
	"match.introduction.create", "match.introduction.outcome",
	"match.profile.create", "match.profile.update",
	"match.suggestion." + string(matchmaking.Accepted), "match.suggestion." + string(matchmaking.Dismissed), "match.suggestion.undo",
	"membership.create", "membership.delete", "membership.update",
	"mission.create", "mission.delete", "mission.update",
	"observed_calendars.update", "office_hours.update",
	"registration.check_in", "registration.check_in_undo", "registration.resend",
	"release.create", "release.draw",
	"schedule.import",
	"service.create", "service.update",
	"slot.hold", "slot.hold_day",
	"source.create", "source.update",
	"user.create", "user.disable", "user.enable", "user.missions", "user.password_change", "user.password_reset",
	"user.role", "user.sessions_end", "user.signin", "user.signin_failed", "user.signout",
}

// AuditActions lists every action the store writes to the audit log, so
// the desk can name each in the reader's language; a test reads the
// store's code for any it writes that the list lacks.
func AuditActions() []string {
	out := slices.Clone(auditActions)
	for _, kind := range cooperation.RecordKinds {
		for _, verb := range []string{"create", "update", "delete"} {
			out = append(out, "coop."+kind+"."+verb)
		}
	}
	slices.Sort(out)
	return out
}

// audit records a change inside the transaction that makes it, so the log
// and the data can never disagree.
func (tx *Tx) audit(ctx context.Context, who Actor, action, entity, id string, before, after any) error {
	if err := tx.auditOnly(ctx, who, action, entity, id, before, after); err != nil {
		return err
	}
	_, err := tx.exec(ctx, `UPDATE data_revision SET n = n + 1 WHERE id = 1`)
	return err
}

// auditAccount records what happened to the staff account username: a
// sign-in, a password change, an account disabled. Nothing public
// changes, so the data revision (and with it every cached page) stays:
// failed sign-ins must not empty the page cache.
func (tx *Tx) auditAccount(ctx context.Context, who Actor, action, username string, before, after any) error {
	return tx.auditOnly(ctx, who, action, "user", username, before, after)
}

func (tx *Tx) auditOnly(ctx context.Context, who Actor, action, entity, id string, before, after any) error {
	var userID any
	if who.UserID != 0 {
		userID = who.UserID
	}
	_, err := tx.exec(ctx, `INSERT INTO audit_log (at, user_id, actor, action, entity, entity_id, before, after)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, millis(tx.now), userID, who.Name, action, entity, id, asJSON(before), asJSON(after))
	return err
}

func asJSON(v any) string {
	if v == nil {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(b)
}

// AuditFilter narrows the audit log. Every field is optional.
type AuditFilter struct {
	Actor    string    // who: a staff member's name, or a system process's
	Action   string    // what: an action such as "booking.attendance"
	Entity   string    // the kind of object: "booking", "mission"
	EntityID string    // the object itself, with Entity
	From     time.Time // entries at or after this instant
	Until    time.Time // entries before this instant
	Limit    int
	Before   int64 // entries with ID below this, for the next (older) page; 0 = newest
	After    int64 // entries with ID above this, for the previous (newer) page
}

// AuditLog returns entries newest first: the newest that match, or with
// Before the next older ones, or with After the ones just newer than it.
// The filters are parameters and each has its index (migration 00026).
func (db *DB) AuditLog(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 100
	}
	q := `SELECT id, at, actor, action, entity, entity_id, before, after FROM audit_log WHERE 1=1`
	var args []any
	for _, c := range []struct {
		col, val string
	}{{"actor", f.Actor}, {"action", f.Action}, {"entity", f.Entity}, {"entity_id", f.EntityID}} {
		if c.val != "" {
			q += ` AND ` + c.col + ` = ?`
			args = append(args, c.val)
		}
	}
	if !f.From.IsZero() {
		q += ` AND at >= ?`
		args = append(args, millis(f.From))
	}
	if !f.Until.IsZero() {
		q += ` AND at < ?`
		args = append(args, millis(f.Until))
	}
	order := ` ORDER BY id DESC LIMIT ?`
	switch {
	case f.After > 0:
		q += ` AND id > ?`
		args = append(args, f.After)
		order = ` ORDER BY id ASC LIMIT ?`
	case f.Before > 0:
		q += ` AND id < ?`
		args = append(args, f.Before)
	}
	args = append(args, f.Limit)
	rows, err := db.reader().query(ctx, q+order, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at int64
		if err := rows.Scan(&e.ID, &at, &e.Actor, &e.Action, &e.Entity, &e.EntityID, &e.Before, &e.After); err != nil {
			return nil, err
		}
		e.At = fromMillis(at)
		out = append(out, e)
	}
	if f.After > 0 {
		slices.Reverse(out)
	}
	return out, rows.Err()
}

// AuditChoices are the values the audit log's filters can take: the
// actors, actions and kinds of object it holds, each sorted.
type AuditChoices struct {
	Actors, Actions, Entities []string
}

// AuditChoices reads the distinct actors, actions and kinds of object of
// the audit log, for the filter form's lists (each read from its index).
func (db *DB) AuditChoices(ctx context.Context) (AuditChoices, error) {
	var c AuditChoices
	for _, l := range []struct {
		col string
		dst *[]string
	}{{"actor", &c.Actors}, {"action", &c.Actions}, {"entity", &c.Entities}} {
		rows, err := db.reader().query(ctx, `SELECT DISTINCT `+l.col+` FROM audit_log ORDER BY `+l.col)
		if err != nil {
			return c, err
		}
		for rows.Next() {
			var v string
			if err := rows.Scan(&v); err != nil {
				rows.Close()
				return c, err
			}
			*l.dst = append(*l.dst, v)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return c, err
		}
	}
	return c, nil
}
