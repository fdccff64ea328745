package store

import (
	"context"
	"encoding/json"
	"time"

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

// AuditFilter narrows the audit log.
type AuditFilter struct {
	Entity   string
	EntityID string
	Limit    int
	Before   int64 // entries with ID below this, for paging; 0 = newest
}

// AuditLog returns entries newest first.
func (db *DB) AuditLog(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 100
	}
	q := `SELECT id, at, actor, action, entity, entity_id, before, after FROM audit_log WHERE 1=1`
	var args []any
	if f.Entity != "" {
		q += ` AND entity = ?`
		args = append(args, f.Entity)
	}
	if f.EntityID != "" {
		q += ` AND entity_id = ?`
		args = append(args, f.EntityID)
	}
	if f.Before > 0 {
		q += ` AND id < ?`
		args = append(args, f.Before)
	}
	q += ` ORDER BY id DESC LIMIT ?`
	args = append(args, f.Limit)
	rows, err := db.reader().query(ctx, q, args...)
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
	return out, rows.Err()
}
