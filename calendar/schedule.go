package calendar

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chancery-platform/chancery"
	"go.yaml.in/yaml/v3"
)

// Schedule is one country's official schedule for one year, as data: every
// day off and make-up working day of China's State Council notice, or the
// working days Belarus's Council of Ministers transfers. Each year's schedule
// is published months ahead and imported without a new release.
type Schedule struct {
	Country string    // ISO 3166-1 alpha-2: "CN", "BY"
	Year    int       // every day of Days falls in this year
	Source  string    // the act it comes from, e.g. "State Council notice of 2025-11-04"
	Days    []Holiday // one entry per day, sorted by date, each with Country and Source filled in
}

// Limits on a schedules file.
const (
	MaxScheduleFileSize = 1 << 20 // bytes
	maxSpanDays         = 31      // longest run of days one entry may cover
	maxSourceLen        = 500     // characters
)

//go:embed schedules.yaml
var defaultSchedulesYAML []byte

// DefaultSchedules returns the schedules built into the binary (the file
// calendar/schedules.yaml): China's official 2025 and 2026 schedules and
// Belarus's transferred working days of 2025 and 2026. Each call parses a
// fresh copy, so callers may change what they get.
func DefaultSchedules() []Schedule {
	s, err := ParseSchedules(bytes.NewReader(defaultSchedulesYAML))
	if err != nil {
		panic("calendar: built-in schedules.yaml: " + err.Error()) // the tests parse it
	}
	return s
}

// The file's shape; dates stay text so a bad one is reported where it is.
type (
	scheduleFile struct {
		Schedules []scheduleEntry `yaml:"schedules"`
	}
	scheduleEntry struct {
		Country string     `yaml:"country"`
		Year    int        `yaml:"year"`
		Source  string     `yaml:"source"`
		Days    []dayEntry `yaml:"days"`
	}
	dayEntry struct {
		Date  string `yaml:"date"`
		Until string `yaml:"until"` // last day of a run, inclusive; empty for one day
		Kind  string `yaml:"kind"`
		Name  string `yaml:"name"`
	}
)

var (
	countryCode = regexp.MustCompile(`^[A-Z]{2}$`)
	holidayName = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)
	yamlLine    = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
)

// ParseSchedules reads a schedules file (YAML; the format is described in
// docs/dataset.md, "Holiday schedules"). It is strict: unknown fields, bad or
// missing values, dates outside the schedule's year, a day listed twice, a
// (country, year) given twice, unknown kinds and files over 1 MiB are all an
// EINVALID error with key "error.schedule_invalid" whose Data "Where" and
// "Problem" tell the operator what to fix.
func ParseSchedules(r io.Reader) ([]Schedule, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxScheduleFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("calendar: read schedules: %w", err)
	}
	if len(data) > MaxScheduleFileSize {
		return nil, scheduleError("file", "the file is larger than 1 MiB")
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var file scheduleFile
	if err := dec.Decode(&file); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, scheduleError("file", "the file is empty")
		}
		return nil, yamlError(err)
	}
	var extra any
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		return nil, scheduleError("file", "the file holds more than one YAML document")
	}
	if len(file.Schedules) == 0 {
		return nil, scheduleError("file", "there is no schedule under schedules:")
	}
	out := make([]Schedule, 0, len(file.Schedules))
	for i, e := range file.Schedules {
		s, err := e.schedule(i + 1)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	if err := checkSchedules(out); err != nil {
		return nil, err
	}
	return out, nil
}

// schedule turns the n-th entry of the file into a Schedule, one Holiday per day.
func (e scheduleEntry) schedule(n int) (Schedule, error) {
	where := fmt.Sprintf("schedule %d (%s %d)", n, e.Country, e.Year)
	s := Schedule{Country: e.Country, Year: e.Year, Source: e.Source}
	for i, d := range e.Days {
		dayWhere := fmt.Sprintf("%s, day %d", where, i+1)
		// checkSchedules repeats these checks but can only name a day by its
		// date; here the entry's place in the file is known.
		if d.Kind != string(DayOff) && d.Kind != string(WorkDay) {
			return s, scheduleError(dayWhere, fmt.Sprintf("kind %q is neither off nor work", d.Kind))
		}
		if !holidayName.MatchString(d.Name) {
			return s, scheduleError(dayWhere, fmt.Sprintf("name %q is not a key such as spring_festival (a-z, 0-9, _)", d.Name))
		}
		first, err := ParseDate(d.Date)
		if err != nil {
			return s, scheduleError(dayWhere, fmt.Sprintf("date %q is not a real day written YYYY-MM-DD", d.Date))
		}
		last := first
		if d.Until != "" {
			if last, err = ParseDate(d.Until); err != nil {
				return s, scheduleError(dayWhere, fmt.Sprintf("until %q is not a real day written YYYY-MM-DD", d.Until))
			}
		}
		if last.Before(first) {
			return s, scheduleError(dayWhere, fmt.Sprintf("until %s is before date %s", last, first))
		}
		if last.After(first.AddDays(maxSpanDays - 1)) {
			return s, scheduleError(dayWhere, fmt.Sprintf("%s to %s is longer than %d days", first, last, maxSpanDays))
		}
		if len(s.Days) > 366 {
			return s, scheduleError(dayWhere, "a year has at most 366 days")
		}
		for day := first; !day.After(last); day = day.AddDays(1) {
			s.Days = append(s.Days, Holiday{Country: e.Country, Date: day, Kind: Kind(d.Kind), Name: d.Name, Source: e.Source})
		}
	}
	sortHolidays(s.Days)
	return s, nil
}

// checkSchedules checks schedules however they were made: from a file, or
// built in code and handed to a Calendar.
func checkSchedules(schedules []Schedule) error {
	seen := make(map[string]bool, len(schedules))
	for i, s := range schedules {
		where := fmt.Sprintf("schedule %d (%s %d)", i+1, s.Country, s.Year)
		switch {
		case !countryCode.MatchString(s.Country):
			return scheduleError(where, fmt.Sprintf("country %q is not a two-letter code such as CN or BY", s.Country))
		case s.Year < minComputedYear || s.Year > maxComputedYear:
			return scheduleError(where, fmt.Sprintf("year %d is not between %d and %d", s.Year, minComputedYear, maxComputedYear))
		case !readable(s.Source, maxSourceLen):
			return scheduleError(where, fmt.Sprintf("source must be readable text of 1 to %d characters", maxSourceLen))
		case len(s.Days) == 0:
			return scheduleError(where, "there are no days")
		}
		key := fmt.Sprintf("%s %d", s.Country, s.Year)
		if seen[key] {
			return scheduleError(where, fmt.Sprintf("%s is given twice", key))
		}
		seen[key] = true
		dates := make(map[Date]bool, len(s.Days))
		for _, h := range s.Days {
			dayWhere := fmt.Sprintf("%s, %s", where, h.Date)
			switch {
			case !h.Date.IsValid():
				return scheduleError(where, fmt.Sprintf("date %s does not exist", h.Date))
			case h.Date.Year != s.Year:
				return scheduleError(dayWhere, fmt.Sprintf("%s is not in %d", h.Date, s.Year))
			case dates[h.Date]:
				return scheduleError(dayWhere, fmt.Sprintf("%s is listed twice", h.Date))
			case h.Kind != DayOff && h.Kind != WorkDay:
				return scheduleError(dayWhere, fmt.Sprintf("kind %q is neither off nor work", h.Kind))
			case !holidayName.MatchString(h.Name):
				return scheduleError(dayWhere, fmt.Sprintf("name %q is not a key such as spring_festival (a-z, 0-9, _)", h.Name))
			case h.Country != s.Country:
				return scheduleError(dayWhere, fmt.Sprintf("country %q differs from the schedule's %s", h.Country, s.Country))
			}
			dates[h.Date] = true
		}
	}
	return nil
}

func scheduleError(where, problem string) error {
	return chancery.Errorf(chancery.EINVALID, "error.schedule_invalid", "Where", where, "Problem", problem)
}

// yamlError turns a YAML syntax or field error into a schedule error that
// points at the line, without Go type names the operator cannot use.
func yamlError(err error) error {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	if i := strings.Index(msg, " in type calendar."); i >= 0 {
		msg = msg[:i]
	}
	msg = strings.Replace(msg, "into calendar.", "into ", 1)
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		return scheduleError("line "+m[1], m[2])
	}
	return scheduleError("file", msg)
}

// readable reports whether s is valid UTF-8 of 1 to limit characters, not
// all blank, without control characters.
func readable(s string, limit int) bool {
	if strings.TrimSpace(s) == "" || !utf8.ValidString(s) || utf8.RuneCountInString(s) > limit {
		return false
	}
	return !strings.ContainsFunc(s, unicode.IsControl)
}
