// Package casework is the consular case: what a mission's case types ask,
// require and decide (a visa application, a certificate of return, a
// consular registration, a birth to register, a notarial act), and the
// rules a case's answers and documents are checked by. Case types are
// data, kept in versions: a case keeps the version it was started with.
// Pure Go: no storage, no HTTP.
package casework

import (
	"errors"
	"fmt"
	"regexp"
	"slices"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/mission"
)

// CaseType is one kind of case a mission handles, in four languages: the
// questions it asks (some only for some earlier answers), the documents
// it requires (some only for some answers), its fee, how many working
// days it takes, the appointment service a case needs if any, the
// statuses a case passes through (and which inform the applicant) and the
// results it can end with, each with how long its file is kept.
type CaseType struct {
	ID          string         `json:"id"`
	Mission     string         `json:"mission"`
	Version     int            `json:"version"` // 1 for the first; each saved change adds one
	Name        mission.Text   `json:"name"`
	Description mission.Text   `json:"description,omitempty"`
	Questions   []Question     `json:"questions"`
	Documents   []DocumentRule `json:"documents"`
	Fee         booking.Fee    `json:"fee"`
	// ProcessingDays is how many of the mission's working days a decision
	// takes once the case is complete.
	ProcessingDays int `json:"processing_days"`
	// Appointment is the service whose appointment the case needs (its
	// submission or collection), "" when it needs none.
	Appointment string       `json:"appointment,omitempty"`
	Statuses    []Status     `json:"statuses"`
	Results     []Result     `json:"results"`
	Refusals    []Reason     `json:"refusals,omitempty"` // the reasons a refusal may give
	Appeal      mission.Text `json:"appeal,omitempty"`   // how to appeal a refusal
	// SecondConsul: a refusal needs a second consul's agreement.
	SecondConsul bool `json:"second_consul,omitempty"`
	// Retired: no new case of the type can be started; cases already
	// started go on under their version.
	Retired bool `json:"retired,omitempty"`
}

// The kinds of a question's answer.
const (
	KindText   = "text"   // a line of text
	KindLong   = "long"   // a paragraph
	KindDate   = "date"   // YYYY-MM-DD
	KindChoice = "choice" // one of Choices
	KindYesNo  = "yesno"  // "yes" or "no"
	KindNumber = "number" // a whole number
)

// Question is one question of a case type.
type Question struct {
	ID       string       `json:"id"`
	Kind     string       `json:"kind"`
	Label    mission.Text `json:"label"`
	Hint     mission.Text `json:"hint,omitempty"`
	Choices  []Choice     `json:"choices,omitempty"` // KindChoice only
	Optional bool         `json:"optional,omitempty"`
	// When shows the question only for some answers of an earlier one;
	// nil shows it always.
	When *Condition `json:"when,omitempty"`
	// Role says which fact of the applicant's identity the answer is (one
	// of Roles), so that it can be compared with the passport's
	// machine-readable zone; "" for none.
	Role string `json:"role,omitempty"`
}

// Choice is one answer a choice question offers.
type Choice struct {
	Value string       `json:"value"`
	Label mission.Text `json:"label"`
}

// Condition holds when an earlier question's answer is one of In.
type Condition struct {
	Question string   `json:"question"`
	In       []string `json:"in"`
}

// The file types a document may be, judged from a file's content.
const (
	TypePDF  = "pdf"
	TypeJPEG = "jpeg"
	TypePNG  = "png"
)

// DocumentRule is one item of a case type's checklist: a document the
// applicant uploads, of the types it allows, required only for some
// answers when When is set.
type DocumentRule struct {
	ID       string       `json:"id"`
	Name     mission.Text `json:"name"`
	Hint     mission.Text `json:"hint,omitempty"`
	Types    []string     `json:"types"`
	Photo    bool         `json:"photo,omitempty"` // checked as an ID photo (REFERENCE §5)
	Optional bool         `json:"optional,omitempty"`
	MaxFiles int          `json:"max_files,omitempty"` // 0: DefaultMaxFiles
	When     *Condition   `json:"when,omitempty"`
}

// DefaultMaxFiles is how many files a checklist item takes unless it says.
const DefaultMaxFiles = 5

// The stages of a case's life: every case type's statuses are these, named
// in its own words, with its own choice of which inform the applicant.
const (
	Draft         = "draft"     // the applicant is filling it in
	Submitted     = "submitted" // sent; not yet looked at
	InReview      = "in_review" // an officer checks it
	Waiting       = "waiting"   // the mission asked the applicant for more; the clock stops
	ReadyToDecide = "ready"     // complete; for a consul to decide
	Decided       = "decided"   // issued or refused: see the result
	Withdrawn     = "withdrawn" // the applicant withdrew it
)

// Stages are the stages in their order.
var Stages = []string{Draft, Submitted, InReview, Waiting, ReadyToDecide, Decided, Withdrawn}

// Status is a stage as a case type names it, and whether reaching it
// sends the applicant a mail.
type Status struct {
	Stage   string       `json:"stage"`
	Name    mission.Text `json:"name"`
	Informs bool         `json:"informs,omitempty"`
}

// Result is how a case can end, with how long its file is kept after the
// decision.
type Result struct {
	ID             string       `json:"id"` // e.g. issued, refused, withdrawn
	Name           mission.Text `json:"name"`
	RetentionYears int          `json:"retention_years"`
}

// Reason is one reason a refusal may give.
type Reason struct {
	ID   string       `json:"id"`
	Text mission.Text `json:"text"`
}

var idPattern = regexp.MustCompile(`^[a-z][a-z0-9_-]{0,47}$`)

// Limits of a case type.
const (
	MaxQuestions = 100
	MaxDocuments = 40
	MaxChoices   = 50
	MaxRetention = 100 // years
)

// Validate checks a case type as staff save it, reporting every fault at
// once (errors.Join of EINVALID "error.casetype_invalid" naming the field
// and what is wrong): ids well-formed and unique, a name in every
// language, choice questions with choices, conditions on an earlier
// question and on answers it can give, documents of known types, every
// stage named once, results with a retention.
func (t CaseType) Validate() error {
	var errs []error
	bad := func(field, what string, args ...any) {
		errs = append(errs, chancery.Errorf(chancery.EINVALID, "error.casetype_invalid", "Field", field, "Problem", fmt.Sprintf(what, args...)))
	}
	if !idPattern.MatchString(t.ID) {
		bad("id", "an id is lower-case letters, digits, - and _, starting with a letter")
	}
	if m := t.Name.Missing(); t.Name.Empty() || len(m) > 0 {
		bad("name", "the name is needed in every language")
	}
	if t.ProcessingDays < 0 || t.ProcessingDays > 365 {
		bad("processing_days", "processing takes 0 to 365 working days")
	}
	if err := (booking.Catalogue{Fee: t.Fee}).Validate(); err != nil {
		bad("fee", "the fee is not valid")
	}
	if len(t.Questions) > MaxQuestions {
		bad("questions", "at most %d questions", MaxQuestions)
	}
	seen := map[string]*Question{}
	roles := map[string]bool{}
	for i := range t.Questions {
		q := &t.Questions[i]
		field := fmt.Sprintf("questions[%d]", i)
		if !idPattern.MatchString(q.ID) {
			bad(field, "question %d has no well-formed id", i+1)
		} else if seen[q.ID] != nil {
			bad(field, "the question id %q is used twice", q.ID)
		}
		if q.Label.Empty() || len(q.Label.Missing()) > 0 {
			bad(field, "question %q needs its label in every language", q.ID)
		}
		switch q.Kind {
		case KindChoice:
			if len(q.Choices) == 0 || len(q.Choices) > MaxChoices {
				bad(field, "question %q offers 1 to %d choices", q.ID, MaxChoices)
			}
			values := map[string]bool{}
			for _, c := range q.Choices {
				if !idPattern.MatchString(c.Value) || values[c.Value] || c.Label.Empty() {
					bad(field, "question %q has a choice without a well-formed, unique value and a label", q.ID)
					break
				}
				values[c.Value] = true
			}
		case KindText, KindLong, KindDate, KindYesNo, KindNumber:
			if len(q.Choices) > 0 {
				bad(field, "question %q is not a choice but offers choices", q.ID)
			}
		default:
			bad(field, "question %q has an unknown kind %q", q.ID, q.Kind)
		}
		if q.When != nil {
			if err := checkCondition(*q.When, seen); err != "" {
				bad(field, "question %q: %s", q.ID, err)
			}
		}
		if q.Role != "" {
			if err := checkRole(*q, roles); err != "" {
				bad(field, "question %q: %s", q.ID, err)
			}
			roles[q.Role] = true
		}
		seen[q.ID] = q
	}
	if len(t.Documents) > MaxDocuments {
		bad("documents", "at most %d documents", MaxDocuments)
	}
	docs := map[string]bool{}
	for i, d := range t.Documents {
		field := fmt.Sprintf("documents[%d]", i)
		if !idPattern.MatchString(d.ID) || docs[d.ID] {
			bad(field, "document %d has no well-formed, unique id", i+1)
		}
		docs[d.ID] = true
		if d.Name.Empty() || len(d.Name.Missing()) > 0 {
			bad(field, "document %q needs its name in every language", d.ID)
		}
		if len(d.Types) == 0 {
			bad(field, "document %q allows no file type", d.ID)
		}
		for _, ty := range d.Types {
			if ty != TypePDF && ty != TypeJPEG && ty != TypePNG {
				bad(field, "document %q allows an unknown type %q", d.ID, ty)
			}
		}
		if d.Photo && slices.Contains(d.Types, TypePDF) {
			bad(field, "document %q is a photo, which is never a PDF", d.ID)
		}
		if d.MaxFiles < 0 || d.MaxFiles > 20 {
			bad(field, "document %q takes 1 to 20 files", d.ID)
		}
		if d.When != nil {
			if err := checkCondition(*d.When, seen); err != "" {
				bad(field, "document %q: %s", d.ID, err)
			}
		}
	}
	stages := map[string]bool{}
	for _, s := range t.Statuses {
		if !slices.Contains(Stages, s.Stage) || stages[s.Stage] {
			bad("statuses", "the status %q is not a stage, or is named twice", s.Stage)
		}
		stages[s.Stage] = true
		if s.Name.Empty() {
			bad("statuses", "the status %q needs a name", s.Stage)
		}
	}
	for _, s := range Stages {
		if !stages[s] {
			bad("statuses", "the stage %q has no status", s)
		}
	}
	results := map[string]bool{}
	for _, r := range t.Results {
		if !idPattern.MatchString(r.ID) || results[r.ID] || r.Name.Empty() {
			bad("results", "a result has no well-formed, unique id or no name")
		}
		results[r.ID] = true
		if r.RetentionYears < 1 || r.RetentionYears > MaxRetention {
			bad("results", "the result %q keeps its file 1 to %d years", r.ID, MaxRetention)
		}
	}
	for _, need := range []string{ResultIssued, ResultRefused, ResultWithdrawn} {
		if !results[need] {
			bad("results", "the result %q is missing", need)
		}
	}
	for _, r := range t.Refusals {
		if !idPattern.MatchString(r.ID) || r.Text.Empty() {
			bad("refusals", "a refusal reason has no well-formed id or no text")
		}
	}
	return errors.Join(errs...)
}

// The results every case type has.
const (
	ResultIssued    = "issued"
	ResultRefused   = "refused"
	ResultWithdrawn = "withdrawn"
)

// checkCondition tells what is wrong with a condition on the questions
// before it (earlier), "" when nothing.
func checkCondition(c Condition, earlier map[string]*Question) string {
	q := earlier[c.Question]
	if q == nil {
		return fmt.Sprintf("its condition names %q, which is not an earlier question", c.Question)
	}
	if len(c.In) == 0 {
		return "its condition lists no answer"
	}
	for _, v := range c.In {
		if !q.offers(v) {
			return fmt.Sprintf("its condition asks for %q, which %q cannot answer", v, q.ID)
		}
	}
	return ""
}

// offers reports whether v is an answer the question can give, for a
// condition on it: a choice's value, yes or no.
func (q Question) offers(v string) bool {
	switch q.Kind {
	case KindChoice:
		return slices.ContainsFunc(q.Choices, func(c Choice) bool { return c.Value == v })
	case KindYesNo:
		return v == "yes" || v == "no"
	}
	return false
}

// Stage is the case type's status for a stage.
func (t CaseType) Stage(stage string) (Status, bool) {
	for _, s := range t.Statuses {
		if s.Stage == stage {
			return s, true
		}
	}
	return Status{}, false
}

// Result is the case type's result of id.
func (t CaseType) Result(id string) (Result, bool) {
	for _, r := range t.Results {
		if r.ID == id {
			return r, true
		}
	}
	return Result{}, false
}
