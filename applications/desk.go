package applications

import (
	"context"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/staff"
	"github.com/chancery-platform/chancery/store"
)

// The desk's workflows on a case (issue 14 §5): the workqueues of a
// mission, opening a case (audited), and the steps each role may take.
// The desk's pages call them; each step is one transaction in the store
// with its audit row, history row and the applicant's mail.

// ErrForbidden: the staff member's role does not allow the step.
var ErrForbidden = chancery.Errorf(chancery.EFORBIDDEN, "error.forbidden")

// DueSoonDays is how many of the mission's working days ahead a case
// counts as due soon.
const DueSoonDays = 3

// Queue is a page of one of a mission's workqueues with every queue's count.
type Queue struct {
	Name   string
	Rows   []store.QueueRow
	More   bool
	Counts map[string]int
	Today  calendar.Date
}

// Cursor is where a page of a workqueue starts: after the case with
// this due day and id (zero: from the start).
type Cursor struct {
	Due string
	ID  int64
}

// Cases is a page of the mission's workqueue name for a staff member of
// the mission; another mission's queues are not found.
func (as *Applications) Cases(ctx context.Context, u staff.User, missionID, name string, after Cursor, limit int) (Queue, error) {
	if !staff.Can(u.Role, staff.ReadCases) {
		return Queue{}, ErrForbidden
	}
	if err := as.serves(ctx, u, missionID); err != nil {
		return Queue{}, err
	}
	cal, err := as.db.MissionCalendar(ctx, missionID)
	if err != nil {
		return Queue{}, err
	}
	today := cal.Today(as.db.Now())
	q := store.QueueQuery{Mission: missionID, Queue: name, UserID: u.ID, Today: today, Soon: casework.DueDate(cal, as.db.Now(), DueSoonDays),
		AfterDue: after.Due, AfterID: after.ID, Limit: limit}
	rows, more, err := as.db.CaseQueue(ctx, q)
	if err != nil {
		return Queue{}, err
	}
	counts, err := as.db.QueueCounts(ctx, q)
	if err != nil {
		return Queue{}, err
	}
	return Queue{Name: name, Rows: rows, More: more, Counts: counts, Today: today}, nil
}

func (as *Applications) serves(ctx context.Context, u staff.User, missionID string) error {
	ok, err := as.db.ServesMission(ctx, u, missionID)
	if err != nil {
		return err
	}
	if !ok {
		return chancery.Errorf(chancery.ENOTFOUND, "error.mission_not_found", "ID", chancery.Echo(missionID))
	}
	return nil
}

// Case is a case for a staff member of its mission, as the desk shows it;
// the read is audited.
func (as *Applications) Case(ctx context.Context, u staff.User, reference string) (View, error) {
	if !staff.Can(u.Role, staff.ReadCases) {
		return View{}, ErrForbidden
	}
	a, t, err := as.db.ReadCase(ctx, u, reference)
	if err != nil {
		return View{}, err
	}
	return view(a, t, as.db.Now()), nil
}

// Take makes the staff member the case's assignee if no one works it.
func (as *Applications) Take(ctx context.Context, u staff.User, reference string) error {
	return as.step(u, staff.WorkCases, func() error { _, err := as.db.TakeCase(ctx, u, reference); return err })
}

// TakeOver makes a consul the case's assignee, from whoever works it.
func (as *Applications) TakeOver(ctx context.Context, u staff.User, reference string) error {
	return as.step(u, staff.DecideCases, func() error { _, err := as.db.TakeOverCase(ctx, u, reference); return err })
}

// Release leaves the assignee's case for someone else to take.
func (as *Applications) Release(ctx context.Context, u staff.User, reference string) error {
	return as.step(u, staff.WorkCases, func() error { _, err := as.db.ReleaseCase(ctx, u, reference); return err })
}

// StartCheck starts checking a submitted case.
func (as *Applications) StartCheck(ctx context.Context, u staff.User, reference string) error {
	return as.step(u, staff.WorkCases, func() error { _, err := as.db.StartCheck(ctx, u, reference, as.deskMail(ctx)); return err })
}

// RequestMore asks the applicant for more by a day: the case waits and
// its clock stops until the applicant submits again.
func (as *Applications) RequestMore(ctx context.Context, u staff.User, reference, message string, by calendar.Date) error {
	return as.step(u, staff.WorkCases, func() error {
		_, err := as.db.RequestMore(ctx, u, reference, message, by, as.deskMail(ctx))
		return err
	})
}

// Complete finds the case complete: ready for a consul's decision.
func (as *Applications) Complete(ctx context.Context, u staff.User, reference string) error {
	return as.step(u, staff.WorkCases, func() error { _, err := as.db.CompleteCase(ctx, u, reference, as.deskMail(ctx)); return err })
}

// ReviewFile is the assignee's judgement of one of the case's files:
// accepted, or rejected with a reason the applicant sees.
func (as *Applications) ReviewFile(ctx context.Context, u staff.User, reference string, id int64, status, reason string) error {
	return as.step(u, staff.WorkCases, func() error {
		_, err := as.db.ReviewCaseFile(ctx, u, reference, id, status, reason)
		return err
	})
}

// RecordFee records the fee paid at the counter with its receipt's number.
func (as *Applications) RecordFee(ctx context.Context, u staff.User, reference, receipt string) error {
	return as.step(u, staff.WorkCases, func() error { _, err := as.db.RecordFee(ctx, u, reference, receipt); return err })
}

// Issue decides the case: issued. The document it produces (issue 14 §6)
// is written by the hook set with OnDecision, in the same transaction.
func (as *Applications) Issue(ctx context.Context, u staff.User, reference string) error {
	return as.step(u, staff.DecideCases, func() error {
		hook, err := as.decisionHook(ctx)
		if err != nil {
			return err
		}
		_, err = as.db.IssueCase(ctx, u, reference, as.deskMail(ctx), hook)
		return err
	})
}

// OnDecision sets what deciding a case writes besides the decision (the
// signed document or refusal letter): prepare runs before the decision's
// transaction (to read the signing key, which may take a transaction of
// its own) and gives the hook that runs inside it. Call it while wiring,
// before serving.
func (as *Applications) OnDecision(prepare func(context.Context) (store.DecisionHook, error)) {
	as.decision = prepare
}

func (as *Applications) decisionHook(ctx context.Context) (store.DecisionHook, error) {
	if as.decision == nil {
		return nil, nil
	}
	return as.decision(ctx)
}

// Refuse refuses the case with reasons from its type's list; when the
// type needs a second consul, the first consul's refusal is a proposal
// (proposed) that a different consul confirms.
func (as *Applications) Refuse(ctx context.Context, u staff.User, reference string, reasons []string) (proposed bool, err error) {
	err = as.step(u, staff.DecideCases, func() error {
		hook, err := as.decisionHook(ctx)
		if err != nil {
			return err
		}
		_, proposed, err = as.db.RefuseCase(ctx, u, reference, reasons, as.deskMail(ctx), hook)
		return err
	})
	return proposed, err
}

func (as *Applications) step(u staff.User, need staff.Action, run func() error) error {
	if !staff.Can(u.Role, need) {
		return ErrForbidden
	}
	return run()
}

// deskMail is the applicant's mail of a desk step, sent when the stage
// reached is one the case type marks as informing.
func (as *Applications) deskMail(ctx context.Context) store.ApplicationMail {
	return func(a casework.Application, t casework.CaseType) ([]store.Message, error) {
		if st, ok := t.Stage(a.Stage); !ok || !st.Informs {
			return nil, nil
		}
		m, err := as.db.Mission(ctx, a.Mission)
		if err != nil {
			return nil, err
		}
		return []store.Message{as.mail.ApplicationDeskMail(a, t, m)}, nil
	}
}
