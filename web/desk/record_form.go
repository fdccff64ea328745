package desk

import (
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/web/ui"
)

// blankItems is how many empty rows each list of the record form offers
// for new items; saving with more filled in shows more.
const blankItems = 2

// recordForm is the editor of one record, built from its kind's columns:
// the one-value fields in order, texts as a group of four languages, and
// each list as rows of its columns.
type recordForm struct {
	Kind    string
	ID      string // "" for a new record
	Groups  []formGroup
	Errors  ui.FormErrors // every problem of the record sent, found at once
	Saved   bool
	Sources []string // source identifiers, for the citation fields
}

// formGroup is a field of one value, a text in four languages or an
// object of a few values (a fieldset), or a list (rows of fieldsets).
type formGroup struct {
	Name   string // "id", "name", "value", "citations"
	List   bool
	Inputs []formInput // one-value field, text or object
	Items  []formItem  // a list: a row of inputs per item
}

// formItem is one item of a list in the form, numbered from 1.
type formItem struct {
	N      int
	Inputs []formInput
}

// formInput is one input of the form: its column (the form field name),
// its id, its value and how it is entered.
type formInput struct {
	Column  string
	ID      string
	Label   string // message key
	Value   string
	Kind    string   // "text", "textarea", "select", "number"
	Options []string // for a select
	Error   string   // the problem of what it holds, in the reader's language
}

// Errors are the input's problem, for the "field-error" partial and its
// attributes.
func (in formInput) Errors() ui.FormErrors {
	if in.Error == "" {
		return nil
	}
	return ui.FormErrors{{Field: in.ID, Message: in.Error}}
}

// inputFor describes the input of a column of a record kind.
func inputFor(kind string, c cooperation.Column, value string, item int, sources []string) formInput {
	col := string(c)
	in := formInput{Column: col, Value: value, Kind: "text", Label: "record.col." + labelOf(col)}
	in.ID = "f-" + strings.NewReplacer("[]", "", ".", "-", "#", "", "?", "").Replace(col)
	if c.List() != "" {
		in.ID += "-" + strconv.Itoa(item)
	}
	switch {
	case col == "kind":
		in.Kind = "select"
		switch kind {
		case cooperation.KindEntity:
			in.Options = cooperation.EntityKinds
		case cooperation.KindPartnership:
			in.Options = cooperation.PartnershipKinds
		case cooperation.KindAgreement:
			in.Options = cooperation.AgreementKinds
		case cooperation.KindEvent:
			in.Options = cooperation.EventKinds
		}
	case col == "flow":
		in.Kind, in.Options = "select", cooperation.Flows
	case col == "citations[].source" || col == "citation.source":
		in.Kind, in.Options = "select", sources
	case col == "citations[].kind" || col == "citation.kind":
		in.Kind, in.Options = "select", []string{"", mission.SourcedStatement, mission.SetByMission}
	case strings.HasSuffix(col, ".quote") || strings.HasPrefix(col, "about.") || strings.HasPrefix(col, "outcome."):
		in.Kind = "textarea"
	case strings.HasSuffix(col, "#"):
		in.Kind = "number"
	case strings.HasSuffix(col, "?"):
		in.Kind, in.Options = "select", []string{"true"}
	}
	if in.Kind == "select" && value != "" && !slices.Contains(in.Options, value) {
		in.Options = append([]string{value}, in.Options...) // keep what is there, so the check can name it
	}
	return in
}

// labelOf is a column's label key: "aliases.text" for "aliases[].text",
// "count" for "count#"; a text's language has the language's own label.
func labelOf(col string) string {
	if strings.HasSuffix(col, "[]") {
		return strings.TrimSuffix(col, "[]") + ".item"
	}
	col = strings.NewReplacer("[]", "", "#", "", "?", "").Replace(col)
	for _, l := range ui.Languages {
		if strings.HasSuffix(col, ".note."+l.Code) {
			return "note." + l.Code
		}
		if strings.HasSuffix(col, ".translation."+l.Code) {
			return "translation." + l.Code
		}
		if strings.HasSuffix(col, "."+l.Code) && !strings.HasPrefix(col, "citation") {
			return "lang." + l.Code
		}
	}
	return col
}

// groupOf is the group a column belongs to: its list, its object, or itself.
func groupOf(c cooperation.Column) string {
	if l := c.List(); l != "" {
		return l
	}
	if p := c.Parent(); p != "" {
		return p
	}
	return strings.TrimSuffix(strings.TrimSuffix(string(c), "#"), "?")
}

// newRecordForm lays out the form of a record kind filled with f.
func newRecordForm(kind, id string, f cooperation.Fields, sources []string) recordForm {
	form := recordForm{Kind: kind, ID: id, Sources: sources}
	index := map[string]int{}
	for _, c := range cooperation.Columns[kind] {
		name := groupOf(c)
		i, ok := index[name]
		if !ok {
			i = len(form.Groups)
			index[name] = i
			form.Groups = append(form.Groups, formGroup{Name: name, List: c.List() != ""})
		}
		g := &form.Groups[i]
		if !g.List {
			g.Inputs = append(g.Inputs, inputFor(kind, c, f.Get(c), 0, sources))
			continue
		}
		n := f.Items(kind)
		for len(g.Items) < n+blankItems {
			g.Items = append(g.Items, formItem{N: len(g.Items) + 1})
		}
		for item := range g.Items {
			v := ""
			if item < len(f[c]) {
				v = f[c][item]
			}
			g.Items[item].Inputs = append(g.Items[item].Inputs, inputFor(kind, c, v, item, sources))
		}
	}
	return form
}

// fieldsFromForm reads a record's columns from a posted form: each column
// its field name, a list's columns once per row in order.
func fieldsFromForm(r *http.Request, kind string) cooperation.Fields {
	f := cooperation.Fields{}
	for _, c := range cooperation.Columns[kind] {
		if vs := r.PostForm[string(c)]; len(vs) > 0 {
			f[c] = vs
		}
	}
	return f
}

var itemIndex = regexp.MustCompile(`\[(\d+)\]`)

// markProblem gives the input field is about (such as
// "citations[1].quote" or "name.en") its problem msg and returns its id,
// "" when no input is about field.
func (form *recordForm) markProblem(field, msg string) string {
	if field == "" {
		return ""
	}
	item := 0
	if m := itemIndex.FindStringSubmatch(field); m != nil {
		item, _ = strconv.Atoi(m[1])
	}
	col := itemIndex.ReplaceAllString(field, "[]")
	for gi := range form.Groups {
		g := &form.Groups[gi]
		mark := func(in *formInput) bool {
			base := strings.TrimSuffix(strings.TrimSuffix(in.Column, "#"), "?")
			if base == col || strings.HasPrefix(base, col+".") || base == col+"[]" {
				in.Error = strings.TrimSpace(in.Error + " " + msg) // two problems of one input are both told
				return true
			}
			return false
		}
		for i := range g.Inputs {
			if mark(&g.Inputs[i]) {
				return g.Inputs[i].ID
			}
		}
		if g.List && item < len(g.Items) {
			ins := g.Items[item].Inputs
			for i := range ins {
				if mark(&ins[i]) {
					return ins[i].ID
				}
			}
		}
		if g.List && col == g.Name && len(g.Items) > 0 {
			in := &g.Items[0].Inputs[0]
			in.Error = strings.TrimSpace(in.Error + " " + msg)
			return g.Items[0].Inputs[0].ID
		}
	}
	return ""
}
