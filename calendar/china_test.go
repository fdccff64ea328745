package calendar_test

import (
	"fmt"
	"testing"

	"github.com/6tail/lunar-go/HolidayUtil"
	"github.com/chancery-platform/chancery/calendar"
)

// holidayOn returns the country's holidays of date's year on that date.
func holidayOn(country, date string, schedules []calendar.Schedule) []calendar.Holiday {
	d := day(date)
	var on []calendar.Holiday
	for _, h := range calendar.Holidays(country, d.Year, schedules) {
		if h.Date == d {
			on = append(on, h)
		}
	}
	return on
}

// kindOn returns "off", "work" or "" (an ordinary day) and the holiday's name.
func kindOn(country, date string, schedules []calendar.Schedule) (calendar.Kind, string) {
	on := holidayOn(country, date, schedules)
	if len(on) == 0 {
		return "", ""
	}
	return on[0].Kind, on[0].Name
}

// dayRows expands "first..last" into one row per day.
func dayRows(first, last string) []string {
	var out []string
	for d := day(first); !d.After(day(last)); d = d.AddDays(1) {
		out = append(out, d.String())
	}
	return out
}

// TestChinaOfficial checks every row of REFERENCE.md §4 for China, 2026 in
// full and the 2025 facts, against the built-in schedules.
func TestChinaOfficial(t *testing.T) {
	type row struct {
		name  string
		days  []string
		kind  calendar.Kind
		label string
	}
	rows := []row{
		{"2026 New Year, Jan 1-3", dayRows("2026-01-01", "2026-01-03"), calendar.DayOff, "new_year"},
		{"2026 New Year make-up, Sun Jan 4", []string{"2026-01-04"}, calendar.WorkDay, "new_year"},
		{"2026 Spring Festival, Feb 15-23", dayRows("2026-02-15", "2026-02-23"), calendar.DayOff, "spring_festival"},
		{"2026 Spring Festival make-up, Sat Feb 14 and Sat Feb 28", []string{"2026-02-14", "2026-02-28"}, calendar.WorkDay, "spring_festival"},
		{"2026 Qingming, Apr 4-6", dayRows("2026-04-04", "2026-04-06"), calendar.DayOff, "qingming"},
		{"2026 Labour Day, May 1-5", dayRows("2026-05-01", "2026-05-05"), calendar.DayOff, "labour_day"},
		{"2026 Labour Day make-up, Sat May 9", []string{"2026-05-09"}, calendar.WorkDay, "labour_day"},
		{"2026 Dragon Boat, Jun 19-21", dayRows("2026-06-19", "2026-06-21"), calendar.DayOff, "dragon_boat"},
		{"2026 Mid-Autumn, Sep 25-27", dayRows("2026-09-25", "2026-09-27"), calendar.DayOff, "mid_autumn"},
		{"2026 National Day, Oct 1-7", dayRows("2026-10-01", "2026-10-07"), calendar.DayOff, "national_day"},
		{"2026 National Day make-up, Sun Sep 20 and Sat Oct 10", []string{"2026-09-20", "2026-10-10"}, calendar.WorkDay, "national_day"},
		// The notice ends National Day 2026 on Oct 7; Oct 8 is an ordinary Thursday.
		{"2026 Oct 8 is an ordinary working Thursday", []string{"2026-10-08", "2026-10-09"}, "", ""},
		{"2026 an ordinary Sunday", []string{"2026-03-15"}, "", ""},

		{"2025 Spring Festival, Jan 28-Feb 4", dayRows("2025-01-28", "2025-02-04"), calendar.DayOff, "spring_festival"},
		{"2025 Spring Festival make-up, Sun Jan 26 and Sat Feb 8", []string{"2025-01-26", "2025-02-08"}, calendar.WorkDay, "spring_festival"},
		{"2025 Labour Day, May 1-5", dayRows("2025-05-01", "2025-05-05"), calendar.DayOff, "labour_day"},
		{"2025 Labour Day make-up, Sun Apr 27", []string{"2025-04-27"}, calendar.WorkDay, "labour_day"},
		{"2025 National Day, Oct 1-5", dayRows("2025-10-01", "2025-10-05"), calendar.DayOff, "national_day"},
		{"2025 Mid-Autumn inside National Day, Oct 6", []string{"2025-10-06"}, calendar.DayOff, "mid_autumn"},
		{"2025 National Day, Oct 7-8", dayRows("2025-10-07", "2025-10-08"), calendar.DayOff, "national_day"},
		{"2025 National Day make-up, Sun Sep 28 and Sat Oct 11", []string{"2025-09-28", "2025-10-11"}, calendar.WorkDay, "national_day"},
	}
	schedules := calendar.DefaultSchedules()
	for _, r := range rows {
		t.Run(r.name, func(t *testing.T) {
			for _, d := range r.days {
				kind, name := kindOn("CN", d, schedules)
				if kind != r.kind || name != r.label {
					t.Errorf("%s: %q %q; want %q %q", d, kind, name, r.kind, r.label)
				}
				if r.kind == calendar.WorkDay {
					if w := day(d).Weekday(); w != 0 && w != 6 {
						t.Errorf("make-up day %s is a %v, not a weekend day", d, w)
					}
				}
			}
		})
	}
}

// TestChinaScheduleMatchesLunarGo compares the built-in China schedules day
// by day with the official table lunar-go ships (HolidayUtil), compiled
// independently from the same State Council notices.
func TestChinaScheduleMatchesLunarGo(t *testing.T) {
	for _, s := range calendar.DefaultSchedules() {
		if s.Country != "CN" {
			continue
		}
		t.Run(fmt.Sprint(s.Year), func(t *testing.T) {
			ours := map[string]calendar.Kind{}
			for _, h := range s.Days {
				ours[h.Date.String()] = h.Kind
			}
			theirs := map[string]calendar.Kind{}
			for e := HolidayUtil.GetHolidaysByYear(s.Year).Front(); e != nil; e = e.Next() {
				h := e.Value.(*HolidayUtil.Holiday)
				theirs[h.GetDay()] = map[bool]calendar.Kind{true: calendar.WorkDay, false: calendar.DayOff}[h.IsWork()]
			}
			for d, k := range theirs {
				if ours[d] != k {
					t.Errorf("%s: lunar-go says %q, schedules.yaml %q", d, k, ours[d])
				}
			}
			for d, k := range ours {
				if theirs[d] != k {
					t.Errorf("%s: schedules.yaml says %q, lunar-go %q", d, k, theirs[d])
				}
			}
		})
	}
}

func TestChinaStatutory(t *testing.T) {
	tests := []struct {
		name  string
		date  string
		label string
	}{
		// 2027 has no official schedule yet; dates checked against lunar-go
		// and published lunar calendars.
		{"2027 New Year", "2027-01-01", "new_year"},
		{"2027 Spring Festival eve (lunar 12/29)", "2027-02-05", "spring_festival"},
		{"2027 Spring Festival day 1", "2027-02-06", "spring_festival"},
		{"2027 Spring Festival day 3", "2027-02-08", "spring_festival"},
		{"2027 Qingming", "2027-04-05", "qingming"},
		{"2027 Labour Day", "2027-05-01", "labour_day"},
		{"2027 Labour Day, second day", "2027-05-02", "labour_day"},
		{"2027 Dragon Boat", "2027-06-09", "dragon_boat"},
		{"2027 Mid-Autumn", "2027-09-15", "mid_autumn"},
		{"2027 National Day, third day", "2027-10-03", "national_day"},
		// 2026's computed anchor days agree with the official schedule.
		{"2026 Spring Festival day 1 as in the notice", "2026-02-17", "spring_festival"},
		{"2026 Spring Festival eve (lunar 12/29)", "2026-02-16", "spring_festival"},
		{"2026 Qingming as in the notice", "2026-04-05", "qingming"},
		{"2026 Dragon Boat as in the notice", "2026-06-19", "dragon_boat"},
		{"2026 Mid-Autumn as in the notice", "2026-09-25", "mid_autumn"},
		// 2025's 12th lunar month had 29 days, 2024's had 30.
		{"2025 Spring Festival eve, Jan 28 as in the notice", "2025-01-28", "spring_festival"},
		{"2024 Spring Festival eve (lunar 12/30)", "2024-02-09", "spring_festival"},
		{"2025 Mid-Autumn, Oct 6 as in the notice", "2025-10-06", "mid_autumn"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := day(tc.date)
			var found *calendar.Holiday
			for _, h := range calendar.ChinaStatutory(d.Year) {
				if h.Date == d {
					found = &h
				}
			}
			if found == nil || found.Name != tc.label || found.Kind != calendar.DayOff || !found.Provisional ||
				found.Country != "CN" || found.Source == "" {
				t.Fatalf("ChinaStatutory on %s = %+v; want a provisional %s day off", tc.date, found, tc.label)
			}
		})
	}
	if n := len(calendar.ChinaStatutory(2027)); n != 13 {
		t.Errorf("2027 has %d statutory days; want 13", n)
	}
	if calendar.ChinaStatutory(1800) != nil {
		t.Error("ChinaStatutory(1800) computed days lunar-go counts in another calendar")
	}
}

// TestChinaAnchorsMatchLunarGo checks the computed lunar and solar-term days
// against the holiday each official schedule of 2011-2026 names (lunar-go's
// HolidayUtil table). Spring Festival before 2011 was anchored on the eve.
func TestChinaAnchorsMatchLunarGo(t *testing.T) {
	anchors := map[string]string{"春节": "spring_festival", "清明节": "qingming", "端午节": "dragon_boat", "中秋节": "mid_autumn"}
	for year := 2011; year <= 2026; year++ {
		computed := map[string]map[string]bool{}
		for _, h := range calendar.ChinaStatutory(year) {
			if computed[h.Name] == nil {
				computed[h.Name] = map[string]bool{}
			}
			computed[h.Name][h.Date.String()] = true
		}
		for e := HolidayUtil.GetHolidaysByYear(year).Front(); e != nil; e = e.Next() {
			h := e.Value.(*HolidayUtil.Holiday)
			if name, ok := anchors[h.GetName()]; ok && !computed[name][h.GetTarget()] {
				t.Errorf("%d %s: official anchor %s not among the computed days %v", year, name, h.GetTarget(), computed[name])
			}
		}
	}
}
