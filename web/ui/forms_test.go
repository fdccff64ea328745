package ui

import (
	"errors"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery"
)

// TestFormErrorsAttrs: a field in error names its hints and then its
// message, and is marked invalid; a field without one names its hints only.
func TestFormErrorsAttrs(t *testing.T) {
	fe := FormErrors{{Field: "email", Message: "Enter an email address"}, {Message: "The form's own"}}
	for _, tc := range []struct {
		name  string
		hints []string
		want  string
	}{
		{"email", []string{"email-hint"}, ` aria-describedby="email-hint email-error" aria-invalid="true"`},
		{"email", nil, ` aria-describedby="email-error" aria-invalid="true"`},
		{"name", []string{"name-hint"}, ` aria-describedby="name-hint"`},
		{"name", nil, ``},
	} {
		if got := string(fe.Attrs(tc.name, tc.hints...)); got != tc.want {
			t.Errorf("Attrs(%s, %v) = %q, want %q", tc.name, tc.hints, got, tc.want)
		}
	}
	if got := fe.InOrder("name", "email"); got[0].Field != "" || got[1].Field != "email" {
		t.Errorf("InOrder put %v", got)
	}
}

// TestMoreErrors: the rules' errors about a field the form could not read,
// or one compared with it, are left out; the others follow.
func TestMoreErrors(t *testing.T) {
	field := func(f, key string) error { return chancery.Errorf(chancery.EINVALID, key, "Field", f) }
	unread := errors.Join(field("start", "error.datetime_invalid"), field("capacity", "error.event_capacity_invalid"))
	rules := errors.Join(field("end", "error.event_end_before_start"), field("capacity", "error.event_capacity_invalid"),
		field("venue_en", "error.event_venue_required"))
	var got []string
	for _, e := range chancery.Errors(MoreErrors(unread, rules, "end")) {
		got = append(got, e.Data["Field"].(string))
	}
	if want := "start capacity venue_en"; strings.Join(got, " ") != want {
		t.Errorf("MoreErrors named %q, want %q", strings.Join(got, " "), want)
	}
	fault := errors.New("disk full")
	if err := MoreErrors(nil, fault); !errors.Is(err, fault) {
		t.Errorf("a fault among the rules' answers is lost: %v", err)
	}
	if MoreErrors(nil, nil) != nil {
		t.Error("no problems made one")
	}
}
