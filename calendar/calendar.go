// Package calendar decides which days a consular mission works and during
// which hours. It is plain Go: no database, no HTTP, no clock and no files
// read at run time (the built-in schedules are embedded).
//
// The data model, from the ground up:
//
//   - A Date is a calendar day without time or zone. A mission's Zone turns
//     instants into Dates (DateOf) and Dates into instants (Date.In).
//   - A Holiday is one day of one country's public calendar: a DayOff, or a
//     WorkDay, a weekend day made a working day (China's make-up days, 调休,
//     and the Saturdays Belarus works in place of a transferred day).
//   - A Schedule is one country's official list of such days for one year,
//     as data (schedules.yaml, ParseSchedules), because China's State Council
//     and Belarus's Council of Ministers publish them each year and no rule
//     predicts them.
//   - Computed days fill the years without a schedule: ChinaStatutory gives
//     China's statutory days from the lunar calendar, marked Provisional;
//     BelarusFixed gives the days Belarus fixes by law. Holidays combines the
//     two sources for one country and year.
//   - A Calendar is one mission's own setting: its zone, office hours per
//     weekday, the countries whose holidays close it (usually the host and
//     the sending country), its ad-hoc closures and the schedules it knows.
//     Open, HoursOn, NextWorkingDay and PrevWorkingDay answer from it.
//
// A day is closed when it is a closure, a day off in any observed country, or
// a weekday without office hours; a make-up WorkDay of an observed country
// opens a weekday without office hours, with the hours of MakeUpDay. The
// message keys in Reasons and errors are listed in MESSAGES.md.
package calendar

import (
	"maps"
	"slices"
	"strings"
	"time"
)

// Calendar is one mission's calendar.
type Calendar struct {
	Zone      *time.Location              // the mission's time zone, e.g. Asia/Shanghai
	Hours     map[time.Weekday][]Interval // office hours per weekday; none = closed that weekday
	Observe   []string                    // countries whose public holidays close the mission, e.g. ["CN","BY"]
	Closures  map[Date]string             // ad-hoc closures with their reason
	Schedules []Schedule                  // official schedules, e.g. DefaultSchedules() plus imported ones

	// MakeUpDay is the weekday whose hours a make-up working day keeps when
	// it falls on a weekday without office hours. When MakeUpDay itself has
	// no hours, as with the zero value Sunday, Monday's hours are used.
	MakeUpDay time.Weekday
}

// Reason is one reason a day is closed, or why a day that would be closed is
// open, as a message key and the data that fills it (see MESSAGES.md).
type Reason struct {
	Key  string
	Data map[string]any
}

// Reason keys.
const (
	ReasonClosure    = "calendar.closed_closure"   // Data: Date, Reason
	ReasonHoliday    = "calendar.closed_holiday"   // Data: Date, Country, Holiday, Provisional
	ReasonWeekend    = "calendar.closed_weekend"   // Data: Date, Weekday
	ReasonMakeUpOpen = "calendar.open_make_up_day" // Data: Date, Country, Holiday, Provisional, HoursOf
)

// maxSearchDays bounds NextWorkingDay and PrevWorkingDay, so a calendar
// without any office hours gives an answer instead of a loop.
const maxSearchDays = 3660

// Open reports whether the mission works on d, and why. A closed day has
// every closure and observed day off that applies, in that order; only when
// there is none, the weekend reason. An open day has no reasons, unless a
// make-up working day opened it (ReasonMakeUpOpen). A day off in one
// observed country closes the mission even when another observed country
// makes it a working day. An invalid Date is closed, without reasons.
func (c Calendar) Open(d Date) (bool, []Reason) {
	open, _, reasons := c.day(d, newHolidayBook(c.Schedules))
	return open, reasons
}

// HoursOn returns the office hours of d, sorted, or nil when the mission is
// closed that day.
func (c Calendar) HoursOn(d Date) []Interval {
	_, hours, _ := c.day(d, newHolidayBook(c.Schedules))
	return hours
}

// NextWorkingDay returns the first day strictly after d on which the mission
// is open, or the zero Date when there is none within ten years (a calendar
// without office hours).
func (c Calendar) NextWorkingDay(d Date) Date {
	return c.search(d, 1)
}

// PrevWorkingDay returns the last day strictly before d on which the mission
// is open, as for "the working day before" reminders, or the zero Date when
// there is none within ten years.
func (c Calendar) PrevWorkingDay(d Date) Date {
	return c.search(d, -1)
}

// Today returns the day that now falls on in the mission's zone.
func (c Calendar) Today(now time.Time) Date {
	return DateOf(now, c.Zone)
}

func (c Calendar) search(d Date, step int) Date {
	if !d.IsValid() {
		return Date{}
	}
	book := newHolidayBook(c.Schedules)
	for i := 1; i <= maxSearchDays; i++ {
		day := d.AddDays(i * step)
		if open, _, _ := c.day(day, book); open {
			return day
		}
	}
	return Date{}
}

// day decides d: whether it is open, its hours and the reasons.
func (c Calendar) day(d Date, book *holidayBook) (bool, []Interval, []Reason) {
	if !d.IsValid() {
		return false, nil, nil
	}
	var closed, makeUp []Reason
	if why, ok := c.Closures[d]; ok {
		closed = append(closed, Reason{ReasonClosure, map[string]any{"Date": d.String(), "Reason": why}})
	}
	seen := map[string]bool{}
	for _, country := range c.Observe {
		country = strings.ToUpper(country)
		if seen[country] {
			continue
		}
		seen[country] = true
		for _, h := range book.on(country, d) {
			data := map[string]any{"Date": d.String(), "Country": country, "Holiday": h.Name, "Provisional": h.Provisional}
			if h.Kind == DayOff {
				closed = append(closed, Reason{ReasonHoliday, data})
			} else {
				makeUp = append(makeUp, Reason{ReasonMakeUpOpen, data})
			}
		}
	}
	if len(closed) > 0 {
		return false, nil, closed
	}
	if hours := c.Hours[d.Weekday()]; len(hours) > 0 {
		return true, sortedIntervals(hours), nil
	}
	if len(makeUp) > 0 {
		weekday := c.MakeUpDay
		if len(c.Hours[weekday]) == 0 {
			weekday = time.Monday
		}
		if hours := c.Hours[weekday]; len(hours) > 0 {
			for _, r := range makeUp {
				r.Data["HoursOf"] = weekday.String()
			}
			return true, sortedIntervals(hours), makeUp
		}
	}
	return false, nil, []Reason{{ReasonWeekend, map[string]any{"Date": d.String(), "Weekday": d.Weekday().String()}}}
}

// holidayBook remembers each (country, year)'s holidays during one question,
// since computing a year of the lunar calendar takes about a millisecond.
type holidayBook struct {
	schedules []Schedule
	years     map[countryYear]map[Date][]Holiday
}

type countryYear struct {
	country string
	year    int
}

func newHolidayBook(schedules []Schedule) *holidayBook {
	return &holidayBook{schedules: schedules, years: map[countryYear]map[Date][]Holiday{}}
}

// on returns country's holidays on d.
func (b *holidayBook) on(country string, d Date) []Holiday {
	key := countryYear{country, d.Year}
	byDate, ok := b.years[key]
	if !ok {
		byDate = map[Date][]Holiday{}
		for _, h := range Holidays(country, d.Year, b.schedules) {
			byDate[h.Date] = append(byDate[h.Date], h)
		}
		b.years[key] = byDate
	}
	return byDate[d]
}

func sortedIntervals(hours []Interval) []Interval {
	return slices.SortedFunc(slices.Values(hours), func(a, b Interval) int { return strings.Compare(a.Start, b.Start) })
}

// closureDates returns the closures' dates in order, so Validate reports the
// first bad one the same way every time.
func (c Calendar) closureDates() []Date {
	return slices.SortedFunc(maps.Keys(c.Closures), Date.Compare)
}
