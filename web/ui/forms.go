package ui

import (
	"errors"
	"fmt"
	"html/template"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/chancery-platform/chancery"
)

// FormError is one problem of a form checked whole: the id of the field it
// is about ("" for the form as a whole: a conflict, a stale edit, a wrong
// password) and the message in the reader's language.
type FormError struct{ Field, Message string }

// FormErrors are a form's problems in the order its checks found them,
// which is the form's order: the "error-summary" partial lists them, each
// a link to its field, and the "field-error" partial shows each field's
// own above its input.
type FormErrors []FormError

// Has reports whether field name is in error.
func (fe FormErrors) Has(name string) bool {
	for _, e := range fe {
		if e.Field == name {
			return true
		}
	}
	return false
}

// InOrder are the errors in the order of the inputs ids lists, the form's,
// which the summary follows; the form's own problems, and those of inputs
// ids does not list, come first.
func (fe FormErrors) InOrder(ids ...string) FormErrors {
	out := slices.Clone(fe)
	slices.SortStableFunc(out, func(a, b FormError) int { return slices.Index(ids, a.Field) - slices.Index(ids, b.Field) })
	return out
}

// FieldError is what the "field-error" partial needs to show one field's
// error: the field's id and its message, "" when it has none.
type FieldError struct{ Name, Error string }

// For is field name's error, for the "field-error" partial.
func (fe FormErrors) For(name string) FieldError {
	for _, e := range fe {
		if e.Field == name {
			return FieldError{Name: name, Error: e.Message}
		}
	}
	return FieldError{Name: name}
}

// Attrs are the attributes that tie field name's input to its hints and,
// when it is in error, to its message: aria-describedby (the hints' ids,
// then "name-error") and aria-invalid.
func (fe FormErrors) Attrs(name string, hints ...string) template.HTMLAttr {
	ids := hints
	if fe.Has(name) {
		ids = append(ids[:len(ids):len(ids)], name+"-error")
	}
	var b strings.Builder
	if len(ids) > 0 {
		b.WriteString(` aria-describedby="` + template.HTMLEscapeString(strings.Join(ids, " ")) + `"`)
	}
	if fe.Has(name) {
		b.WriteString(` aria-invalid="true"`)
	}
	return template.HTMLAttr(b.String())
}

// FormFields map the fields a rule names in an error's Data["Field"] to
// the ids of the inputs that hold them.
type FormFields map[string]string

// Fields are form fields whose inputs have their names for ids.
func Fields(names ...string) FormFields {
	out := FormFields{}
	for _, n := range names {
		out[n] = n
	}
	return out
}

// FieldErrors are the errors err holds about the fields of a form, in
// lang, and whether err is wholly about them: an EINVALID error for each,
// naming in Data["Field"] a field fields maps to the id of its input.
// Anything else (a conflict, a field the form does not have) is not a
// problem the person can fix in the form.
func (s *Server) FieldErrors(lang string, err error, fields FormFields) (FormErrors, bool) {
	all := chancery.Errors(err)
	if len(all) == 0 {
		return nil, false
	}
	var out FormErrors
	for _, e := range all {
		f, _ := e.Data["Field"].(string)
		id, ok := fields[f]
		if e.Code != chancery.EINVALID || !ok {
			return nil, false
		}
		out = append(out, FormError{Field: id, Message: s.Translate(lang, e.Key, e.Data)})
	}
	return out, true
}

// FormErrorsOf are every problem err holds, in lang: each about a field
// fields maps to an input linked to it (a value that breaks a rule or is
// too long), the others (a conflict, a stale edit, a field the form does
// not show) the form's as a whole. A message that names its field ("The
// field “{{.Field}}” is required") names it by its label, the message
// "field.NAME" (NAME the field, dots written as underscores), where the
// product has one. ok is false,
// and the request should fail, when err holds no problem the person can
// act on: an internal error.
func (s *Server) FormErrorsOf(lang string, err error, fields FormFields) (errs FormErrors, status int, ok bool) {
	code := chancery.ErrorCode(err)
	if code == chancery.EINTERNAL {
		return nil, http.StatusInternalServerError, false
	}
	for _, e := range chancery.Errors(err) {
		f, _ := e.Data["Field"].(string)
		id := fields[f]
		if e.Code != chancery.EINVALID && e.Code != chancery.ETOOLARGE {
			id = ""
		}
		data := e.Data
		if label := "field." + strings.ReplaceAll(f, ".", "_"); id != "" && s.TranslateOr(lang, label, "") != "" {
			data = maps.Clone(e.Data)
			data["Field"] = s.Translate(lang, label, nil)
		}
		errs = append(errs, FormError{Field: id, Message: s.Translate(lang, e.Key, data)})
	}
	if len(errs) == 0 {
		return nil, http.StatusInternalServerError, false
	}
	return errs, StatusOf(code), true
}

// MoreErrors is prior joined with the errors of later about fields prior
// does not already name, nor skip: a field a form could not read is
// reported once, not judged again by the rules on the value it kept (skip
// names the fields the rules compare with it).
func MoreErrors(prior, later error, skip ...string) error {
	named := map[string]bool{}
	for _, f := range skip {
		named[f] = true
	}
	for _, e := range chancery.Errors(prior) {
		if f, ok := e.Data["Field"].(string); ok {
			named[f] = true
		}
	}
	out := []error{prior}
	for _, e := range chancery.Errors(later) {
		if f, ok := e.Data["Field"].(string); !ok || !named[f] {
			out = append(out, e)
		}
	}
	if len(chancery.Errors(later)) == 0 {
		out = append(out, later) // an error that is no *chancery.Error: a fault
	}
	return errors.Join(out...)
}

// Posted is what a refused form was sent with, so that the page shown
// again keeps what was typed; nil on a page not answering a form.
type Posted url.Values

// Or is the value field name was sent with when the form was refused, else
// stored, the value the page shows.
func (p Posted) Or(name string, stored any) string {
	if p != nil {
		return url.Values(p).Get(name)
	}
	return fmt.Sprint(stored)
}
