package calendar_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/calendar"
)

// day parses a date the test knows is valid.
func day(s string) calendar.Date {
	d, err := calendar.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestParseDate(t *testing.T) {
	good := []struct {
		name string
		in   string
		want calendar.Date
	}{
		{"an ordinary day", "2026-02-14", calendar.Date{Year: 2026, Month: time.February, Day: 14}},
		{"leap day", "2024-02-29", calendar.Date{Year: 2024, Month: time.February, Day: 29}},
		{"last day of the year", "2026-12-31", calendar.Date{Year: 2026, Month: time.December, Day: 31}},
		{"first year", "0001-01-01", calendar.Date{Year: 1, Month: time.January, Day: 1}},
	}
	for _, tc := range good {
		t.Run(tc.name, func(t *testing.T) {
			got, err := calendar.ParseDate(tc.in)
			if err != nil || got != tc.want {
				t.Fatalf("ParseDate(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
			if got.String() != tc.in {
				t.Errorf("String() = %q; want %q", got.String(), tc.in)
			}
		})
	}
	bad := []struct{ name, in string }{
		{"empty", ""},
		{"no leading zeros", "2026-2-14"},
		{"slashes", "2026/02/14"},
		{"day month year", "14-02-2026"},
		{"not a leap year", "2025-02-29"},
		{"February 30", "2026-02-30"},
		{"month 13", "2026-13-01"},
		{"day 0", "2026-01-00"},
		{"year zero", "0000-01-01"},
		{"with a time", "2026-02-14T00:00:00Z"},
		{"trailing space", "2026-02-14 "},
		{"sign", "+026-02-14"},
		{"full-width digits", "２０２６-02-14"},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			_, err := calendar.ParseDate(tc.in)
			var e *chancery.Error
			if !asError(err, &e) || e.Code != chancery.EINVALID || e.Key != "error.date_invalid" || e.Data["Date"] != tc.in {
				t.Fatalf("ParseDate(%q) error = %#v; want EINVALID error.date_invalid with Date", tc.in, err)
			}
		})
	}
}

func TestDateArithmetic(t *testing.T) {
	tests := []struct {
		name string
		from string
		n    int
		want string
	}{
		{"next day", "2026-02-14", 1, "2026-02-15"},
		{"over a month end", "2026-01-31", 1, "2026-02-01"},
		{"over a year end", "2026-12-31", 1, "2027-01-01"},
		{"into a leap day", "2028-02-28", 1, "2028-02-29"},
		{"back over a year start", "2026-01-01", -1, "2025-12-31"},
		{"a week of National Day", "2026-10-01", 7, "2026-10-08"},
		{"no change", "2026-05-09", 0, "2026-05-09"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := day(tc.from).AddDays(tc.n).String(); got != tc.want {
				t.Errorf("%s + %d = %s; want %s", tc.from, tc.n, got, tc.want)
			}
		})
	}
}

func TestDateCompareAndWeekday(t *testing.T) {
	a, b := day("2026-02-14"), day("2026-02-15")
	if !a.Before(b) || b.Before(a) || a.Before(a) || !b.After(a) || a.Compare(a) != 0 {
		t.Error("Before/After/Compare disagree with the calendar")
	}
	if !day("2025-12-31").Before(day("2026-01-01")) {
		t.Error("Dec 31 is not before the next Jan 1")
	}
	if w := a.Weekday(); w != time.Saturday {
		t.Errorf("2026-02-14 is a %v; want Saturday", w)
	}
	if (calendar.Date{}).IsValid() || (calendar.Date{Year: 2026, Month: 2, Day: 30}).IsValid() || !a.IsValid() {
		t.Error("IsValid is wrong")
	}
}

func TestDateInZone(t *testing.T) {
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal("no time zone database:", err) // time/tzdata is embedded, so this cannot happen
	}
	mid := day("2026-10-01").In(shanghai)
	if want := time.Date(2026, 9, 30, 16, 0, 0, 0, time.UTC); !mid.Equal(want) {
		t.Errorf("midnight of 2026-10-01 in Shanghai = %v; want %v", mid.UTC(), want)
	}
	// 17:30 UTC on Sep 30 is already 01:30 on Oct 1 in Chongqing.
	late := time.Date(2026, 9, 30, 17, 30, 0, 0, time.UTC)
	if got := calendar.DateOf(late, shanghai); got != day("2026-10-01") {
		t.Errorf("DateOf in Shanghai = %v; want 2026-10-01", got)
	}
	if got := calendar.DateOf(late, nil); got != day("2026-09-30") {
		t.Errorf("DateOf in UTC = %v; want 2026-09-30", got)
	}
}

func TestDateJSON(t *testing.T) {
	b, err := json.Marshal(map[string]calendar.Date{"on": day("2026-02-14")})
	if err != nil || string(b) != `{"on":"2026-02-14"}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var back map[string]calendar.Date
	if err := json.Unmarshal(b, &back); err != nil || back["on"] != day("2026-02-14") {
		t.Fatalf("Unmarshal = %v, %v", back, err)
	}
	if err := json.Unmarshal([]byte(`{"on":"2026-02-30"}`), &back); err == nil {
		t.Error("Unmarshal accepted 2026-02-30")
	}
}
