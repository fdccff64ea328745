package entry

import (
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

// Validate reports the first field of r, once normalized, that cannot be
// checked, as a *chancery.Error with code EINVALID and a message key naming
// the field's problem.
func (r Request) Validate() error {
	return r.Normalized().validate()
}

// validate checks a request that is already normalized.
func (r Request) validate() error {
	switch {
	case r.Destination != Belarus && r.Destination != China:
		return invalid("error.destination_unsupported", "Destination", echo(r.Destination))
	case !validCountry(r.Nationality):
		return invalid("error.nationality_invalid", "Nationality", echo(r.Nationality))
	case !validPassport(r.Passport):
		return invalid("error.passport_unknown", "Passport", echo(string(r.Passport)))
	case !validPurpose(r.Purpose):
		return invalid("error.purpose_unknown", "Purpose", echo(string(r.Purpose)))
	case !validEntries(r.Entries):
		return invalid("error.entries_unknown", "Entries", echo(r.Entries))
	case r.StayDays < MinStayDays || r.StayDays > MaxStayDays:
		return invalid("error.stay_days_range", "Min", MinStayDays, "Max", MaxStayDays)
	case r.DaysUsedThisYear < 0 || r.DaysUsedThisYear > MaxDaysUsedYear:
		return invalid("error.days_used_range", "Min", 0, "Max", MaxDaysUsedYear)
	case r.On == "":
		return invalid("error.entry_date_required")
	case !validDay(r.On):
		return invalid("error.entry_date_invalid", "Date", echo(r.On))
	}
	return nil
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
