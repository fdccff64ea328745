package calendar_test

import (
	"testing"
	"time"

	"github.com/chancery-platform/chancery/calendar"
)

func TestRadunitsa(t *testing.T) {
	tests := []struct {
		name string
		year int
		want string
	}{
		{"2024, Orthodox Easter May 5 (REFERENCE.md)", 2024, "2024-05-14"},
		{"2025, Easter shared with the West, Apr 20 (REFERENCE.md)", 2025, "2025-04-29"},
		{"2026, Orthodox Easter Apr 12 (REFERENCE.md)", 2026, "2026-04-21"},
		{"2023, the long weekend of Apr 22-25", 2023, "2023-04-25"},
		{"2020, Tuesday Apr 28 after the transferred Monday", 2020, "2020-04-28"},
		{"2015, Tuesday after the transferred Monday Apr 20", 2015, "2015-04-21"},
		{"2007, Apr 17", 2007, "2007-04-17"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, h := range calendar.BelarusFixed(tc.year) {
				if h.Name == "radunitsa" {
					got = append(got, h.Date.String())
				}
			}
			if len(got) != 1 || got[0] != tc.want {
				t.Fatalf("Radunitsa %d = %v; want %s", tc.year, got, tc.want)
			}
			if w := day(tc.want).Weekday(); w != time.Tuesday {
				t.Errorf("Radunitsa %s is a %v; it is always a Tuesday", tc.want, w)
			}
		})
	}
}

func TestBelarusFixed(t *testing.T) {
	want := map[string]string{
		"2026-01-01": "new_year", "2026-01-02": "new_year", "2026-01-07": "orthodox_christmas",
		"2026-03-08": "womens_day", "2026-04-21": "radunitsa", "2026-05-01": "labour_day",
		"2026-05-09": "victory_day", "2026-07-03": "independence_day",
		"2026-11-07": "october_revolution_day", "2026-12-25": "catholic_christmas",
	}
	days := calendar.BelarusFixed(2026)
	if len(days) != len(want) {
		t.Fatalf("BelarusFixed(2026) has %d days; want %d", len(days), len(want))
	}
	for _, h := range days {
		if want[h.Date.String()] != h.Name || h.Kind != calendar.DayOff || h.Provisional || h.Country != "BY" || h.Source == "" {
			t.Errorf("unexpected %+v", h)
		}
	}
}

// TestBelarusTransfers checks REFERENCE.md §4's transferred working days: the
// first day becomes a day off, the Saturday a working day.
func TestBelarusTransfers(t *testing.T) {
	tests := []struct {
		name     string
		off, sat string
	}{
		{"2025 after Orthodox Christmas", "2025-01-06", "2025-01-11"},
		{"2025 before Radunitsa", "2025-04-28", "2025-04-26"},
		{"2025 after Independence Day", "2025-07-04", "2025-07-12"},
		{"2025 after Catholic Christmas", "2025-12-26", "2025-12-20"},
		{"2026 before Radunitsa", "2026-04-20", "2026-04-25"},
	}
	schedules := calendar.DefaultSchedules()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if k, n := kindOn("BY", tc.off, schedules); k != calendar.DayOff || n != "transfer" {
				t.Errorf("%s: %q %q; want a transferred day off", tc.off, k, n)
			}
			if k, n := kindOn("BY", tc.sat, schedules); k != calendar.WorkDay || n != "transfer" {
				t.Errorf("%s: %q %q; want a transferred working day", tc.sat, k, n)
			}
			if w := day(tc.sat).Weekday(); w != time.Saturday {
				t.Errorf("%s is a %v; want Saturday", tc.sat, w)
			}
			if w := day(tc.off).Weekday(); w == time.Saturday || w == time.Sunday {
				t.Errorf("%s is a %v; a transfer moves a working day", tc.off, w)
			}
		})
	}
}
