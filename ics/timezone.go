package ics

import (
	"fmt"
	"time"

	goical "github.com/arran4/golang-ical"
)

// steadyMargin is how far either side of an event a zone must keep one
// offset without daylight saving time for its VTIMEZONE to be written with a
// single STANDARD observance. Every zone that observes DST changes its offset
// within any such window, so all of them are refused, whatever the season.
const steadyMargin = 366 * 24 * time.Hour

// vtimezone returns the VTIMEZONE component that DTSTART and DTEND refer to
// by TZID: one STANDARD observance with the zone's offset, starting at
// 19700101T000000 as calendar software conventionally writes zones without
// transitions. Asia/Shanghai, which has kept +0800 without DST since 1991,
// is such a zone.
func vtimezone(zone *time.Location, start, end time.Time) (*goical.VTimezone, error) {
	name := zone.String()
	if !validZoneName(name) {
		return nil, invalid("zone", fmt.Sprintf("zone name %q is not an IANA zone name", name))
	}
	abbr, offset, ok := steady(zone, start.Add(-steadyMargin), end.Add(steadyMargin))
	if !ok {
		return nil, invalid("zone", "zone "+name+" changes its offset or observes DST within a year of the event")
	}
	tz := goical.NewTimezone(name)
	std := tz.AddStandard()
	std.SetProperty(goical.ComponentPropertyDtStart, "19700101T000000")
	std.SetProperty(goical.ComponentProperty(goical.PropertyTzoffsetfrom), utcOffset(offset))
	std.SetProperty(goical.ComponentProperty(goical.PropertyTzoffsetto), utcOffset(offset))
	if abbr != "" {
		std.SetProperty(goical.ComponentProperty(goical.PropertyTzname), abbr)
	}
	return tz, nil
}

// steady reports whether zone keeps one UTC offset, outside daylight saving
// time, from the instant from to the instant to, and returns that offset and
// the zone's abbreviation at from. A change of abbreviation alone is no
// change: Go's zone tables end with such artificial bounds (Europe/Minsk's
// in 2038).
func steady(zone *time.Location, from, to time.Time) (abbr string, offset int, ok bool) {
	t := from.In(zone)
	abbr, offset = t.Zone()
	// A zone's periods are long; the bound keeps a malformed zone from
	// looping.
	for range 10000 {
		if t.IsDST() {
			return "", 0, false
		}
		if _, o := t.Zone(); o != offset {
			return "", 0, false
		}
		_, next := t.ZoneBounds()
		if next.IsZero() || next.After(to) {
			return abbr, offset, true
		}
		t = next.In(zone)
	}
	return "", 0, false
}

// utcOffset formats seconds east of UTC as an RFC 5545 UTC-OFFSET: +HHMM, or
// +HHMMSS when the offset has seconds.
func utcOffset(seconds int) string {
	sign := '+'
	if seconds < 0 {
		sign, seconds = '-', -seconds
	}
	h, m, s := seconds/3600, seconds/60%60, seconds%60
	if s != 0 {
		return fmt.Sprintf("%c%02d%02d%02d", sign, h, m, s)
	}
	return fmt.Sprintf("%c%02d%02d", sign, h, m)
}

// validZoneName reports whether name looks like an IANA zone name such as
// "Asia/Shanghai", "UTC" or "Etc/GMT-8". Go's "Local" names no zone a
// receiving calendar could know, and other characters would need quoting in
// the TZID parameter.
func validZoneName(name string) bool {
	if name == "" || name == "Local" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '/' || c == '_' || c == '-' || c == '+') {
			return false
		}
	}
	return true
}
