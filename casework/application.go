package casework

import (
	"errors"
	"time"

	"github.com/chancery-platform/chancery"
)

// Application is a case as its applicant sees it: which case type (and
// version) it follows, the address it is tied to, where it stands, the
// answers given so far and its history. The applicant holds no account:
// a private link (a token the store keeps only as a hash) and the
// reference reach it.
type Application struct {
	ID        int64
	Reference string // read out on the phone: "7F3K-9QXA"
	Mission   string
	CaseType  string
	Version   int // the case type's version the application follows for its life
	Email     string
	Lang      string
	Stage     string
	Answers   Answers
	// MRZ is the machine-readable zone of the applicant's passport as the
	// applicant typed it, "" for none: compared with the answers
	// (CompareMRZ) for the applicant to check before submission.
	MRZ string
	// Confirmed is when the applicant followed the link of the first mail,
	// showing the address is theirs; zero until then. A case is submitted
	// only from a confirmed address.
	Confirmed   time.Time
	Created     time.Time
	Updated     time.Time
	Submitted   time.Time // zero while a draft
	History     []Event
	Documents   []Document // the files uploaded, by checklist item and upload
	DraftExpiry time.Time  // while a draft: when it is deleted unless saved again
	Work                   // the desk's: assignee, due day, request, decision
}

// Event is one step of an application's history.
type Event struct {
	At    time.Time `json:"at"`
	Stage string    `json:"stage"`
	Actor string    `json:"actor"` // "applicant", or the staff member's name
	Note  string    `json:"note,omitempty"`
}

// DraftKept is how long a draft is kept after it was last saved.
const DraftKept = 30 * 24 * time.Hour

// Editable reports whether the applicant may change the answers now: in a
// draft, or when the mission asked for more.
func (a Application) Editable() bool { return a.Stage == Draft || a.Stage == Waiting }

// Open reports whether the case still runs: not decided, not withdrawn.
func (a Application) Open() bool { return a.Stage != Decided && a.Stage != Withdrawn }

// The refusals of the applicant's steps.
var (
	ErrNotEditable  = chancery.Errorf(chancery.ECONFLICT, "error.application_not_editable")
	ErrNotConfirmed = chancery.Errorf(chancery.ECONFLICT, "error.application_not_confirmed")
	ErrClosed       = chancery.Errorf(chancery.ECONFLICT, "error.application_closed")
)

// CanSubmit tells why the application cannot be submitted now, if it
// cannot: it is no draft, its address is not confirmed, or something is
// missing (every unanswered question and every document without a file,
// as EINVALID errors naming them).
func (t CaseType) CanSubmit(a Application, f Files) error {
	if !a.Editable() {
		return ErrNotEditable
	}
	if a.Confirmed.IsZero() {
		return ErrNotConfirmed
	}
	errs := []error{t.CheckAnswers(a.Answers, true)}
	for _, d := range t.Lacks(a.Answers, f).Documents {
		errs = append(errs, chancery.Errorf(chancery.EINVALID, "error.case_document_missing", "Field", "document:"+d, "Document", d))
	}
	return errors.Join(errs...)
}

// KeepUntil is when the file of a case that ended with result at ended is
// due for destruction: the result's retention period after it. False when
// the type has no such result.
func (t CaseType) KeepUntil(result string, ended time.Time) (time.Time, bool) {
	r, ok := t.Result(result)
	if !ok {
		return time.Time{}, false
	}
	return ended.AddDate(r.RetentionYears, 0, 0), true
}
