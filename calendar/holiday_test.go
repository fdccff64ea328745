package calendar_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/calendar"
)

func TestHolidays(t *testing.T) {
	defaults := calendar.DefaultSchedules()
	tests := []struct {
		name        string
		country     string
		year        int
		schedules   []calendar.Schedule
		provisional bool // every day provisional, or none
		sourceHas   string
		wantDays    int
	}{
		{"China 2026 from the State Council's notice", "CN", 2026, defaults, false, "2025-11-04", 39},
		{"China 2025 from the State Council's notice", "CN", 2025, defaults, false, "2024-11-12", 33},
		{"China 2028 computed", "CN", 2028, defaults, true, "computed", 13},
		{"China 2026 computed without schedules", "CN", 2026, nil, true, "computed", 13},
		{"lower-case country code", "cn", 2026, defaults, false, "2025-11-04", 39},
		{"Belarus 2026: fixed days plus one transfer", "BY", 2026, defaults, false, "", 12},
		{"Belarus 2027: fixed days only, still law", "BY", 2027, defaults, false, "Decree", 10},
		{"a country with neither schedule nor rules", "HU", 2026, defaults, false, "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			days := calendar.Holidays(tc.country, tc.year, tc.schedules)
			if len(days) != tc.wantDays {
				t.Fatalf("%d days; want %d: %v", len(days), tc.wantDays, days)
			}
			for i, h := range days {
				if h.Provisional != tc.provisional || !strings.Contains(h.Source, tc.sourceHas) || h.Date.Year != tc.year {
					t.Errorf("%+v: want provisional %v, source with %q", h, tc.provisional, tc.sourceHas)
				}
				if i > 0 && h.Date.Before(days[i-1].Date) {
					t.Errorf("not sorted at %v", h.Date)
				}
			}
		})
	}
}

func TestHolidaysScheduleCopies(t *testing.T) {
	schedules := calendar.DefaultSchedules()
	days := calendar.Holidays("CN", 2026, schedules)
	days[0].Name = "changed"
	if again := calendar.Holidays("CN", 2026, schedules); again[0].Name == "changed" {
		t.Error("Holidays returned the schedule's own slice")
	}
}

func TestHolidaysOtherCountrySchedule(t *testing.T) {
	hu := calendar.Schedule{Country: "HU", Year: 2026, Source: "test", Days: []calendar.Holiday{
		{Country: "HU", Date: day("2026-03-15"), Kind: calendar.DayOff, Name: "national_day", Source: "test"},
	}}
	days := calendar.Holidays("HU", 2026, []calendar.Schedule{hu})
	if len(days) != 1 || days[0].Name != "national_day" {
		t.Errorf("Holidays(HU) = %v; want the schedule's day", days)
	}
}

func TestHolidaysBelarusScheduleReplacesFixedDay(t *testing.T) {
	// Should a decree ever make a fixed holiday a working day, the schedule's
	// entry wins over the fixed one.
	by := calendar.Schedule{Country: "BY", Year: 2027, Source: "test", Days: []calendar.Holiday{
		{Country: "BY", Date: day("2027-01-02"), Kind: calendar.WorkDay, Name: "transfer", Source: "test"},
	}}
	days := calendar.Holidays("BY", 2027, []calendar.Schedule{by})
	i := slices.IndexFunc(days, func(h calendar.Holiday) bool { return h.Date == day("2027-01-02") })
	if i < 0 || days[i].Kind != calendar.WorkDay || len(days) != 10 {
		t.Errorf("Holidays(BY, 2027) = %v", days)
	}
}
