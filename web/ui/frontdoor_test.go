package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/calendar"
)

// TestHoursRows: weekdays with the same hours are told together, Monday
// first; a day off or different hours starts a new line.
func TestHoursRows(t *testing.T) {
	day := []calendar.Interval{{Start: "09:00", End: "12:00"}, {Start: "14:00", End: "17:00"}}
	morning := []calendar.Interval{{Start: "09:00", End: "12:00"}}
	for _, c := range []struct {
		name  string
		hours map[time.Weekday][]calendar.Interval
		want  []HoursRow
	}{
		{"no hours kept", nil, nil},
		{"Monday to Friday alike", map[time.Weekday][]calendar.Interval{time.Monday: day, time.Tuesday: day, time.Wednesday: day, time.Thursday: day, time.Friday: day},
			[]HoursRow{{time.Monday, time.Friday, day}}},
		{"Saturday mornings apart", map[time.Weekday][]calendar.Interval{time.Monday: day, time.Tuesday: day, time.Saturday: morning},
			[]HoursRow{{time.Monday, time.Tuesday, day}, {time.Saturday, time.Saturday, morning}}},
		{"Wednesday off splits the week", map[time.Weekday][]calendar.Interval{time.Monday: day, time.Tuesday: day, time.Thursday: day, time.Friday: day},
			[]HoursRow{{time.Monday, time.Tuesday, day}, {time.Thursday, time.Friday, day}}},
		{"Sunday comes last", map[time.Weekday][]calendar.Interval{time.Sunday: morning, time.Monday: morning},
			[]HoursRow{{time.Monday, time.Monday, morning}, {time.Sunday, time.Sunday, morning}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := hoursRows(c.hours)
			if len(got) != len(c.want) {
				t.Fatalf("%v, want %v", got, c.want)
			}
			for i := range got {
				if got[i].From != c.want[i].From || got[i].To != c.want[i].To || len(got[i].Intervals) != len(c.want[i].Intervals) {
					t.Errorf("row %d: %v, want %v", i, got[i], c.want[i])
				}
			}
		})
	}
}

// TestIdentityCheck: a colour must be #rrggbb and dark enough for links
// on white; an emblem must be an image of a known type and size.
func TestIdentityCheck(t *testing.T) {
	for _, c := range []struct {
		name string
		id   Identity
		want string // "" when accepted
	}{
		{"nothing configured", Identity{}, ""},
		{"the default blue", Identity{Primary: "#0b4f8a"}, ""},
		{"a dark red, capitals", Identity{Primary: "#7A1020"}, ""},
		{"a colour name", Identity{Primary: "red"}, "#rrggbb"},
		{"three digits", Identity{Primary: "#abc"}, "#rrggbb"},
		{"yellow on white", Identity{Primary: "#ffcc00"}, "contrast"},
		{"an SVG emblem", Identity{Emblem: []byte("<svg/>"), EmblemName: "emblem.svg"}, ""},
		{"a GIF emblem", Identity{Emblem: []byte("GIF89a"), EmblemName: "emblem.gif"}, "must be one of"},
		{"an empty emblem", Identity{EmblemName: "emblem.png"}, "between 1 byte"},
		{"an emblem too large", Identity{Emblem: make([]byte, MaxEmblemBytes+1), EmblemName: "emblem.png"}, "between 1 byte"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := strings.Join(c.id.Check(), "; ")
			if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
				t.Errorf("%q, want %q", got, c.want)
			}
		})
	}
}
