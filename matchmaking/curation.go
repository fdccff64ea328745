package matchmaking

import (
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/calendar"
)

// Status is where staff's curation of a suggestion stands.
type Status string

// Statuses of a suggestion. A suggestion nobody has decided on is Suggested;
// undoing a decision brings it back there.
const (
	Suggested Status = "suggested"
	Accepted  Status = "accepted"
	Dismissed Status = "dismissed"
)

// Statuses lists the statuses in the order pages show them.
var Statuses = []Status{Suggested, Accepted, Dismissed}

// Decide checks a change of status from the one a staff member saw (from)
// to the one asked for (to), given the stored one (now). The same change
// twice is no change (changed false, no error); a change made from a
// status that another change has since replaced is a conflict; a decision
// is made on an undecided suggestion, and undone back to Suggested.
func Decide(now, from, to Status) (changed bool, err error) {
	if !to.valid() || !from.valid() {
		return false, chancery.Errorf(chancery.EINVALID, "error.match_status", "Value", bounded(string(to), 20))
	}
	if now == to {
		return false, nil
	}
	if now != from {
		return false, chancery.Errorf(chancery.ECONFLICT, "error.match_status_conflict", "Status", string(now))
	}
	if (to == Suggested) == (from == Suggested) {
		return false, chancery.Errorf(chancery.EINVALID, "error.match_status", "Value", string(to))
	}
	return true, nil
}

func (s Status) valid() bool { return s == Suggested || s == Accepted || s == Dismissed }

// Outcome is what came of an introduction.
type Outcome string

// Outcomes of an introduction.
const (
	Pending         Outcome = "pending"
	MeetingHeld     Outcome = "meeting_held"
	AgreementSigned Outcome = "agreement_signed"
	NoInterest      Outcome = "no_interest"
)

// Outcomes lists the outcomes in the order forms offer them.
var Outcomes = []Outcome{Pending, MeetingHeld, AgreementSigned, NoInterest}

// Valid reports whether o is one of the Outcomes.
func (o Outcome) Valid() bool {
	for _, k := range Outcomes {
		if o == k {
			return true
		}
	}
	return false
}

// MaxNote bounds an introduction's note, in characters.
const MaxNote = 2000

// Introduction is staff's record that they put two organisations in touch:
// on which day, a note, and what came of it.
type Introduction struct {
	ID      int64   `json:"id"`
	Pair    Pair    `json:"pair"`
	Date    string  `json:"date"` // YYYY-MM-DD
	Note    string  `json:"note,omitempty"`
	Outcome Outcome `json:"outcome"`
}

// Check checks an introduction: two different organisations, a calendar
// date, a bounded note and a known outcome.
func (in Introduction) Check() error {
	var errs []error
	if in.Pair.A == "" || in.Pair.B == "" || in.Pair.A == in.Pair.B {
		errs = append(errs, chancery.Errorf(chancery.EINVALID, "error.match_pair", "Field", "pair"))
	}
	if !validDay(in.Date) {
		errs = append(errs, chancery.Errorf(chancery.EINVALID, "error.match_date", "Value", bounded(in.Date, 20), "Field", "date"))
	}
	if utf8.RuneCountInString(in.Note) > MaxNote || !utf8.ValidString(in.Note) {
		errs = append(errs, chancery.Errorf(chancery.ETOOLARGE, "error.match_note_long", "Max", MaxNote, "Field", "note"))
	}
	if !in.Outcome.Valid() {
		errs = append(errs, chancery.Errorf(chancery.EINVALID, "error.match_outcome", "Value", bounded(string(in.Outcome), 20), "Field", "outcome"))
	}
	return errors.Join(errs...)
}

func validDay(d string) bool {
	if len(d) != 10 || strings.TrimSpace(d) != d {
		return false
	}
	_, err := calendar.ParseDate(d)
	return err == nil
}
