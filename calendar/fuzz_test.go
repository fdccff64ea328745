package calendar_test

import (
	"os"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/calendar"
)

// FuzzParseSchedules feeds ParseSchedules arbitrary files: it must never
// panic, must fail only with EINVALID error.schedule_invalid, and what it
// accepts must hold only days of its own year, each once.
func FuzzParseSchedules(f *testing.F) {
	seed, err := os.ReadFile("schedules.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(seed))
	f.Add(schedule("- {date: 2026-02-14, kind: work, name: spring_festival}"))
	f.Add(schedule("- {date: 2026-12-31, until: 2027-01-02, kind: off, name: new_year}"))
	f.Add("schedules:\n  - country: CN\n    year: 2026\n    source: x\n    days: [{date: &a 2026-01-01, kind: off, name: *a}]\n")
	f.Add("schedules: !!map {}\n")
	f.Add("")
	f.Fuzz(func(t *testing.T, in string) {
		got, err := calendar.ParseSchedules(strings.NewReader(in))
		if err != nil {
			if code, key := chancery.ErrorCode(err), errKey(err); code != chancery.EINVALID || key != "error.schedule_invalid" {
				t.Fatalf("error %v (%s %s); want EINVALID error.schedule_invalid", err, code, key)
			}
			return
		}
		for _, s := range got {
			seen := map[calendar.Date]bool{}
			for _, h := range s.Days {
				if h.Date.Year != s.Year || seen[h.Date] || !h.Date.IsValid() || h.Country != s.Country {
					t.Fatalf("accepted %+v in %s %d", h, s.Country, s.Year)
				}
				seen[h.Date] = true
			}
			_ = calendar.Holidays(s.Country, s.Year, got)
		}
	})
}

// FuzzParseDate checks ParseDate against String: whatever it accepts, it
// writes back unchanged.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-02-14", "2024-02-29", "0000-01-01", "2026-02-30", "", "2026-1-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := calendar.ParseDate(s)
		if err != nil {
			if chancery.ErrorCode(err) != chancery.EINVALID {
				t.Fatal(err)
			}
			return
		}
		if d.String() != s || !d.IsValid() {
			t.Fatalf("ParseDate(%q) = %v", s, d)
		}
	})
}

func errKey(err error) string {
	key, _ := chancery.ErrorKey(err)
	return key
}
