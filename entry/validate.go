package entry

import (
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/chancery-platform/chancery"
)

// Limits of a request's numbers.
const (
	MinStayDays     = 1
	MaxStayDays     = 3650
	MaxDaysUsedYear = 366
)

const dayLayout = "2006-01-02"

// Normalized returns r with codes in their canonical case (country codes in
// capitals, the other codes in small letters), surrounding spaces removed and
// Entries defaulted to "single". Only ASCII letters change case, so that no
// other character can turn into a valid code.
func (r Request) Normalized() Request {
	r.Destination = asciiUpper(strings.TrimSpace(r.Destination))
	r.Nationality = asciiUpper(strings.TrimSpace(r.Nationality))
	r.Passport = Passport(asciiLower(strings.TrimSpace(string(r.Passport))))
	r.Purpose = Purpose(asciiLower(strings.TrimSpace(string(r.Purpose))))
	r.Entries = asciiLower(strings.TrimSpace(r.Entries))
	if r.Entries == "" {
		r.Entries = Single
	}
	r.On = strings.TrimSpace(r.On)
	return r
}

// Validate reports every field of r, once normalized, that cannot be
// checked, each a *chancery.Error with code EINVALID, a message key naming
// the field's problem and the field in Data["Field"], joined in the
// request's order (chancery.Errors lists them; errors.As finds the first).
func (r Request) Validate() error {
	return r.Normalized().validate()
}

// validate checks a request that is already normalized.
func (r Request) validate() error {
	var errs []error
	bad := func(field, key string, data ...any) {
		errs = append(errs, chancery.Errorf(chancery.EINVALID, key, append([]any{"Field", field}, data...)...))
	}
	if r.Destination != Belarus && r.Destination != China {
		bad("destination", "error.destination_unsupported", "Destination", echo(r.Destination))
	}
	if !validCountry(r.Nationality) {
		bad("nationality", "error.nationality_invalid", "Nationality", echo(r.Nationality))
	}
	if !validPassport(r.Passport) {
		bad("passport", "error.passport_unknown", "Passport", echo(string(r.Passport)))
	}
	if !validPurpose(r.Purpose) {
		bad("purpose", "error.purpose_unknown", "Purpose", echo(string(r.Purpose)))
	}
	if !validEntries(r.Entries) {
		bad("entries", "error.entries_unknown", "Entries", echo(r.Entries))
	}
	if r.StayDays < MinStayDays || r.StayDays > MaxStayDays {
		bad("stay_days", "error.stay_days_range", "Min", MinStayDays, "Max", MaxStayDays)
	}
	if r.DaysUsedThisYear < 0 || r.DaysUsedThisYear > MaxDaysUsedYear {
		bad("days_used_this_year", "error.days_used_range", "Min", 0, "Max", MaxDaysUsedYear)
	}
	switch {
	case r.On == "":
		bad("on", "error.entry_date_required")
	case !validDay(r.On):
		bad("on", "error.entry_date_invalid", "Date", echo(r.On))
	}
	return errors.Join(errs...)
}

func invalid(key string, data ...any) error {
	return chancery.Errorf(chancery.EINVALID, key, data...)
}

func validPassport(p Passport) bool {
	switch p {
	case Ordinary, Service, Diplomatic:
		return true
	}
	return false
}

func validPurpose(p Purpose) bool {
	switch p {
	case Tourism, Business, Private, Transit, Work, Study, Residence:
		return true
	}
	return false
}

func validEntries(e string) bool {
	switch e {
	case Single, Double, Multiple:
		return true
	}
	return false
}

// validCountry reports whether s has the shape of an ISO 3166-1 alpha-2 code.
func validCountry(s string) bool {
	return len(s) == 2 && isUpper(s[0]) && isUpper(s[1])
}

func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }

// validDay reports whether s is a real calendar day written YYYY-MM-DD.
func validDay(s string) bool {
	if len(s) != len(dayLayout) {
		return false
	}
	_, err := time.Parse(dayLayout, s)
	return err == nil
}

func asciiUpper(s string) string {
	return strings.Map(func(r rune) rune {
		if 'a' <= r && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}, s)
}

func asciiLower(s string) string {
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r - 'A' + 'a'
		}
		return r
	}, s)
}

// echo shortens what a person typed before it goes back into a message, so
// an error never carries a whole pasted document or broken UTF-8.
func echo(s string) string {
	const max = 32
	s = strings.ToValidUTF8(s, "\uFFFD")
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	return string([]rune(s)[:max]) + "…"
}
