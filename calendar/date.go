package calendar

import (
	"cmp"
	"fmt"
	"time"

	"github.com/chancery-platform/chancery"
)

// Date is a calendar day without time or zone: the unit every rule of this
// package speaks in. The zero Date is not a valid day.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads a day written "YYYY-MM-DD" with exactly four, two and two
// digits, such as "2026-02-14". Anything else, including days that do not
// exist (2026-02-30) and year 0000, is an EINVALID error with key
// "error.date_invalid".
func ParseDate(s string) (Date, error) {
	bad := chancery.Errorf(chancery.EINVALID, "error.date_invalid", "Date", s)
	if len(s) != len("2006-01-02") || s[4] != '-' || s[7] != '-' {
		return Date{}, bad
	}
	for i := 0; i < len(s); i++ {
		if i != 4 && i != 7 && (s[i] < '0' || s[i] > '9') {
			return Date{}, bad
		}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil || t.Year() < 1 {
		return Date{}, bad
	}
	return Date{t.Year(), t.Month(), t.Day()}, nil
}

// DateOf returns the day that t falls on in loc; a nil loc means UTC.
func DateOf(t time.Time, loc *time.Location) Date {
	if loc == nil {
		loc = time.UTC
	}
	y, m, d := t.In(loc).Date()
	return Date{y, m, d}
}

// String writes the day as "YYYY-MM-DD", field by field, so an invalid Date
// shows as it was built.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// IsValid reports whether d names a day that exists in years 1 to 9999, so a
// hand-built Date{2026, 2, 30} is caught before it is used as a key.
func (d Date) IsValid() bool {
	if d.Year < 1 || d.Year > 9999 {
		return false
	}
	n := d.utc()
	return n.Year() == d.Year && n.Month() == d.Month && n.Day() == d.Day
}

// AddDays returns the day n days after d (before it when n is negative).
func (d Date) AddDays(n int) Date {
	y, m, day := time.Date(d.Year, d.Month, d.Day+n, 0, 0, 0, 0, time.UTC).Date()
	return Date{y, m, day}
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	return d.utc().Weekday()
}

// Before reports whether d is an earlier day than o.
func (d Date) Before(o Date) bool {
	return d.Compare(o) < 0
}

// After reports whether d is a later day than o.
func (d Date) After(o Date) bool {
	return d.Compare(o) > 0
}

// Compare returns -1, 0 or +1 as d is before, equal to or after o, for
// slices.SortFunc and binary search.
func (d Date) Compare(o Date) int {
	if c := cmp.Compare(d.Year, o.Year); c != 0 {
		return c
	}
	if c := cmp.Compare(d.Month, o.Month); c != 0 {
		return c
	}
	return cmp.Compare(d.Day, o.Day)
}

// In returns midnight at the start of d in loc; a nil loc means UTC. Where a
// daylight-saving change skips midnight, time.Date's normalisation applies.
func (d Date) In(loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// MarshalText writes the day as "YYYY-MM-DD", so a Date reads naturally in
// JSON, YAML and as a map key.
func (d Date) MarshalText() ([]byte, error) {
	return []byte(d.String()), nil
}

// UnmarshalText reads a day written "YYYY-MM-DD", as ParseDate does.
func (d *Date) UnmarshalText(b []byte) error {
	p, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = p
	return nil
}

func (d Date) utc() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)
}
