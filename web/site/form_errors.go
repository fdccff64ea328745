package site

import (
	"github.com/chancery-platform/chancery"
)

// formError is one problem of a form checked whole: the field it is about
// ("" for the form as a whole) and the message in the reader's language.
type formError struct{ Field, Message string }

// formErrors are a form's problems in the order its checks found them,
// which is the form's order: the "error-summary" partial lists them, each
// a link to its field, and each field shows its own above its input.
type formErrors []formError

// Has reports whether field name is in error.
func (fe formErrors) Has(name string) bool {
	for _, e := range fe {
		if e.Field == name {
			return true
		}
	}
	return false
}

// For is what the field-error partials need to show field name's error.
func (fe formErrors) For(name string) fieldErr {
	for _, e := range fe {
		if e.Field == name {
			return fieldErr{Field: name, Name: name, Error: e.Message}
		}
	}
	return fieldErr{Name: name}
}

// fieldErrors are the errors err holds about the fields in fields, in
// lang, and whether err is wholly about them: an EINVALID error for each.
// Anything else (a conflict, a field the form does not have) is not a
// problem the person can fix in the form.
func (s *Server) fieldErrors(lang string, err error, fields map[string]bool) (formErrors, bool) {
	all := chancery.Errors(err)
	if len(all) == 0 {
		return nil, false
	}
	var out formErrors
	for _, e := range all {
		f, _ := e.Data["Field"].(string)
		if e.Code != chancery.EINVALID || !fields[f] {
			return nil, false
		}
		out = append(out, formError{Field: f, Message: s.Translate(lang, e.Key, e.Data)})
	}
	return out, true
}
