package booking

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/mail"
)

// Applicant is the person who books.
type Applicant struct {
	Name     string
	Email    string
	Phone    string
	Passport string // document number, when the service needs it
	Lang     string // language of their messages: en, zh, ru or be
}

// Limits of an applicant's fields.
const (
	MaxName  = 100
	MaxEmail = 254
)

// Normalized returns a with spaces trimmed, the passport number as
// PassportKey writes it, and the email address and the phone number's
// separators kept as typed (the address mail goes to is the one typed;
// NormalizeEmail is the key that identifies the person).
func (a Applicant) Normalized() Applicant {
	a.Name = strings.Join(strings.Fields(a.Name), " ")
	a.Email = strings.TrimSpace(a.Email)
	a.Phone = strings.TrimSpace(a.Phone)
	a.Passport = PassportKey(a.Passport)
	return a
}

// Validate checks a normalized applicant for a service. Errors are
// *chancery.Error with code EINVALID and a key naming the field.
func (a Applicant) Validate(svc Service) error {
	errs := []error{ValidateContact(a.Name, a.Email)}
	if !validPhone(a.Phone) {
		errs = append(errs, field("phone", "error.booking_phone_invalid", "Phone", echo(a.Phone)))
	}
	switch {
	case svc.NeedsPassport && a.Passport == "":
		errs = append(errs, field("passport", "error.booking_passport_required"))
	case a.Passport != "" && !ValidPassportNumber(a.Passport):
		errs = append(errs, field("passport", "error.booking_passport_invalid", "Passport", echo(a.Passport)))
	}
	return errors.Join(errs...)
}

// ValidateContact checks a normalized name and email address, as every
// form that takes a person's contact does. Errors are *chancery.Error with
// code EINVALID and the field in their data, one a field in error, joined
// (chancery.Errors lists them; errors.As finds the first).
func ValidateContact(name, email string) error {
	var errs []error
	switch {
	case name == "":
		errs = append(errs, field("name", "error.booking_name_required"))
	case utf8.RuneCountInString(name) > MaxName || !printable(name):
		errs = append(errs, field("name", "error.booking_name_invalid", "Max", MaxName))
	}
	switch {
	case email == "":
		errs = append(errs, field("email", "error.booking_email_required"))
	case !validEmail(email):
		errs = append(errs, field("email", "error.booking_email_invalid", "Email", echo(email)))
	}
	return errors.Join(errs...)
}

// field is an EINVALID error about one form field, named in its data.
func field(name, key string, kv ...any) error {
	return chancery.Errorf(chancery.EINVALID, key, append([]any{"Field", name}, kv...)...)
}

func printable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}

// validEmail accepts an address the mailer can deliver to (see
// mail.CheckAddress): one that passes here never fails in the outbox.
func validEmail(s string) bool {
	return len(s) <= MaxEmail && mail.CheckAddress(s) == nil
}

// validPhone accepts international numbers as people write them: an
// optional +, then digits with spaces, dashes, dots or brackets; 6 to 15
// digits (E.164 allows at most 15).
func validPhone(s string) bool {
	if len(s) > 32 {
		return false
	}
	digits := 0
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0:
		case r == ' ' || r == '-' || r == '.' || r == '(' || r == ')':
		default:
			return false
		}
	}
	return digits >= 6 && digits <= 15
}

// ValidPassportNumber reports whether s can be a passport's document
// number as ICAO Doc 9303 writes it in the machine-readable zone: 1 to 9
// capital letters and digits (shorter numbers are padded with '<' there).
// At least one digit: no state issues all-letter numbers.
func ValidPassportNumber(s string) bool {
	if len(s) < 5 || len(s) > 9 {
		return false
	}
	digit := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digit = true
		case c >= 'A' && c <= 'Z':
		default:
			return false
		}
	}
	return digit
}

// echo shortens what a person typed before it goes back into a message.
func echo(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:40]) + "…"
}
