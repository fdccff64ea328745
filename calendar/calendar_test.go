package calendar_test

import (
	_ "time/tzdata" // the zone database, whatever the machine has

	"slices"
	"testing"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/calendar"
)

var weekdayHours = []calendar.Interval{{Start: "09:00", End: "12:00"}, {Start: "14:00", End: "17:00"}}

// chongqing is the Consulate General in Chongqing: Mon-Fri 09:00-12:00 and
// 14:00-17:00, closed on China's and Belarus's public holidays.
func chongqing(t *testing.T) calendar.Calendar {
	t.Helper()
	zone, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal("no time zone database:", err) // time/tzdata is embedded, so this cannot happen
	}
	hours := map[time.Weekday][]calendar.Interval{}
	for d := time.Monday; d <= time.Friday; d++ {
		hours[d] = weekdayHours
	}
	return calendar.Calendar{
		Zone:      zone,
		Hours:     hours,
		Observe:   []string{"CN", "BY"},
		Closures:  map[calendar.Date]string{day("2026-06-01"): "moving to new premises"},
		Schedules: calendar.DefaultSchedules(),
	}
}

func TestChongqingOpen(t *testing.T) {
	type why struct {
		key, country, holiday string
		provisional           bool
	}
	tests := []struct {
		name string
		date string
		open bool
		why  []why
	}{
		{"an ordinary Wednesday", "2026-03-11", true, nil},
		{"National Day (CN)", "2026-10-01", false, []why{{calendar.ReasonHoliday, "CN", "national_day", false}}},
		{"Independence Day (BY)", "2026-07-03", false, []why{{calendar.ReasonHoliday, "BY", "independence_day", false}}},
		{"the mission's own closure", "2026-06-01", false, []why{{key: calendar.ReasonClosure}}},
		{"make-up Saturday before Spring Festival (CN)", "2026-02-14", true, []why{{calendar.ReasonMakeUpOpen, "CN", "spring_festival", false}}},
		{"make-up Saturday for Radunitsa (BY)", "2026-04-25", true, []why{{calendar.ReasonMakeUpOpen, "BY", "transfer", false}}},
		{"an ordinary Sunday", "2026-03-15", false, []why{{key: calendar.ReasonWeekend}}},
		{"Spring Festival day 1 (CN)", "2026-02-17", false, []why{{calendar.ReasonHoliday, "CN", "spring_festival", false}}},
		{"transferred Monday before Radunitsa (BY)", "2026-04-20", false, []why{{calendar.ReasonHoliday, "BY", "transfer", false}}},
		{"Radunitsa (BY)", "2026-04-21", false, []why{{calendar.ReasonHoliday, "BY", "radunitsa", false}}},
		{"New Year in both countries", "2026-01-02", false, []why{{calendar.ReasonHoliday, "CN", "new_year", false}, {calendar.ReasonHoliday, "BY", "new_year", false}}},
		{"China works, Belarus celebrates Victory Day", "2026-05-09", false, []why{{calendar.ReasonHoliday, "BY", "victory_day", false}}},
		{"Thursday after National Day 2026", "2026-10-08", true, nil},
		{"make-up Saturday after National Day (CN)", "2026-10-10", true, []why{{calendar.ReasonMakeUpOpen, "CN", "national_day", false}}},
		{"National Day on a Saturday: the holiday, not the weekend", "2026-10-03", false, []why{{calendar.ReasonHoliday, "CN", "national_day", false}}},
		{"Spring Festival eve 2027, computed", "2027-02-05", false, []why{{calendar.ReasonHoliday, "CN", "spring_festival", true}}},
		{"an invalid date", "", false, nil},
	}
	c := chongqing(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var d calendar.Date
			if tc.date != "" {
				d = day(tc.date)
			}
			open, reasons := c.Open(d)
			if open != tc.open || len(reasons) != len(tc.why) {
				t.Fatalf("Open(%s) = %v %v; want %v with %d reasons", tc.date, open, reasons, tc.open, len(tc.why))
			}
			for i, w := range tc.why {
				r := reasons[i]
				if r.Key != w.key || (w.country != "" && (r.Data["Country"] != w.country || r.Data["Holiday"] != w.holiday ||
					r.Data["Provisional"] != w.provisional)) {
					t.Errorf("reason %d = %+v; want %+v", i, r, w)
				}
				if r.Data["Date"] != tc.date {
					t.Errorf("reason %d Date = %v", i, r.Data["Date"])
				}
				checkMessage(t, r.Key, r.Data)
			}
			hours := c.HoursOn(d)
			if tc.open && !slices.Equal(hours, weekdayHours) || !tc.open && hours != nil {
				t.Errorf("HoursOn(%s) = %v", tc.date, hours)
			}
		})
	}
}

func TestWorkingDaySearch(t *testing.T) {
	tests := []struct {
		name, from, next, prev string
	}{
		{"into the National Day week", "2026-09-30", "2026-10-08", "2026-09-29"},
		{"from inside the National Day week", "2026-10-04", "2026-10-08", "2026-09-30"},
		{"after National Day, over the make-up Saturday", "2026-10-12", "2026-10-13", "2026-10-10"},
		{"before the National Day week, over Mid-Autumn", "2026-09-28", "2026-09-29", "2026-09-24"},
		{"Friday before the make-up Saturday of Spring Festival", "2026-02-13", "2026-02-14", "2026-02-12"},
		{"over the whole Spring Festival", "2026-02-14", "2026-02-24", "2026-02-13"},
		{"Radunitsa's four-day weekend (BY)", "2026-04-17", "2026-04-22", "2026-04-16"},
		{"the working day before a Monday", "2026-03-16", "2026-03-17", "2026-03-13"},
		{"over New Year to the make-up Sunday", "2025-12-31", "2026-01-04", "2025-12-30"},
	}
	c := chongqing(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := c.NextWorkingDay(day(tc.from)); got != day(tc.next) {
				t.Errorf("NextWorkingDay(%s) = %s; want %s", tc.from, got, tc.next)
			}
			if got := c.PrevWorkingDay(day(tc.from)); got != day(tc.prev) {
				t.Errorf("PrevWorkingDay(%s) = %s; want %s", tc.from, got, tc.prev)
			}
		})
	}
	closed := calendar.Calendar{Zone: time.UTC}
	if got := closed.NextWorkingDay(day("2026-01-01")); got != (calendar.Date{}) {
		t.Errorf("a calendar without hours found %s", got)
	}
}

func TestMakeUpDayHours(t *testing.T) {
	saturdayMorning := []calendar.Interval{{Start: "09:00", End: "12:00"}}
	base := chongqing(t)
	tests := []struct {
		name    string
		edit    func(c *calendar.Calendar)
		want    []calendar.Interval
		hoursOf string
	}{
		{"zero value: Monday's hours", func(c *calendar.Calendar) {}, weekdayHours, "Monday"},
		{"Friday's shorter hours", func(c *calendar.Calendar) {
			c.Hours = map[time.Weekday][]calendar.Interval{time.Monday: weekdayHours, time.Friday: saturdayMorning}
			c.MakeUpDay = time.Friday
		}, saturdayMorning, "Friday"},
		{"a weekday without hours falls back to Monday", func(c *calendar.Calendar) { c.MakeUpDay = time.Sunday }, weekdayHours, "Monday"},
		{"no Monday hours either: closed", func(c *calendar.Calendar) {
			c.Hours = map[time.Weekday][]calendar.Interval{time.Tuesday: weekdayHours}
		}, nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := base
			tc.edit(&c)
			if got := c.HoursOn(day("2026-02-14")); !slices.Equal(got, tc.want) {
				t.Errorf("HoursOn(make-up Saturday) = %v; want %v", got, tc.want)
			}
			if _, reasons := c.Open(day("2026-02-14")); tc.hoursOf != "" && reasons[0].Data["HoursOf"] != tc.hoursOf {
				t.Errorf("HoursOf = %v; want %s", reasons[0].Data["HoursOf"], tc.hoursOf)
			}
		})
	}
}

func TestIntervalOn(t *testing.T) {
	c := chongqing(t)
	start, end, ok := calendar.Interval{Start: "09:00", End: "12:30"}.On(day("2026-02-14"), c.Zone)
	if !ok || !start.Equal(time.Date(2026, 2, 14, 1, 0, 0, 0, time.UTC)) || !end.Equal(time.Date(2026, 2, 14, 4, 30, 0, 0, time.UTC)) {
		t.Errorf("On = %v %v %v", start, end, ok)
	}
	if _, _, ok := (calendar.Interval{Start: "9:00", End: "12:00"}).On(day("2026-02-14"), c.Zone); ok {
		t.Error("On accepted 9:00")
	}
}

func TestCalendarValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(c *calendar.Calendar)
		key  string // "" = valid
	}{
		{"the Chongqing calendar", func(c *calendar.Calendar) {}, ""},
		{"touching intervals", func(c *calendar.Calendar) {
			c.Hours[time.Monday] = []calendar.Interval{{"09:00", "12:00"}, {"12:00", "13:00"}}
		}, ""},
		{"intervals out of order", func(c *calendar.Calendar) {
			c.Hours[time.Monday] = []calendar.Interval{{"14:00", "17:00"}, {"09:00", "12:00"}}
		}, ""},
		{"no zone", func(c *calendar.Calendar) { c.Zone = nil }, "error.calendar_zone_required"},
		{"hour without a leading zero", func(c *calendar.Calendar) {
			c.Hours[time.Monday] = []calendar.Interval{{"9:00", "12:00"}}
		}, "error.calendar_interval_invalid"},
		{"24:00", func(c *calendar.Calendar) {
			c.Hours[time.Monday] = []calendar.Interval{{"18:00", "24:00"}}
		}, "error.calendar_interval_invalid"},
		{"empty times", func(c *calendar.Calendar) {
			c.Hours[time.Monday] = []calendar.Interval{{}}
		}, "error.calendar_interval_invalid"},
		{"start equals end", func(c *calendar.Calendar) {
			c.Hours[time.Monday] = []calendar.Interval{{"12:00", "12:00"}}
		}, "error.calendar_interval_reversed"},
		{"start after end", func(c *calendar.Calendar) {
			c.Hours[time.Monday] = []calendar.Interval{{"17:00", "09:00"}}
		}, "error.calendar_interval_reversed"},
		{"overlap", func(c *calendar.Calendar) {
			c.Hours[time.Monday] = []calendar.Interval{{"09:00", "12:00"}, {"11:30", "13:00"}}
		}, "error.calendar_interval_overlap"},
		{"one interval inside another", func(c *calendar.Calendar) {
			c.Hours[time.Monday] = []calendar.Interval{{"09:00", "17:00"}, {"10:00", "11:00"}}
		}, "error.calendar_interval_overlap"},
		{"weekday 7", func(c *calendar.Calendar) { c.Hours[7] = weekdayHours }, "error.calendar_weekday_invalid"},
		{"make-up weekday 9", func(c *calendar.Calendar) { c.MakeUpDay = 9 }, "error.calendar_weekday_invalid"},
		{"no office hours at all", func(c *calendar.Calendar) { c.Hours = nil }, "error.calendar_no_hours"},
		{"country as a word", func(c *calendar.Calendar) { c.Observe = []string{"China"} }, "error.calendar_country_invalid"},
		{"closure without a reason", func(c *calendar.Calendar) { c.Closures = map[calendar.Date]string{day("2026-06-02"): " "} }, "error.calendar_closure_reason_required"},
		{"closure on February 30", func(c *calendar.Calendar) {
			c.Closures = map[calendar.Date]string{{Year: 2026, Month: 2, Day: 30}: "x"}
		}, "error.date_invalid"},
		{"a schedule day outside its year", func(c *calendar.Calendar) {
			c.Schedules = []calendar.Schedule{{Country: "CN", Year: 2027, Source: "x", Days: []calendar.Holiday{
				{Country: "CN", Date: day("2026-01-01"), Kind: calendar.DayOff, Name: "new_year"}}}}
		}, "error.schedule_invalid"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := chongqing(t)
			tc.edit(&c)
			err := c.Validate()
			if tc.key == "" {
				if err != nil {
					t.Fatalf("Validate = %v; want nil", err)
				}
				return
			}
			var e *chancery.Error
			if !asError(err, &e) || e.Code != chancery.EINVALID || e.Key != tc.key {
				t.Fatalf("Validate = %v; want EINVALID %s", err, tc.key)
			}
			checkMessage(t, e.Key, e.Data)
		})
	}
}
