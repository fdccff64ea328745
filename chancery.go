// Package chancery holds what every part of the platform shares: the error type
// whose codes the HTTP layer maps to statuses and translated messages.
package chancery

import (
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Error codes. Each maps to one HTTP status in the web package.
const (
	EINVALID      = "invalid"                // the request is malformed or breaks a rule
	ENOTFOUND     = "not_found"              // the thing asked for does not exist
	ECONFLICT     = "conflict"               // the write loses to another or duplicates one
	EUNAUTHORIZED = "unauthorized"           // sign-in is needed
	EFORBIDDEN    = "forbidden"              // signed in, but the role does not allow it
	ERATELIMIT    = "rate_limited"           // too many attempts
	EMETHOD       = "method_not_allowed"     // the HTTP method is wrong for the path
	ETOOLARGE     = "too_large"              // the request body or a field is too long
	EUNSUPPORTED  = "unsupported_media_type" // the request body is not of a type the endpoint reads
	EINTERNAL     = "internal"               // a fault on our side; never caused by input
)

// Error is a failure a person can be told about. Key names a message in the
// translation files and Data fills its placeholders, so every layer can show it
// in the reader's language; Detail is for logs only.
//
// Code decides the HTTP status; what a failure is, for code that acts on it,
// is its identity: a domain package declares a sentinel (booking.ErrSlotFull)
// and callers test for it with errors.Is, never by its Key, which is
// presentation only.
type Error struct {
	Code   string
	Key    string
	Data   map[string]any
	Detail string
	// RetryAfter is, for an ERATELIMIT error, how long until an attempt
	// may be allowed again; the HTTP layer sends it as Retry-After.
	RetryAfter time.Duration

	sentinel *Error // the declared error this one was made from by With
}

// Is reports whether e is target, or was made from target by With.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t != nil && (e == t || e.sentinel == t)
}

// With returns e with data for its message (a flat list of placeholder
// names and values); errors.Is still finds e in it. e is left as it is, so
// a sentinel can be given data each time it is returned.
func (e *Error) With(data ...any) *Error {
	out := Errorf(e.Code, e.Key, data...)
	out.sentinel = e
	if e.sentinel != nil {
		out.sentinel = e.sentinel
	}
	return out
}

func (e *Error) Error() string {
	if e.Detail != "" {
		return fmt.Sprintf("%s: %s (%s)", e.Code, e.Key, e.Detail)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Key)
}

// Errorf returns an *Error with the given code and message key; data is a
// flat list of placeholder names and values ("Field", "stay_days", ...).
func Errorf(code, key string, data ...any) *Error {
	e := &Error{Code: code, Key: key}
	if len(data) > 0 {
		e.Data = make(map[string]any, len(data)/2)
		for i := 0; i+1 < len(data); i += 2 {
			e.Data[fmt.Sprint(data[i])] = data[i+1]
		}
	}
	return e
}

// ErrorCode returns the code of an *Error anywhere in err's chain, or
// EINTERNAL for any other error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// TooMany is the refusal of an attempt over a rate limit, with the
// message key, whose Minutes placeholder tells the wait in whole minutes
// rounded up, and retry, how long until an attempt may be allowed again.
func TooMany(key string, retry time.Duration) *Error {
	e := Errorf(ERATELIMIT, key, "Minutes", int(max((retry+time.Minute-1)/time.Minute, 1)))
	e.RetryAfter = retry
	return e
}

// RetryAfter is how long the rate-limit refusal in err's chain asks the
// client to wait; 0 when err is no such refusal.
func RetryAfter(err error) time.Duration {
	var e *Error
	if errors.As(err, &e) && e.Code == ERATELIMIT {
		return e.RetryAfter
	}
	return 0
}

// ErrorKey returns the message key of an *Error in err's chain, or the key of
// the generic internal-error message.
func ErrorKey(err error) (string, map[string]any) {
	var e *Error
	if errors.As(err, &e) {
		return e.Key, e.Data
	}
	return "error.internal", nil
}

// Echo is a piece of outside input cut short enough, and made valid
// UTF-8, to quote back in an error message.
func Echo(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if utf8.RuneCountInString(s) <= 32 {
		return s
	}
	return string([]rune(s)[:32]) + "…"
}

// AtField is err with every *Error in it naming field in its data, so that
// a rule written for one value (a date, a password) can be told about the
// field that held it; err itself is left as it is. Nil stays nil.
func AtField(field string, err error) error {
	return EditData(err, func(data map[string]any) { data["Field"] = field })
}

// EditData is err with the data of every *Error in it changed by edit, on
// a copy: err itself is left as it is, and errors.Is still finds what it
// found. An err holding no *Error is returned as it is.
func EditData(err error, edit func(data map[string]any)) error {
	var out []error
	for _, e := range Errors(err) {
		c := *e
		c.Data = make(map[string]any, len(e.Data)+1)
		for k, v := range e.Data {
			c.Data[k] = v
		}
		edit(c.Data)
		out = append(out, &c)
	}
	if len(out) == 0 {
		return err
	}
	return errors.Join(out...)
}

// Errors lists the *Error values err holds, in order: err's own, or each
// of a joined error's (errors.Join), as a form that checks every field at
// once reports them. Errors that are not *Error are left out.
func Errors(err error) []*Error {
	var out []*Error
	var walk func(error)
	walk = func(err error) {
		if j, ok := err.(interface{ Unwrap() []error }); ok {
			for _, e := range j.Unwrap() {
				walk(e)
			}
			return
		}
		var e *Error
		if errors.As(err, &e) {
			out = append(out, e)
		}
	}
	if err != nil {
		walk(err)
	}
	return out
}
