package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/staff"
)

// The desk's steps on a case (issue 14 §5). Each runs in one transaction:
// the mission check, a conditional write on the case's stage (and on its
// assignee), the history row, the audit row and the applicant's mail
// agree or none is written. Every read of a case by staff is audited too.

// workColumns are the desk's columns of applications, read by workRow.
const workColumns = `assignee_id, (SELECT username FROM users WHERE users.id = applications.assignee_id), due_on, waiting_since,
	request_message, request_deadline, fee_receipt, fee_paid_at, result, reasons, decided_at, decided_by,
	refusal_proposed_by, (SELECT username FROM users WHERE users.id = applications.refusal_proposed_by), refusal_reasons`

type workRow struct {
	assigneeID, proposedByID          sql.NullInt64
	assignee, due, proposedBy         sql.NullString
	waiting, feePaid, decided         sql.NullInt64
	request, requestBy, receipt       string
	result, reasons, decidedBy, rReas string
}

func (w *workRow) dest() []any {
	return []any{&w.assigneeID, &w.assignee, &w.due, &w.waiting, &w.request, &w.requestBy, &w.receipt, &w.feePaid,
		&w.result, &w.reasons, &w.decided, &w.decidedBy, &w.proposedByID, &w.proposedBy, &w.rReas}
}

func (w *workRow) work() casework.Work {
	k := casework.Work{AssigneeID: w.assigneeID.Int64, Assignee: w.assignee.String, Request: w.request, FeeReceipt: w.receipt,
		Result: w.result, DecidedBy: w.decidedBy, RefusalProposedByID: w.proposedByID.Int64, RefusalProposedBy: w.proposedBy.String,
		Reasons: splitList(w.reasons), RefusalReasons: splitList(w.rReas)}
	k.Due, _ = calendar.ParseDate(w.due.String)
	k.RequestBy, _ = calendar.ParseDate(w.requestBy)
	if w.waiting.Valid {
		k.WaitingSince = fromMillis(w.waiting.Int64)
	}
	if w.feePaid.Valid {
		k.FeePaid = fromMillis(w.feePaid.Int64)
	}
	if w.decided.Valid {
		k.Decided = fromMillis(w.decided.Int64)
	}
	return k
}

// encodeList keeps a list of ids (a refusal's reasons) as one column.
func encodeList(ids []string) string { return strings.Join(ids, ",") }

// splitList reads a list of ids kept as one comma-separated column.
func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// setDue writes the day a case submitted now is due.
func (tx *Tx) setDue(ctx context.Context, a *casework.Application, t casework.CaseType) error {
	cal, err := tx.db.MissionCalendar(ctx, a.Mission)
	if err != nil {
		return err
	}
	a.Due = casework.DueDate(cal, tx.now, t.ProcessingDays)
	_, err = tx.exec(ctx, `UPDATE applications SET due_on = ? WHERE id = ?`, a.Due.String(), a.ID)
	return err
}

// resumeApplication takes a case the applicant has answered back from
// waiting to review, its due day moved on by the working days it waited.
// The caller checked that it may be submitted (CanSubmit).
func (tx *Tx) resumeApplication(ctx context.Context, a *casework.Application, t casework.CaseType, mail ApplicationMail, out *casework.Application) error {
	cal, err := tx.db.MissionCalendar(ctx, a.Mission)
	if err != nil {
		return err
	}
	if a.Due.IsValid() && !a.WaitingSince.IsZero() {
		a.Due = casework.ShiftDue(cal, a.Due, a.WaitingSince, tx.now)
	}
	res, err := tx.exec(ctx, `UPDATE applications SET stage = 'in_review', updated_at = ?, due_on = ?, waiting_since = NULL
		WHERE id = ? AND stage = 'waiting'`, millis(tx.now), a.Due.String(), a.ID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return casework.ErrNotEditable
	}
	a.Stage, a.Updated, a.WaitingSince = casework.InReview, tx.now, time.Time{}
	if err := tx.applicationStep(ctx, a, t, "applicant", "", mail); err != nil {
		return err
	}
	*out = *a
	return nil
}

// UserMissions lists the missions a staff member works for.
func (db *DB) UserMissions(ctx context.Context, userID int64) ([]string, error) {
	return userMissions(ctx, db.reader(), userID)
}

// SetUserMissions sets the missions a staff member works for, as an
// administrator does on the user form.
func (db *DB) SetUserMissions(ctx context.Context, who Actor, username string, missions []string) error {
	return db.inTx(ctx, func(tx *Tx) error {
		var id int64
		if err := tx.queryRow(ctx, `SELECT id FROM users WHERE username = ?`, username).Scan(&id); err != nil {
			if isNoRows(err) {
				return chancery.Errorf(chancery.ENOTFOUND, "error.user_not_found", "Username", chancery.Echo(username))
			}
			return err
		}
		before, err := userMissions(ctx, tx, id)
		if err != nil {
			return err
		}
		want := slices.Sorted(slices.Values(missions))
		want = slices.Compact(want)
		if slices.Equal(before, want) {
			return nil
		}
		if _, err := tx.exec(ctx, `DELETE FROM staff_missions WHERE user_id = ?`, id); err != nil {
			return err
		}
		for _, m := range want {
			res, err := tx.exec(ctx, `INSERT INTO staff_missions (user_id, mission_id) SELECT ?, id FROM missions WHERE id = ?`, id, m)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return chancery.Errorf(chancery.EINVALID, "error.mission_not_found", "ID", chancery.Echo(m), "Field", "missions")
			}
		}
		return tx.auditAccount(ctx, who, "user.missions", username, before, want)
	})
}

func userMissions(ctx context.Context, q queryer, userID int64) ([]string, error) {
	rows, err := q.query(ctx, `SELECT mission_id FROM staff_missions WHERE user_id = ? ORDER BY mission_id`, userID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var m string
		if err := rows.Scan(&m); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// grantEveryMission makes a new account work for every mission there is:
// the first-start administrator, the command line's and the seeded ones.
// An administrator narrows it on the user form.
func (tx *Tx) grantEveryMission(ctx context.Context, userID int64) error {
	_, err := tx.exec(ctx, `INSERT INTO staff_missions (user_id, mission_id) SELECT ?, id FROM missions`, userID)
	return err
}

// ServesMission reports whether a staff member sees a mission's cases: an
// administrator sees every mission, others those they work for.
func (db *DB) ServesMission(ctx context.Context, u staff.User, missionID string) (bool, error) {
	return servesMission(ctx, db.reader(), u, missionID)
}

// ServesCase reports whether the case reference is of a mission the
// staff member serves (false when there is no such case).
func (db *DB) ServesCase(ctx context.Context, u staff.User, reference string) (bool, error) {
	var missionID string
	err := db.reader().queryRow(ctx, `SELECT mission_id FROM applications WHERE reference = ?`, reference).Scan(&missionID)
	if isNoRows(err) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return servesMission(ctx, db.reader(), u, missionID)
}

func servesMission(ctx context.Context, q queryer, u staff.User, missionID string) (bool, error) {
	if u.Role == staff.Admin {
		return true, nil
	}
	var n int
	err := q.queryRow(ctx, `SELECT COUNT(*) FROM staff_missions WHERE user_id = ? AND mission_id = ?`, u.ID, missionID).Scan(&n)
	return n > 0, err
}

// staffCase reads a case for a staff member, with its case type's version
// and its history; another mission's case is not found.
func staffCase(ctx context.Context, q queryer, u staff.User, reference string) (casework.Application, casework.CaseType, error) {
	a, _, _, err := scanApplication(q.queryRow(ctx, `SELECT `+applicationColumns+` FROM applications WHERE reference = ? AND stage <> 'draft'`, reference))
	if err != nil {
		return casework.Application{}, casework.CaseType{}, err
	}
	ok, err := servesMission(ctx, q, u, a.Mission)
	if err != nil {
		return casework.Application{}, casework.CaseType{}, err
	}
	if !ok {
		return casework.Application{}, casework.CaseType{}, chancery.Errorf(chancery.ENOTFOUND, "error.application_not_found")
	}
	return withTypeAndHistory(ctx, q, a)
}

// ReadCase is a case for a staff member of its mission, with its case
// type's version. The read is written to the audit log (action
// "application.read"): every read of personal data is.
func (db *DB) ReadCase(ctx context.Context, u staff.User, reference string) (casework.Application, casework.CaseType, error) {
	var a casework.Application
	var t casework.CaseType
	err := db.inTx(ctx, func(tx *Tx) error {
		var err error
		if a, t, err = staffCase(ctx, tx, u, reference); err != nil {
			return err
		}
		return tx.auditOnly(ctx, ActorOf(u), "application.read", "application", a.Reference, nil, nil)
	})
	return a, t, err
}
