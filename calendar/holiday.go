package calendar

import (
	"slices"
	"strings"
)

// Kind says what a Holiday does to its day.
type Kind string

// Kinds of holiday day.
const (
	DayOff  Kind = "off"  // a public day off
	WorkDay Kind = "work" // a weekend day made a working day (make-up day, 调休)
)

// Countries whose holidays this package can compute without a schedule.
const (
	China   = "CN"
	Belarus = "BY"
)

// Holiday is one day of a country's public calendar: a day off, or a weekend
// day made a working day (make-up day, 调休).
type Holiday struct {
	Country     string // ISO 3166-1 alpha-2: "CN", "BY"
	Date        Date
	Kind        Kind
	Name        string // stable key of the holiday, e.g. "spring_festival", "national_day", "radunitsa", "new_year", "transfer"
	Provisional bool   // computed, not from an official schedule
	Source      string // where it comes from, e.g. "State Council notice of 2025-11-04"
}

// Holidays returns a country's holidays of one year, sorted by date: the
// official schedule when schedules holds one for (country, year), otherwise
// the computed days.
//
// For China the official schedule replaces the computed days entirely, since
// the State Council's notice lists every day off and make-up day; without one,
// ChinaStatutory's days are returned, marked Provisional. For Belarus the days
// fixed by law (BelarusFixed) always apply, and the schedule adds the year's
// transfers: a working day that becomes a day off and the Saturday worked in
// its place; a schedule day replaces a fixed day of the same date. Belarus's
// fixed days are not provisional even without a schedule: only that year's
// transfers are then unknown. For any other country only a schedule gives
// holidays; without one the result is empty.
func Holidays(country string, year int, schedules []Schedule) []Holiday {
	country = strings.ToUpper(country)
	official := findSchedule(schedules, country, year)
	var days []Holiday
	switch {
	case country == China && official != nil:
		days = slices.Clone(official.Days)
	case country == China:
		days = ChinaStatutory(year)
	case country == Belarus:
		days = BelarusFixed(year)
		if official != nil {
			days = slices.DeleteFunc(days, func(h Holiday) bool {
				return slices.ContainsFunc(official.Days, func(o Holiday) bool { return o.Date == h.Date })
			})
			days = append(days, official.Days...)
		}
	case official != nil:
		days = slices.Clone(official.Days)
	}
	sortHolidays(days)
	return days
}

// sortHolidays orders days by date, keeping the order of days of one date.
func sortHolidays(days []Holiday) {
	slices.SortStableFunc(days, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
}

// findSchedule returns the first schedule for (country, year), or nil.
func findSchedule(schedules []Schedule, country string, year int) *Schedule {
	for i := range schedules {
		if strings.EqualFold(schedules[i].Country, country) && schedules[i].Year == year {
			return &schedules[i]
		}
	}
	return nil
}
