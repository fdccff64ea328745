package casework

import (
	"errors"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/calendar"
)

// Work is what the desk adds to a case: who works it, when it is due, what
// the mission asked the applicant for, the fee paid at the counter and the
// decision.
type Work struct {
	AssigneeID int64  `json:"-"`
	Assignee   string `json:"-"` // the staff member working the case, "" when none
	// Due is the day a decision is due: the submission's day plus the type's
	// ProcessingDays in the mission's working days, moved on by the working
	// days the case waited for the applicant. Zero before submission.
	Due          calendar.Date `json:"due,omitzero"`
	WaitingSince time.Time     `json:"-"`
	// Request is what the mission asked the applicant for, and RequestBy the
	// day it asked for it by; kept after the answer, shown while waiting.
	Request    string        `json:"request,omitempty"`
	RequestBy  calendar.Date `json:"request_by,omitzero"`
	FeeReceipt string        `json:"-"`
	FeePaid    time.Time     `json:"-"`
	// Result is the decision's result (issued, refused), "" until decided;
	// Reasons are the refusal's reasons, ids of the type's Refusals.
	Result    string    `json:"result,omitempty"`
	Reasons   []string  `json:"reasons,omitempty"`
	Decided   time.Time `json:"decided,omitzero"`
	DecidedBy string    `json:"-"`
	// A refusal one consul proposed, waiting for a second (SecondConsul).
	RefusalProposedByID int64    `json:"-"`
	RefusalProposedBy   string   `json:"-"`
	RefusalReasons      []string `json:"-"`
}

// The desk's refusals of a step on a case.
var (
	// ErrCaseTaken: someone took the case first.
	ErrCaseTaken = chancery.Errorf(chancery.ECONFLICT, "error.case_taken")
	// ErrCaseMoved: the case is no longer at the stage the step starts from.
	ErrCaseMoved = chancery.Errorf(chancery.ECONFLICT, "error.case_moved")
	// ErrFilesUnreviewed: a case is complete only once every file that
	// counts is accepted.
	ErrFilesUnreviewed = chancery.Errorf(chancery.ECONFLICT, "error.case_files_unreviewed")
	// ErrCaseNotYours: only the case's assignee acts on it (take it first).
	ErrCaseNotYours = chancery.Errorf(chancery.ECONFLICT, "error.case_not_yours")
	// ErrSameConsul: the consul who proposed a refusal cannot confirm it.
	ErrSameConsul = chancery.Errorf(chancery.ECONFLICT, "error.case_second_consul_same")
)

// Running reports whether the case is at the mission with its clock
// running or stopped: submitted and not yet decided or withdrawn.
func (a Application) Running() bool {
	return a.Stage == Submitted || a.Stage == InReview || a.Stage == Waiting || a.Stage == ReadyToDecide
}

// MayAct tells why the staff member userID cannot act on the case now, if
// they cannot: it is not running, or someone else (or no one) works it.
func (a Application) MayAct(userID int64) error {
	if !a.Running() {
		return ErrClosed
	}
	if a.AssigneeID == 0 {
		return ErrCaseNotYours
	}
	if a.AssigneeID != userID {
		return chancery.Errorf(chancery.ECONFLICT, "error.case_assigned_other", "Assignee", a.Assignee)
	}
	return nil
}

// DueDate is the day a case submitted at submitted is due: days of the
// mission's working days after the day it came.
func DueDate(cal calendar.Calendar, submitted time.Time, days int) calendar.Date {
	d := calendar.DateOf(submitted, cal.Zone)
	for range days {
		next := cal.NextWorkingDay(d)
		if !next.IsValid() {
			break // a calendar without office hours: due on the last day found
		}
		d = next
	}
	return d
}

// ShiftDue moves the due day on by the working days a case waited for its
// applicant, from the day it started waiting (not counted) to the day it
// came back (counted): the clock stops while the mission waits.
func ShiftDue(cal calendar.Calendar, due calendar.Date, from, to time.Time) calendar.Date {
	start, end := calendar.DateOf(from, cal.Zone), calendar.DateOf(to, cal.Zone)
	for d := start.AddDays(1); !d.After(end); d = d.AddDays(1) {
		if open, _ := cal.Open(d); open {
			if next := cal.NextWorkingDay(due); next.IsValid() {
				due = next
			}
		}
	}
	return due
}

// DocumentsFor are the files uploaded for a checklist item, in order.
func (a Application) DocumentsFor(item string) []Document {
	var out []Document
	for _, d := range a.Documents {
		if d.Item == item {
			out = append(out, d)
		}
	}
	return out
}

// Limits of what staff write on a case.
const (
	MaxRequest = 2000 // characters of a request to the applicant
	MaxReceipt = 64   // characters of a receipt number
)

// CheckRequest checks a request for more from the applicant: a message
// and a deadline after today, every fault at once.
func CheckRequest(message string, by, today calendar.Date) error {
	var errs []error
	message = strings.TrimSpace(message)
	if message == "" {
		errs = append(errs, chancery.Errorf(chancery.EINVALID, "error.case_request_required", "Field", "message"))
	} else if utf8.RuneCountInString(message) > MaxRequest || !utf8.ValidString(message) {
		errs = append(errs, chancery.Errorf(chancery.EINVALID, "error.case_request_too_long", "Field", "message", "Max", MaxRequest))
	}
	if !by.IsValid() || !by.After(today) {
		errs = append(errs, chancery.Errorf(chancery.EINVALID, "error.case_request_deadline", "Field", "deadline"))
	}
	return errors.Join(errs...)
}

// CheckReceipt checks the number of a receipt for the fee paid at the counter.
func CheckReceipt(receipt string) error {
	receipt = strings.TrimSpace(receipt)
	if receipt == "" || utf8.RuneCountInString(receipt) > MaxReceipt || strings.ContainsFunc(receipt, func(r rune) bool { return r < ' ' }) {
		return chancery.Errorf(chancery.EINVALID, "error.case_receipt_invalid", "Field", "receipt", "Max", MaxReceipt)
	}
	return nil
}

// CheckReasons checks a refusal's reasons: at least one, each from the
// type's list, none twice. It returns them in the list's order.
func (t CaseType) CheckReasons(ids []string) ([]string, error) {
	var out []string
	for _, r := range t.Refusals {
		if slices.Contains(ids, r.ID) {
			out = append(out, r.ID)
		}
	}
	for _, id := range ids {
		if !slices.ContainsFunc(t.Refusals, func(r Reason) bool { return r.ID == id }) {
			return nil, chancery.Errorf(chancery.EINVALID, "error.case_reason_unknown", "Field", "reasons", "Reason", chancery.Echo(id))
		}
	}
	if len(out) == 0 {
		return nil, chancery.Errorf(chancery.EINVALID, "error.case_reasons_required", "Field", "reasons")
	}
	return out, nil
}

// Reason is the type's refusal reason of id.
func (t CaseType) Reason(id string) (Reason, bool) {
	i := slices.IndexFunc(t.Refusals, func(r Reason) bool { return r.ID == id })
	if i < 0 {
		return Reason{}, false
	}
	return t.Refusals[i], true
}
