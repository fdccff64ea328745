package casework_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/mission"
)

func text(s string) mission.Text { return mission.Text{"en": s, "zh": s, "ru": s, "be": s} }

// sample is a small, valid case type: a choice, a question asked only for
// one of its answers, a yes/no and a document required only for "yes".
func sample() casework.CaseType {
	var statuses []casework.Status
	for _, s := range casework.Stages {
		statuses = append(statuses, casework.Status{Stage: s, Name: text(s)})
	}
	return casework.CaseType{ID: "visa", Mission: "m", Name: text("Visa"), Fee: booking.Fee{Kind: booking.FeeByMission},
		Questions: []casework.Question{
			{ID: "kind", Kind: casework.KindChoice, Label: text("Kind"), Choices: []casework.Choice{{Value: "c", Label: text("C")}, {Value: "d", Label: text("D")}}},
			{ID: "entries", Kind: casework.KindNumber, Label: text("Entries"), When: &casework.Condition{Question: "kind", In: []string{"c"}}},
			{ID: "arrival", Kind: casework.KindDate, Label: text("Arrival")},
			{ID: "invited", Kind: casework.KindYesNo, Label: text("Invited?")},
			{ID: "note", Kind: casework.KindText, Label: text("Note"), Optional: true},
		},
		Documents: []casework.DocumentRule{
			{ID: "passport", Name: text("Passport"), Types: []string{casework.TypePDF, casework.TypeJPEG}},
			{ID: "invitation", Name: text("Invitation"), Types: []string{casework.TypePDF}, When: &casework.Condition{Question: "invited", In: []string{"yes"}}},
		},
		Statuses: statuses,
		Results: []casework.Result{{ID: "issued", Name: text("Issued"), RetentionYears: 5}, {ID: "refused", Name: text("Refused"), RetentionYears: 5},
			{ID: "withdrawn", Name: text("Withdrawn"), RetentionYears: 1}},
	}
}

// fields are the fields an error reports, in order.
func fields(err error) []string {
	var out []string
	for _, e := range chancery.Errors(err) {
		out = append(out, e.Data["Field"].(string))
	}
	return out
}

func TestValidate(t *testing.T) {
	if err := sample().Validate(); err != nil {
		t.Fatalf("the sample: %v", err)
	}
	cases := []struct {
		name   string
		change func(*casework.CaseType)
		want   []string // the fields in error, every one at once
	}{
		{"an id with capitals", func(c *casework.CaseType) { c.ID = "Visa" }, []string{"id"}},
		{"a name in English only", func(c *casework.CaseType) { c.Name = mission.Text{"en": "Visa"} }, []string{"name"}},
		{"two questions of one id", func(c *casework.CaseType) { c.Questions[2].ID = "kind" }, []string{"questions[2]"}},
		{"a choice with no choices", func(c *casework.CaseType) { c.Questions[0].Choices = nil }, []string{"questions[0]", "questions[1]"}},
		{"a condition on a later question", func(c *casework.CaseType) { c.Questions[1].When.Question = "invited" }, []string{"questions[1]"}},
		{"a condition on an answer never given", func(c *casework.CaseType) { c.Documents[1].When.In = []string{"maybe"} }, []string{"documents[1]"}},
		{"a document of an unknown type", func(c *casework.CaseType) { c.Documents[0].Types = []string{"docx"} }, []string{"documents[0]"}},
		{"a photo as PDF", func(c *casework.CaseType) { c.Documents[0].Photo = true }, []string{"documents[0]"}},
		{"a stage without a status", func(c *casework.CaseType) { c.Statuses = c.Statuses[1:] }, []string{"statuses"}},
		{"no retention", func(c *casework.CaseType) { c.Results[0].RetentionYears = 0 }, []string{"results"}},
		{"no refused result", func(c *casework.CaseType) {
			c.Results = c.Results[:1:1]
			c.Results = append(c.Results, casework.Result{ID: "withdrawn", Name: text("W"), RetentionYears: 1})
		}, []string{"results"}},
		{"three faults at once", func(c *casework.CaseType) { c.ID = ""; c.ProcessingDays = -1; c.Documents[0].Types = nil }, []string{"id", "processing_days", "documents[0]"}},
	}
	for _, c := range cases {
		ct := sample()
		c.change(&ct)
		if got := fields(ct.Validate()); !slices.Equal(got, c.want) {
			t.Errorf("%s: faults in %v, want %v (%v)", c.name, got, c.want, ct.Validate())
		}
	}
}

func TestAnswers(t *testing.T) {
	ct := sample()
	asked := func(a casework.Answers) string {
		var ids []string
		for _, q := range ct.Asked(a) {
			ids = append(ids, q.ID)
		}
		return strings.Join(ids, " ")
	}
	if got := asked(casework.Answers{"kind": "c"}); got != "kind entries arrival invited note" {
		t.Errorf("C visa asks %q", got)
	}
	if got := asked(casework.Answers{"kind": "d", "entries": "2"}); got != "kind arrival invited note" {
		t.Errorf("D visa asks %q", got)
	}

	cases := []struct {
		name     string
		a        casework.Answers
		complete bool
		want     []string
	}{
		{"a draft half done", casework.Answers{"kind": "c"}, false, nil},
		{"submitted half done: every unanswered question", casework.Answers{"kind": "c"}, true, []string{"entries", "arrival", "invited"}},
		{"every bad answer at once", casework.Answers{"kind": "x", "arrival": "15.03.2027", "invited": "perhaps"}, false, []string{"kind", "arrival", "invited"}},
		{"a number that is not", casework.Answers{"kind": "c", "entries": "two"}, false, []string{"entries"}},
		{"a question the type does not ask", casework.Answers{"colour": "red"}, false, []string{"colour"}},
		{"a line with a line break", casework.Answers{"note": "a\nb"}, false, []string{"note"}},
		{"all good", casework.Answers{"kind": "d", "arrival": "2027-03-15", "invited": "no"}, true, nil},
	}
	for _, c := range cases {
		if got := fields(ct.CheckAnswers(c.a, c.complete)); !slices.Equal(got, c.want) {
			t.Errorf("%s: faults in %v, want %v", c.name, got, c.want)
		}
	}
}

func TestLacksAndChecklist(t *testing.T) {
	ct := sample()
	a := casework.Answers{"kind": "c", "arrival": "2027-03-15", "invited": "yes"}
	m := ct.Lacks(a, casework.Files{"passport": 1})
	if !slices.Equal(m.Questions, []string{"entries"}) || !slices.Equal(m.Documents, []string{"invitation"}) || m.Empty() {
		t.Errorf("lacks %+v", m)
	}
	a["entries"], a["invited"] = "1", "no"
	if m := ct.Lacks(a, casework.Files{"passport": 2}); !m.Empty() {
		t.Errorf("complete, yet lacks %+v", m)
	}
	// Changing an earlier answer drops the answers no longer asked.
	a["kind"] = "d"
	if c := ct.Clean(a); c["entries"] != "" || c["arrival"] != "2027-03-15" {
		t.Errorf("clean %v", c)
	}
}

// FuzzCheckAnswers: any answers to the sample are checked without a
// panic, every fault names a question, and clean answers that pass stay
// passing.
func FuzzCheckAnswers(f *testing.F) {
	f.Add("c", "2", "2027-03-15", "yes", "note")
	f.Add("d", "", "2027-02-30", "no", "a\nb")
	f.Add("\xff", "-1", "9999-99-99", "", strings.Repeat("x", 400))
	ct := sample()
	f.Fuzz(func(t *testing.T, kind, entries, arrival, invited, note string) {
		a := casework.Answers{"kind": kind, "entries": entries, "arrival": arrival, "invited": invited, "note": note}
		err := ct.CheckAnswers(a, true)
		for _, e := range chancery.Errors(err) {
			if e.Code != chancery.EINVALID || e.Data["Field"] == "" {
				t.Fatalf("a fault without its question: %+v", e)
			}
		}
		if err == nil {
			if again := ct.CheckAnswers(ct.Clean(a), true); again != nil {
				t.Fatalf("clean answers fail: %v", again)
			}
		}
	})
}
