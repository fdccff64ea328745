package calendar_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/calendar"
)

func asError(err error, e **chancery.Error) bool {
	return errors.As(err, e)
}

// schedule wraps day lines in a CN 2026 schedule.
func schedule(days ...string) string {
	return "schedules:\n  - country: CN\n    year: 2026\n    source: test notice\n    days:\n" +
		"      " + strings.Join(days, "\n      ") + "\n"
}

func TestParseSchedulesAccepts(t *testing.T) {
	in := `# a comment
schedules:
  - country: BY
    year: 2026
    source: "Resolution No. 397 of 2025-07-22"
    days:
      - {date: 2026-04-25, kind: work, name: transfer}
      - date: "2026-04-20"
        kind: off
        name: transfer
  - country: CN
    year: 2027
    source: a future notice
    days:
      - {date: 2027-02-05, until: 2027-02-11, kind: off, name: spring_festival}
`
	got, err := calendar.ParseSchedules(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || len(got[0].Days) != 2 || len(got[1].Days) != 7 {
		t.Fatalf("got %+v", got)
	}
	by := got[0]
	if by.Days[0].Date != day("2026-04-20") || by.Days[0].Kind != calendar.DayOff || by.Days[0].Country != "BY" ||
		by.Days[0].Source != "Resolution No. 397 of 2025-07-22" || by.Days[0].Provisional {
		t.Errorf("days not sorted or not filled in: %+v", by.Days)
	}
	if last := got[1].Days[6]; last.Date != day("2027-02-11") || last.Name != "spring_festival" {
		t.Errorf("until not expanded: %+v", got[1].Days)
	}
}

func TestParseSchedulesRejects(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		where   string // part of Data["Where"]
		problem string // part of Data["Problem"]
	}{
		{"empty file", "", "file", "empty"},
		{"only a comment", "# nothing\n", "file", "empty"},
		{"no schedules", "schedules: []\n", "file", "no schedule"},
		{"a list instead of a mapping", "- country: CN\n", "line 1", "cannot unmarshal"},
		{"unknown top-level field", "schedule:\n  - country: CN\n", "line 1", "field schedule not found"},
		{"unknown schedule field", "schedules:\n  - country: CN\n    yaer: 2026\n", "line 3", "field yaer not found"},
		{"unknown day field", schedule("- {date: 2026-01-01, kind: off, name: new_year, note: x}"), "line 6", "field note not found"},
		{"year written in words", "schedules:\n  - country: CN\n    year: twenty\n", "line 3", "cannot unmarshal"},
		{"syntax error", "schedules:\n  - country: [CN\n", "line", ""},
		{"two documents", schedule("- {date: 2026-01-01, kind: off, name: new_year}") + "---\nschedules: []\n", "file", "more than one"},
		{"February 30", schedule("- {date: 2026-02-30, kind: off, name: x}"), "day 1", "not a real day"},
		{"date with slashes", schedule("- {date: 2026/02/14, kind: work, name: x}"), "day 1", "not a real day"},
		{"missing date", schedule("- {kind: off, name: x}"), "day 1", "not a real day"},
		{"bad until", schedule("- {date: 2026-02-14, until: soon, kind: off, name: x}"), "day 1", "until"},
		{"date outside the year", schedule("- {date: 2027-01-01, kind: off, name: new_year}"), "2027-01-01", "not in 2026"},
		{"run crossing into the next year", schedule("- {date: 2026-12-31, until: 2027-01-02, kind: off, name: new_year}"), "2027-01-01", "not in 2026"},
		{"previous December in the next year's schedule", schedule("- {date: 2025-12-31, kind: off, name: new_year}"), "2025-12-31", "not in 2026"},
		{"until before date", schedule("- {date: 2026-02-23, until: 2026-02-15, kind: off, name: x}"), "day 1", "before"},
		{"run longer than a month", schedule("- {date: 2026-01-01, until: 2026-03-01, kind: off, name: x}"), "day 1", "longer than 31"},
		{"day listed twice", schedule("- {date: 2026-10-01, kind: off, name: national_day}", "- {date: 2026-10-01, kind: off, name: national_day}"), "2026-10-01", "twice"},
		{"overlapping runs", schedule("- {date: 2026-10-01, until: 2026-10-07, kind: off, name: national_day}", "- {date: 2026-10-07, until: 2026-10-08, kind: off, name: national_day}"), "2026-10-07", "twice"},
		{"off and work on one day", schedule("- {date: 2026-02-14, kind: off, name: x}", "- {date: 2026-02-14, kind: work, name: x}"), "2026-02-14", "twice"},
		{"unknown kind", schedule("- {date: 2026-02-14, kind: holiday, name: x}"), "day 1", `kind "holiday"`},
		{"kind in capitals", schedule("- {date: 2026-02-14, kind: WORK, name: x}"), "day 1", `kind "WORK"`},
		{"missing kind", schedule("- {date: 2026-02-14, name: x}"), "day 1", `kind ""`},
		{"name with spaces", schedule("- {date: 2026-02-14, kind: work, name: Spring Festival}"), "day 1", "name"},
		{"missing name", schedule("- {date: 2026-02-14, kind: work}"), "day 1", "name"},
		{"country as a word", strings.Replace(schedule("- {date: 2026-02-14, kind: work, name: x}"), "country: CN", "country: China", 1), "schedule 1", "country"},
		{"country in lower case", strings.Replace(schedule("- {date: 2026-02-14, kind: work, name: x}"), "country: CN", "country: cn", 1), "schedule 1", "country"},
		{"year too early", strings.ReplaceAll(schedule("- {date: 1800-02-14, kind: work, name: x}"), "2026", "1800"), "schedule 1", "year 1800"},
		{"missing source", strings.Replace(schedule("- {date: 2026-02-14, kind: work, name: x}"), "source: test notice", "source: ''", 1), "schedule 1", "source"},
		{"no days", "schedules:\n  - country: CN\n    year: 2026\n    source: x\n", "schedule 1", "no days"},
		{"same country and year twice", "schedules:\n" +
			"  - {country: BY, year: 2026, source: a, days: [{date: 2026-04-20, kind: off, name: transfer}]}\n" +
			"  - {country: BY, year: 2026, source: b, days: [{date: 2026-04-25, kind: work, name: transfer}]}\n",
			"schedule 2", "BY 2026 is given twice"},
		{"larger than 1 MiB", schedule("- {date: 2026-02-14, kind: work, name: x}") + strings.Repeat("#", 1<<20), "file", "1 MiB"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := calendar.ParseSchedules(strings.NewReader(tc.in))
			var e *chancery.Error
			if !asError(err, &e) {
				t.Fatalf("ParseSchedules = %v, %v; want an error", got, err)
			}
			where, _ := e.Data["Where"].(string)
			problem, _ := e.Data["Problem"].(string)
			if e.Code != chancery.EINVALID || e.Key != "error.schedule_invalid" ||
				!strings.Contains(where, tc.where) || !strings.Contains(problem, tc.problem) {
				t.Fatalf("error %s %s Where=%q Problem=%q; want Where with %q, Problem with %q",
					e.Code, e.Key, where, problem, tc.where, tc.problem)
			}
			if strings.Contains(problem, "calendar.") {
				t.Errorf("Problem %q shows a Go type name", problem)
			}
		})
	}
}

func TestDefaultSchedules(t *testing.T) {
	got := calendar.DefaultSchedules()
	want := map[string]string{
		"CN 2025": "2024-11-12", "CN 2026": "2025-11-04",
		"BY 2025": "No. 839", "BY 2026": "No. 397",
	}
	if len(got) != len(want) {
		t.Fatalf("%d schedules; want %d", len(got), len(want))
	}
	for _, s := range got {
		key := fmt.Sprintf("%s %d", s.Country, s.Year)
		if cite, ok := want[key]; !ok || !strings.Contains(s.Source, cite) {
			t.Errorf("%s cites %q; want a source naming %q", key, s.Source, cite)
		}
	}
	got[0].Days[0].Name = "changed"
	if calendar.DefaultSchedules()[0].Days[0].Name == "changed" {
		t.Error("DefaultSchedules shares its slices between calls")
	}
}

// TestDatasetDocExample parses the example of docs/dataset.md, "Holiday
// schedules", so the documentation stays a file the importer accepts.
func TestDatasetDocExample(t *testing.T) {
	doc, err := os.ReadFile("../docs/dataset.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(doc), "## Holiday schedules")
	if !ok {
		t.Fatal(`docs/dataset.md has no "## Holiday schedules" section`)
	}
	_, block, ok := strings.Cut(section, "```yaml\n")
	if !ok {
		t.Fatal("the section has no yaml example")
	}
	block, _, _ = strings.Cut(block, "```")
	if _, err := calendar.ParseSchedules(strings.NewReader(block)); err != nil {
		t.Fatalf("the documented example is rejected: %v", err)
	}
}
