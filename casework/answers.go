package casework

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/calendar"
)

// Answers are an application's answers by question id, as typed.
type Answers map[string]string

// Limits of an answer, in characters.
const (
	MaxTextAnswer = 300
	MaxLongAnswer = 4000
)

// holds reports whether the condition holds for the answers.
func (c *Condition) holds(a Answers) bool {
	if c == nil {
		return true
	}
	v := strings.TrimSpace(a[c.Question])
	for _, want := range c.In {
		if v == want {
			return true
		}
	}
	return false
}

// Asked are the questions the answers make the type ask, in order: a
// question whose condition names a question not asked is not asked either.
func (t CaseType) Asked(a Answers) []Question {
	asked := map[string]bool{}
	var out []Question
	for _, q := range t.Questions {
		if q.When != nil && (!asked[q.When.Question] || !q.When.holds(a)) {
			continue
		}
		asked[q.ID] = true
		out = append(out, q)
	}
	return out
}

// CheckAnswers checks the answers to the questions asked, reporting every
// fault at once (errors.Join of EINVALID errors naming the question as
// Field). Unanswered questions are faults only when complete is set (at
// submission: a draft may be saved half done). Answers to questions the
// type does not ask are refused: they would be kept unseen.
func (t CaseType) CheckAnswers(a Answers, complete bool) error {
	var errs []error
	fault := func(q, key string, data ...any) {
		errs = append(errs, chancery.Errorf(chancery.EINVALID, key, append([]any{"Field", q}, data...)...))
	}
	asked := t.Asked(a)
	known := map[string]bool{}
	for _, q := range t.Questions {
		known[q.ID] = true
	}
	for id := range a {
		if !known[id] {
			fault(id, "error.case_answer_unknown", "Question", chancery.Echo(id))
		}
	}
	for _, q := range asked {
		v := strings.TrimSpace(a[q.ID])
		if v == "" {
			if complete && !q.Optional {
				fault(q.ID, "error.case_answer_required")
			}
			continue
		}
		if !utf8.ValidString(v) {
			fault(q.ID, "error.case_answer_text")
			continue
		}
		switch q.Kind {
		case KindText:
			if utf8.RuneCountInString(v) > MaxTextAnswer || strings.ContainsAny(v, "\r\n") {
				fault(q.ID, "error.case_answer_too_long", "Max", MaxTextAnswer)
			}
			switch {
			case q.Role == RoleNationality && !isCountryCode(v):
				fault(q.ID, "error.case_answer_nationality", "Value", chancery.Echo(v))
			case q.Role == RoleDocumentNumber && documentNumber(v) == "":
				fault(q.ID, "error.case_answer_document_number", "Value", chancery.Echo(v))
			}
		case KindLong:
			if utf8.RuneCountInString(v) > MaxLongAnswer {
				fault(q.ID, "error.case_answer_too_long", "Max", MaxLongAnswer)
			}
		case KindDate:
			if _, err := calendar.ParseDate(v); err != nil {
				fault(q.ID, "error.case_answer_date", "Value", chancery.Echo(v))
			}
		case KindNumber:
			if n, err := strconv.Atoi(v); err != nil || n < 0 || n > 1_000_000 {
				fault(q.ID, "error.case_answer_number", "Value", chancery.Echo(v))
			}
		case KindYesNo, KindChoice:
			if !q.offers(v) {
				fault(q.ID, "error.case_answer_choice", "Value", chancery.Echo(v))
			}
		}
	}
	return errors.Join(errs...)
}

// Clean is the answers as kept: trimmed, and only those to questions the
// answers make the type ask (an answer to a question no longer asked,
// after an earlier answer changed, is dropped).
func (t CaseType) Clean(a Answers) Answers {
	out := Answers{}
	for _, q := range t.Asked(a) {
		if v := strings.TrimSpace(a[q.ID]); v != "" {
			out[q.ID] = v
		}
	}
	return out
}

// Checklist is the documents the answers make the type require, in order.
func (t CaseType) Checklist(a Answers) []DocumentRule {
	var out []DocumentRule
	for _, d := range t.Documents {
		if d.When == nil || d.When.holds(a) {
			out = append(out, d)
		}
	}
	return out
}

// Files is how many files an application holds for each checklist item.
type Files map[string]int

// Missing is what an application lacks before it can be submitted: every
// question asked and not answered (Question) and every required document
// without a file (Document).
type Missing struct {
	Questions []string `json:"questions"`
	Documents []string `json:"documents"`
}

// Empty reports whether nothing is missing.
func (m Missing) Empty() bool { return len(m.Questions) == 0 && len(m.Documents) == 0 }

// Lacks is what the application lacks for submission.
func (t CaseType) Lacks(a Answers, f Files) Missing {
	m := Missing{Questions: []string{}, Documents: []string{}}
	for _, q := range t.Asked(a) {
		if !q.Optional && strings.TrimSpace(a[q.ID]) == "" {
			m.Questions = append(m.Questions, q.ID)
		}
	}
	for _, d := range t.Checklist(a) {
		if !d.Optional && f[d.ID] == 0 {
			m.Documents = append(m.Documents, d.ID)
		}
	}
	return m
}

// MaxFilesOf is how many files the checklist item takes.
func (d DocumentRule) MaxFilesOf() int {
	if d.MaxFiles > 0 {
		return d.MaxFiles
	}
	return DefaultMaxFiles
}
