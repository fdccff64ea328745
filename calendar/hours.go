package calendar

import (
	"time"

	"github.com/chancery-platform/chancery"
)

// Interval is a stretch of office hours in local clock time, "09:00" to
// "12:30": Start before End, both written HH:MM on a 24-hour clock.
type Interval struct{ Start, End string }

// On returns the instants the interval starts and ends on day d in loc (nil
// means UTC); ok is false when Start or End is not a time written HH:MM.
func (iv Interval) On(d Date, loc *time.Location) (start, end time.Time, ok bool) {
	sh, sm, ok1 := parseClock(iv.Start)
	eh, em, ok2 := parseClock(iv.End)
	if !ok1 || !ok2 {
		return time.Time{}, time.Time{}, false
	}
	if loc == nil {
		loc = time.UTC
	}
	return time.Date(d.Year, d.Month, d.Day, sh, sm, 0, 0, loc),
		time.Date(d.Year, d.Month, d.Day, eh, em, 0, 0, loc), true
}

// parseClock reads "HH:MM" from 00:00 to 23:59, two digits each.
func parseClock(s string) (hour, minute int, ok bool) {
	if len(s) != 5 || s[2] != ':' {
		return 0, 0, false
	}
	for _, i := range []int{0, 1, 3, 4} {
		if s[i] < '0' || s[i] > '9' {
			return 0, 0, false
		}
	}
	hour = int(s[0]-'0')*10 + int(s[1]-'0')
	minute = int(s[3]-'0')*10 + int(s[4]-'0')
	return hour, minute, hour < 24 && minute < 60
}

// Validate checks the calendar before it is used: a zone, office hours that
// are well-formed, ordered and do not overlap on any weekday, at least one
// weekday with hours, observed countries written as two-letter codes, real
// closure dates with a reason, a valid MakeUpDay and well-formed schedules.
// Every problem is an EINVALID *chancery.Error; the first one found is
// returned.
func (c Calendar) Validate() error {
	if c.Zone == nil {
		return chancery.Errorf(chancery.EINVALID, "error.calendar_zone_required")
	}
	if c.MakeUpDay < time.Sunday || c.MakeUpDay > time.Saturday {
		return chancery.Errorf(chancery.EINVALID, "error.calendar_weekday_invalid", "Weekday", int(c.MakeUpDay))
	}
	open := false
	for day := range c.Hours {
		if day < time.Sunday || day > time.Saturday {
			return chancery.Errorf(chancery.EINVALID, "error.calendar_weekday_invalid", "Weekday", int(day))
		}
	}
	for day := time.Sunday; day <= time.Saturday; day++ {
		if err := checkHours(day, c.Hours[day]); err != nil {
			return err
		}
		open = open || len(c.Hours[day]) > 0
	}
	if !open {
		return chancery.Errorf(chancery.EINVALID, "error.calendar_no_hours")
	}
	for _, country := range c.Observe {
		if !countryCode.MatchString(country) {
			return chancery.Errorf(chancery.EINVALID, "error.calendar_country_invalid", "Country", country)
		}
	}
	for _, d := range c.closureDates() {
		if !d.IsValid() {
			return chancery.Errorf(chancery.EINVALID, "error.date_invalid", "Date", d.String())
		}
		if !readable(c.Closures[d], maxSourceLen) {
			return chancery.Errorf(chancery.EINVALID, "error.calendar_closure_reason_required", "Date", d.String(), "Max", maxSourceLen)
		}
	}
	return checkSchedules(c.Schedules)
}

// checkHours checks one weekday's office hours.
func checkHours(day time.Weekday, hours []Interval) error {
	sorted := sortedIntervals(hours)
	for i, iv := range sorted {
		sh, sm, ok1 := parseClock(iv.Start)
		eh, em, ok2 := parseClock(iv.End)
		if !ok1 || !ok2 {
			return chancery.Errorf(chancery.EINVALID, "error.calendar_interval_invalid",
				"Weekday", day.String(), "Start", iv.Start, "End", iv.End)
		}
		if sh*60+sm >= eh*60+em {
			return chancery.Errorf(chancery.EINVALID, "error.calendar_interval_reversed",
				"Weekday", day.String(), "Start", iv.Start, "End", iv.End)
		}
		// Well-formed clock times sort as text, so only the previous
		// interval can overlap this one.
		if i > 0 && sorted[i-1].End > iv.Start {
			prev := sorted[i-1]
			return chancery.Errorf(chancery.EINVALID, "error.calendar_interval_overlap",
				"Weekday", day.String(), "Start", iv.Start, "End", iv.End, "OtherStart", prev.Start, "OtherEnd", prev.End)
		}
	}
	return nil
}
