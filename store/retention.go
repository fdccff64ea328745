package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/casework"
)

// Retention (issue 14 §7). A case that ends (decided, or withdrawn) is
// kept until its result's retention period has passed (keep_until); a
// legal hold stops that clock. Every day a job puts the mission's cases
// past their date on a destruction list, which a consul approves; then
// each is destroyed: its personal data and files removed, a destruction
// record written to the audit log. The row stays with what that record
// needs (reference, case type, stage, dates), so the reference keeps
// answering "destroyed" rather than "never existed" to staff.

// DestructionList is a mission's list of cases due for destruction.
type DestructionList struct {
	ID         int64
	Mission    string
	Proposed   time.Time
	Approved   time.Time // zero while it waits for a consul
	ApprovedBy string
	Items      []DestructionItem
}

// DestructionItem is one case on a destruction list.
type DestructionItem struct {
	Reference string
	CaseType  string
	Stage     string // decided or withdrawn
	KeepUntil time.Time
	Destroyed time.Time // zero if not (yet) destroyed: on hold since, or the list waits
}

// The refusals of retention's steps.
var (
	ErrNoDestructionList = chancery.Errorf(chancery.ENOTFOUND, "error.destruction_list_not_found")
	// ErrDestructionListGone: the list approved is not (or no longer) the
	// one waiting: another consul approved it first, or it never was.
	ErrDestructionListGone = chancery.Errorf(chancery.ECONFLICT, "error.destruction_list_not_found")
	ErrHoldReason          = chancery.Errorf(chancery.EINVALID, "error.hold_reason_required", "Field", "reason")
)

// maxDestructionItems bounds one list, so one approval is one short
// transaction; what is left goes on the next day's list.
const maxDestructionItems = 500

// tx.endApplication sets when the case app, which has just ended with
// result (its stage decided or withdrawn), is due for destruction.
func (tx *Tx) endApplication(ctx context.Context, app casework.Application, t casework.CaseType, result string) error {
	until, ok := t.KeepUntil(result, tx.now)
	if !ok {
		return chancery.Errorf(chancery.EINVALID, "error.case_result_unknown", "Result", chancery.Echo(result))
	}
	_, err := tx.exec(ctx, `UPDATE applications SET keep_until = ? WHERE id = ?`, millis(until), app.ID)
	return err
}

// ProposeDestructions puts, for every mission with no list waiting for a
// consul, the cases past their keeping and not on hold on a new list. It
// returns how many cases it listed. The background job runs it daily; the
// unique index on a mission's open list makes two instances at once
// propose one list.
func (db *DB) ProposeDestructions(ctx context.Context) (int, error) {
	rows, err := db.reader().query(ctx, `SELECT DISTINCT mission_id FROM applications
		WHERE destroyed_at IS NULL AND keep_until < ? AND legal_hold = ''`, millis(db.Now()))
	if err != nil {
		return 0, err
	}
	var missions []string
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			rows.Close()
			return 0, err
		}
		missions = append(missions, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	total := 0
	for _, m := range missions {
		err := db.inTx(ctx, func(tx *Tx) error {
			var id int64
			err := tx.queryRow(ctx, `INSERT INTO destruction_lists (mission_id, proposed_at, status) VALUES (?, ?, 'proposed')
				ON CONFLICT (mission_id) WHERE status = 'proposed' DO NOTHING RETURNING id`, m, millis(tx.now)).Scan(&id)
			if isNoRows(err) {
				return nil // a list waits already
			}
			if err != nil {
				return err
			}
			res, err := tx.exec(ctx, `INSERT INTO destruction_items (list_id, application_id, reference, case_type, stage, keep_until)
				SELECT ?, id, reference, case_type, stage, keep_until FROM applications
				WHERE mission_id = ? AND destroyed_at IS NULL AND keep_until < ? AND legal_hold = ''
				ORDER BY keep_until, id LIMIT ?`, id, m, millis(tx.now), maxDestructionItems)
			if err != nil {
				return err
			}
			n, _ := res.RowsAffected()
			total += int(n)
			return nil
		})
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// PendingDestruction is the mission's list waiting for a consul, with its
// cases; ErrNoDestructionList when none waits.
func (db *DB) PendingDestruction(ctx context.Context, mission string) (DestructionList, error) {
	return destructionList(ctx, db.reader(), `mission_id = ? AND status = 'proposed'`, mission)
}

// DestructionLists are the mission's approved lists, newest first: the
// record of what was destroyed, when and on whose approval.
func (db *DB) DestructionLists(ctx context.Context, mission string, limit int) ([]DestructionList, error) {
	rows, err := db.reader().query(ctx, `SELECT id FROM destruction_lists WHERE mission_id = ? AND status = 'approved'
		ORDER BY id DESC LIMIT ?`, mission, limit)
	if err != nil {
		return nil, err
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]DestructionList, 0, len(ids))
	for _, id := range ids {
		l, err := destructionList(ctx, db.reader(), `id = ?`, id)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, nil
}

func destructionList(ctx context.Context, q queryer, where string, arg any) (DestructionList, error) {
	var l DestructionList
	var proposed int64
	var approved sql.NullInt64
	err := q.queryRow(ctx, `SELECT id, mission_id, proposed_at, approved_at, approved_by FROM destruction_lists WHERE `+where, arg).
		Scan(&l.ID, &l.Mission, &proposed, &approved, &l.ApprovedBy)
	if isNoRows(err) {
		return l, ErrNoDestructionList
	}
	if err != nil {
		return l, err
	}
	l.Proposed = fromMillis(proposed)
	if approved.Valid {
		l.Approved = fromMillis(approved.Int64)
	}
	rows, err := q.query(ctx, `SELECT reference, case_type, stage, keep_until, destroyed_at FROM destruction_items
		WHERE list_id = ? ORDER BY keep_until, reference`, l.ID)
	if err != nil {
		return l, err
	}
	defer rows.Close()
	for rows.Next() {
		var it DestructionItem
		var until int64
		var destroyed sql.NullInt64
		if err := rows.Scan(&it.Reference, &it.CaseType, &it.Stage, &until, &destroyed); err != nil {
			return l, err
		}
		it.KeepUntil = fromMillis(until)
		if destroyed.Valid {
			it.Destroyed = fromMillis(destroyed.Int64)
		}
		l.Items = append(l.Items, it)
	}
	return l, rows.Err()
}

// ApproveDestruction is a consul's approval of the mission's list id:
// in one transaction, each case on it still past its keeping and not on
// hold is destroyed (personal data and files removed, a destruction
// record in the audit log); a case put on hold since stays. The list is
// approved once: a second approval, or of another list, is refused.
func (db *DB) ApproveDestruction(ctx context.Context, who Actor, mission string, id int64) (DestructionList, error) {
	var out DestructionList
	err := db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE destruction_lists SET status = 'approved', approved_at = ?, approved_by = ?
			WHERE id = ? AND mission_id = ? AND status = 'proposed'`, millis(tx.now), who.Name, id, mission)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return ErrDestructionListGone
		}
		rows, err := tx.query(ctx, `SELECT application_id, reference, case_type, stage, keep_until FROM destruction_items WHERE list_id = ?`, id)
		if err != nil {
			return err
		}
		type item struct {
			id                         int64
			reference, caseType, stage string
			until                      int64
		}
		var items []item
		for rows.Next() {
			var it item
			if err := rows.Scan(&it.id, &it.reference, &it.caseType, &it.stage, &it.until); err != nil {
				rows.Close()
				return err
			}
			items = append(items, it)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, it := range items {
			done, err := tx.destroyApplication(ctx, it.id)
			if err != nil {
				return err
			}
			if !done {
				continue
			}
			if _, err := tx.exec(ctx, `UPDATE destruction_items SET destroyed_at = ? WHERE list_id = ? AND application_id = ?`,
				millis(tx.now), id, it.id); err != nil {
				return err
			}
			record := map[string]any{"case_type": it.caseType, "stage": it.stage, "kept_until": fromMillis(it.until).Format(time.DateOnly),
				"list": id, "destroyed": tx.now.Format(time.RFC3339)}
			if err := tx.auditOnly(ctx, who, "case.destroy", "application", it.reference, nil, record); err != nil {
				return err
			}
		}
		out, err = destructionList(ctx, tx, `id = ?`, id)
		return err
	})
	return out, err
}

// destroyApplication removes a case's personal data, if it is still past
// its keeping and not on hold, and reports whether it did.
func (tx *Tx) destroyApplication(ctx context.Context, id int64) (bool, error) {
	res, err := tx.exec(ctx, `UPDATE applications SET destroyed_at = ?, email = '', answers = '{}', mrz = '', token_hash = '', verify_hash = '',
		files_bytes = 0 WHERE id = ? AND destroyed_at IS NULL AND legal_hold = '' AND keep_until < ?`, millis(tx.now), id, millis(tx.now))
	if err != nil {
		return false, err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return false, nil
	}
	if err := tx.destroyFiles(ctx, id); err != nil {
		return false, err
	}
	for _, q := range destroyStatements {
		if _, err := tx.exec(ctx, q, id); err != nil {
			return false, err
		}
	}
	return true, nil
}

// destroyFiles removes the files of application id, their content where
// the Blobs keep it and their rows.
func (tx *Tx) destroyFiles(ctx context.Context, id int64) error {
	rows, err := tx.query(ctx, `SELECT id FROM application_files WHERE application_id = ?`, id)
	if err != nil {
		return err
	}
	var files []int64
	for rows.Next() {
		var f int64
		if err := rows.Scan(&f); err != nil {
			rows.Close()
			return err
		}
		files = append(files, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, f := range files {
		if tx.db.blobs != nil {
			if err := tx.db.blobs.Delete(ctx, tx, f); err != nil {
				return err
			}
		}
	}
	_, err = tx.exec(ctx, `DELETE FROM application_files WHERE application_id = ?`, id)
	return err
}

// destroyStatements remove what else a destroyed case held, each given
// the application's id: what its history's notes said.
var destroyStatements = []string{
	`UPDATE application_history SET note = '' WHERE application_id = ?`,
}

// SetLegalHold puts the case reference of the mission on hold for reason,
// which stops its retention clock: no destruction list takes it until the
// hold is lifted. Holding a case on hold again changes only the reason.
func (db *DB) SetLegalHold(ctx context.Context, who Actor, mission, reference, reason string) error {
	if reason == "" {
		return ErrHoldReason
	}
	return db.inTx(ctx, func(tx *Tx) error {
		var before string
		err := tx.queryRow(ctx, `SELECT legal_hold FROM applications WHERE reference = ? AND mission_id = ? AND destroyed_at IS NULL`,
			reference, mission).Scan(&before)
		if isNoRows(err) {
			return chancery.Errorf(chancery.ENOTFOUND, "error.application_not_found")
		}
		if err != nil {
			return err
		}
		if _, err := tx.exec(ctx, `UPDATE applications SET legal_hold = ?, hold_since = COALESCE(hold_since, ?) WHERE reference = ?`,
			reason, millis(tx.now), reference); err != nil {
			return err
		}
		return tx.auditOnly(ctx, who, "case.hold", "application", reference, holdJSON(before), holdJSON(reason))
	})
}

// LiftLegalHold ends the case's hold; its clock runs again from where it
// stopped: its keep_until moves on by as long as the hold lasted.
func (db *DB) LiftLegalHold(ctx context.Context, who Actor, mission, reference string) error {
	return db.inTx(ctx, func(tx *Tx) error {
		var before string
		var since sql.NullInt64
		err := tx.queryRow(ctx, `SELECT legal_hold, hold_since FROM applications WHERE reference = ? AND mission_id = ? AND destroyed_at IS NULL`,
			reference, mission).Scan(&before, &since)
		if isNoRows(err) {
			return chancery.Errorf(chancery.ENOTFOUND, "error.application_not_found")
		}
		if err != nil {
			return err
		}
		if before == "" {
			return nil
		}
		held := millis(tx.now) - since.Int64
		if _, err := tx.exec(ctx, `UPDATE applications SET legal_hold = '', hold_since = NULL, keep_until = keep_until + ?
			WHERE reference = ? AND legal_hold <> ''`, held, reference); err != nil {
			return err
		}
		return tx.auditOnly(ctx, who, "case.hold_lift", "application", reference, holdJSON(before), nil)
	})
}

func holdJSON(reason string) any {
	if reason == "" {
		return nil
	}
	return map[string]string{"reason": reason}
}

// Hold is a case on legal hold.
type Hold struct {
	Reference, CaseType, Reason string
	Since                       time.Time
}

// LegalHolds are the mission's cases on hold, oldest hold first.
func (db *DB) LegalHolds(ctx context.Context, mission string) ([]Hold, error) {
	rows, err := db.reader().query(ctx, `SELECT reference, case_type, legal_hold, hold_since FROM applications
		WHERE mission_id = ? AND legal_hold <> '' ORDER BY hold_since, reference`, mission)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Hold
	for rows.Next() {
		var h Hold
		var since int64
		if err := rows.Scan(&h.Reference, &h.CaseType, &h.Reason, &since); err != nil {
			return nil, err
		}
		h.Since = fromMillis(since)
		out = append(out, h)
	}
	return out, rows.Err()
}
