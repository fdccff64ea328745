package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/staff"
)

// caseStep is one step of the desk on a case: it checks the case as read
// in the transaction and makes its conditional writes; it returns the
// stage the case reached when it moved ("" when it stayed) and the note
// its history row carries.
type caseStep func(ctx context.Context, tx *Tx, a *casework.Application, t casework.CaseType) (moved string, note string, err error)

// DecisionHook writes what deciding a case produces (the signed document
// or refusal letter, issue 14 §6) in the transaction that decides it, the
// application as decided (its Result and Reasons set); nil writes nothing.
type DecisionHook func(ctx context.Context, tx *Tx, a casework.Application, t casework.CaseType) error

// workCase runs a step of the desk on a case of the staff member's
// mission, with its audit row (action), its history row and its mail.
// A step may rename its action before it returns (a refusal proposed).
func (db *DB) workCase(ctx context.Context, u staff.User, reference string, action *string, step caseStep, mail ApplicationMail) (casework.Application, error) {
	var out casework.Application
	err := db.inTx(ctx, func(tx *Tx) error {
		a, t, err := staffCase(ctx, tx, u, reference)
		if err != nil {
			return err
		}
		before := map[string]any{"stage": a.Stage, "assignee": a.Assignee}
		moved, note, err := step(ctx, tx, &a, t)
		if err != nil {
			return err
		}
		a.Updated = tx.now
		if moved != "" {
			a.Stage = moved
			if err := tx.applicationStep(ctx, &a, t, "mission", note, mail); err != nil {
				return err
			}
		}
		after := map[string]any{"stage": a.Stage, "assignee": a.Assignee}
		if note != "" {
			after["note"] = note
		}
		if err := tx.auditOnly(ctx, ActorOf(u), *action, "application", a.Reference, before, after); err != nil {
			return err
		}
		out = a
		return nil
	})
	return out, err
}

// named is an action's name for workCase.
func named(action string) *string { return &action }

// assignCase makes to (the zero User: no one) the case's assignee if from
// (0: no one) still holds it: a conditional write, so of two officers
// taking a case at once one wins and the other is told it was taken.
func (tx *Tx) assignCase(ctx context.Context, a *casework.Application, from int64, to staff.User) error {
	var toID any
	if to.ID != 0 {
		toID = to.ID
	}
	res, err := tx.exec(ctx, `UPDATE applications SET assignee_id = ?, updated_at = ?
		WHERE id = ? AND COALESCE(assignee_id, 0) = ? AND stage IN ('submitted', 'in_review', 'waiting', 'ready')`,
		toID, millis(tx.now), a.ID, from)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return casework.ErrCaseTaken
	}
	a.AssigneeID, a.Assignee = to.ID, to.Username
	return nil
}

// moveCase takes the case to stage if its stage and its assignee are
// still the ones read, also setting the desk's columns in set. Otherwise
// someone acted first: ErrCaseMoved.
func (tx *Tx) moveCase(ctx context.Context, a *casework.Application, stage string, set map[string]any) error {
	q := `UPDATE applications SET stage = ?, updated_at = ?`
	args := []any{stage, millis(tx.now)}
	cols := make([]string, 0, len(set))
	for c := range set {
		cols = append(cols, c)
	}
	slices.Sort(cols)
	for _, c := range cols {
		q += `, ` + c + ` = ?` // the names are this file's own, never input
		args = append(args, set[c])
	}
	q += ` WHERE id = ? AND stage = ? AND COALESCE(assignee_id, 0) = ?`
	args = append(args, a.ID, a.Stage, a.AssigneeID)
	res, err := tx.exec(ctx, q, args...)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return casework.ErrCaseMoved
	}
	return nil
}

// TakeCase makes the staff member the case's assignee, only if no one
// works it.
func (db *DB) TakeCase(ctx context.Context, u staff.User, reference string) (casework.Application, error) {
	return db.workCase(ctx, u, reference, named("application.take"), func(ctx context.Context, tx *Tx, a *casework.Application, _ casework.CaseType) (string, string, error) {
		if !a.Running() {
			return "", "", casework.ErrClosed
		}
		switch a.AssigneeID {
		case u.ID:
			return "", "", nil // taken twice (a second click): theirs already
		case 0:
			return "", "", tx.assignCase(ctx, a, 0, u)
		}
		return "", "", casework.ErrCaseTaken
	}, nil)
}

// TakeOverCase makes the staff member (a consul: the caller checks the
// role) the case's assignee, from whoever works it.
func (db *DB) TakeOverCase(ctx context.Context, u staff.User, reference string) (casework.Application, error) {
	return db.workCase(ctx, u, reference, named("application.takeover"), func(ctx context.Context, tx *Tx, a *casework.Application, _ casework.CaseType) (string, string, error) {
		if !a.Running() {
			return "", "", casework.ErrClosed
		}
		return "", "", tx.assignCase(ctx, a, a.AssigneeID, u)
	}, nil)
}

// ReleaseCase leaves the case for someone else to take; only its assignee
// releases it.
func (db *DB) ReleaseCase(ctx context.Context, u staff.User, reference string) (casework.Application, error) {
	return db.workCase(ctx, u, reference, named("application.release"), func(ctx context.Context, tx *Tx, a *casework.Application, _ casework.CaseType) (string, string, error) {
		if err := a.MayAct(u.ID); err != nil {
			return "", "", err
		}
		return "", "", tx.assignCase(ctx, a, u.ID, staff.User{})
	}, nil)
}

// simpleMove is a step from one stage to another by the case's assignee.
func simpleMove(u staff.User, from, to string) caseStep {
	return func(ctx context.Context, tx *Tx, a *casework.Application, _ casework.CaseType) (string, string, error) {
		if err := a.MayAct(u.ID); err != nil {
			return "", "", err
		}
		if a.Stage != from {
			return "", "", casework.ErrCaseMoved
		}
		return to, "", tx.moveCase(ctx, a, to, nil)
	}
}

// StartCheck: the assignee starts checking a submitted case.
func (db *DB) StartCheck(ctx context.Context, u staff.User, reference string, mail ApplicationMail) (casework.Application, error) {
	return db.workCase(ctx, u, reference, named("application.check"), simpleMove(u, casework.Submitted, casework.InReview), mail)
}

// CompleteCase: the assignee finds the case complete, ready for a consul:
// refused while a file that counts (not refused by the virus check) is
// not yet accepted.
func (db *DB) CompleteCase(ctx context.Context, u staff.User, reference string, mail ApplicationMail) (casework.Application, error) {
	move := simpleMove(u, casework.InReview, casework.ReadyToDecide)
	return db.workCase(ctx, u, reference, named("application.complete"), func(ctx context.Context, tx *Tx, a *casework.Application, t casework.CaseType) (string, string, error) {
		var open int
		if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM application_files WHERE application_id = ?
			AND scan_status NOT IN ('infected', 'failed') AND review_status <> 'accepted'`, a.ID).Scan(&open); err != nil {
			return "", "", err
		}
		if open > 0 {
			return "", "", casework.ErrFilesUnreviewed.With("Count", open)
		}
		return move(ctx, tx, a, t)
	}, mail)
}

// ReviewCaseFile is the assignee's judgement of a file of a case being
// checked: accepted, or rejected with a reason the applicant sees (who
// may then be asked for another). It is audited (casefile.review).
func (db *DB) ReviewCaseFile(ctx context.Context, u staff.User, reference string, id int64, status, reason string) (casework.Application, error) {
	reason = strings.TrimSpace(reason)
	return db.workCase(ctx, u, reference, named("casefile.review"), func(ctx context.Context, tx *Tx, a *casework.Application, _ casework.CaseType) (string, string, error) {
		if err := a.MayAct(u.ID); err != nil {
			return "", "", err
		}
		if a.Stage != casework.InReview {
			return "", "", casework.ErrCaseMoved
		}
		if status != casework.ReviewAccepted && status != casework.ReviewRejected {
			return "", "", chancery.Errorf(chancery.EINVALID, "error.upload_review_status", "Field", "status")
		}
		if status == casework.ReviewRejected && reason == "" {
			return "", "", chancery.Errorf(chancery.EINVALID, "error.upload_review_reason", "Field", "reason")
		}
		if status == casework.ReviewAccepted {
			reason = ""
		}
		res, err := tx.exec(ctx, `UPDATE application_files SET review_status = ?, review_reason = ?, reviewed_by = ?, reviewed_at = ?
			WHERE id = ? AND application_id = ? AND scan_status NOT IN ('infected', 'failed')`, status, reason, u.Username, millis(tx.now), id, a.ID)
		if err != nil {
			return "", "", err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return "", "", ErrDocumentNotFound
		}
		for i := range a.Documents {
			if d := &a.Documents[i]; d.ID == id {
				d.Review, d.ReviewReason, d.ReviewedBy, d.Reviewed = status, reason, u.Username, tx.now
			}
		}
		return "", strings.TrimSpace(fmt.Sprintf("file %d %s %s", id, status, reason)), nil
	}, nil)
}

// RequestMore asks the applicant for more by a day (the case waits, its
// clock stops, its answers can be changed again); the message is the
// history row's note too.
func (db *DB) RequestMore(ctx context.Context, u staff.User, reference, message string, by calendar.Date, mail ApplicationMail) (casework.Application, error) {
	return db.workCase(ctx, u, reference, named("application.request"), func(ctx context.Context, tx *Tx, a *casework.Application, _ casework.CaseType) (string, string, error) {
		if err := a.MayAct(u.ID); err != nil {
			return "", "", err
		}
		if a.Stage != casework.InReview {
			return "", "", casework.ErrCaseMoved
		}
		cal, err := db.MissionCalendar(ctx, a.Mission)
		if err != nil {
			return "", "", err
		}
		message = strings.TrimSpace(message)
		if err := casework.CheckRequest(message, by, calendar.DateOf(tx.now, cal.Zone)); err != nil {
			return "", "", err
		}
		err = tx.moveCase(ctx, a, casework.Waiting, map[string]any{"waiting_since": millis(tx.now), "request_message": message,
			"request_deadline": by.String()})
		a.WaitingSince, a.Request, a.RequestBy = tx.now, message, by
		return casework.Waiting, message, err
	}, mail)
}

// RecordFee records the fee paid at the counter with its receipt's number.
func (db *DB) RecordFee(ctx context.Context, u staff.User, reference, receipt string) (casework.Application, error) {
	return db.workCase(ctx, u, reference, named("application.fee"), func(ctx context.Context, tx *Tx, a *casework.Application, _ casework.CaseType) (string, string, error) {
		if err := a.MayAct(u.ID); err != nil {
			return "", "", err
		}
		if err := casework.CheckReceipt(receipt); err != nil {
			return "", "", err
		}
		receipt = strings.TrimSpace(receipt)
		err := tx.moveCase(ctx, a, a.Stage, map[string]any{"fee_receipt": receipt, "fee_paid_at": millis(tx.now)})
		a.FeeReceipt, a.FeePaid = receipt, tx.now
		return "", "", err
	}, nil)
}

// IssueCase decides a case ready for decision: issued. issue writes the
// document it produces in the same transaction (nil: none).
func (db *DB) IssueCase(ctx context.Context, u staff.User, reference string, mail ApplicationMail, issue DecisionHook) (casework.Application, error) {
	return db.workCase(ctx, u, reference, named("application.issue"), func(ctx context.Context, tx *Tx, a *casework.Application, t casework.CaseType) (string, string, error) {
		if err := decidable(a, u); err != nil {
			return "", "", err
		}
		err := tx.moveCase(ctx, a, casework.Decided, map[string]any{"result": casework.ResultIssued, "decided_at": millis(tx.now),
			"decided_by": u.Username, "refusal_proposed_by": nil, "refusal_reasons": ""})
		if err != nil {
			return "", "", err
		}
		a.Stage, a.Result, a.Decided, a.DecidedBy = casework.Decided, casework.ResultIssued, tx.now, u.Username
		a.RefusalProposedByID, a.RefusalProposedBy, a.RefusalReasons = 0, "", nil
		if err := tx.endApplication(ctx, *a, t, casework.ResultIssued); err != nil { // its keeping starts
			return "", "", err
		}
		if issue != nil {
			if err := issue(ctx, tx, *a, t); err != nil {
				return "", "", err
			}
		}
		return casework.Decided, "", nil
	}, mail)
}

func decidable(a *casework.Application, u staff.User) error {
	if err := a.MayAct(u.ID); err != nil {
		return err
	}
	if a.Stage != casework.ReadyToDecide {
		return casework.ErrCaseMoved
	}
	return nil
}

// RefuseCase refuses a case ready for decision with reasons from its
// type's list. When the type needs a second consul, the first call
// proposes the refusal (the case stays ready; proposed reports it) and a
// call by a different consul confirms it, with the reasons proposed. The
// refusal's letter is written by decided, in the same transaction (nil:
// none).
func (db *DB) RefuseCase(ctx context.Context, u staff.User, reference string, reasons []string, mail ApplicationMail, decided DecisionHook) (a casework.Application, proposed bool, err error) {
	action := "application.refuse"
	step := func(ctx context.Context, tx *Tx, a *casework.Application, t casework.CaseType) (string, string, error) {
		action, proposed = "application.refuse", false // a retried transaction starts again
		if err := decidable(a, u); err != nil {
			return "", "", err
		}
		if t.SecondConsul && a.RefusalProposedByID == 0 {
			ids, err := t.CheckReasons(reasons)
			if err != nil {
				return "", "", err
			}
			err = tx.moveCase(ctx, a, a.Stage, map[string]any{"refusal_proposed_by": u.ID, "refusal_reasons": encodeList(ids)})
			a.RefusalProposedByID, a.RefusalProposedBy, a.RefusalReasons = u.ID, u.Username, ids
			proposed, action = true, "application.refusal_propose"
			return "", "", err
		}
		ids := a.RefusalReasons
		if !t.SecondConsul {
			var err error
			if ids, err = t.CheckReasons(reasons); err != nil {
				return "", "", err
			}
		} else if a.RefusalProposedByID == u.ID {
			return "", "", casework.ErrSameConsul
		}
		err := tx.moveCase(ctx, a, casework.Decided, map[string]any{"result": casework.ResultRefused, "reasons": encodeList(ids),
			"decided_at": millis(tx.now), "decided_by": u.Username})
		if err != nil {
			return "", "", err
		}
		a.Stage, a.Result, a.Reasons, a.Decided, a.DecidedBy = casework.Decided, casework.ResultRefused, ids, tx.now, u.Username
		if err := tx.endApplication(ctx, *a, t, casework.ResultRefused); err != nil { // its keeping starts
			return "", "", err
		}
		if decided != nil {
			if err := decided(ctx, tx, *a, t); err != nil {
				return "", "", err
			}
		}
		return casework.Decided, "", nil
	}
	a, err = db.workCase(ctx, u, reference, &action, step, mail)
	return a, proposed, err
}
