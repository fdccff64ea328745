package ics_test

import (
	"bytes"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // the zones below, even where the system has no zoneinfo
	"unicode/utf8"

	ical "github.com/emersion/go-ical"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/ics"
)

func shanghai(t testing.TB) *time.Location {
	t.Helper()
	z, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	return z
}

// booking is the event of a visa interview on 2 March 2026 at 09:30 in
// Chongqing, as the booking system would pass it.
func booking(t testing.TB) ics.Event {
	z := shanghai(t)
	return ics.Event{
		UID:         "CQ-7F3K9@chancery",
		Start:       time.Date(2026, 3, 2, 9, 30, 0, 0, z),
		End:         time.Date(2026, 3, 2, 10, 0, 0, 0, z),
		Zone:        z,
		Summary:     "Visa interview, counter 3; bring your passport",
		Location:    "Belarusian Consulate General in Chongqing",
		Description: "Reference CQ-7F3K9.\nPlease arrive 10 minutes early.",
		Organizer:   "mailto:chongqing@mfa.gov.by",
		Attendee:    "li.wei@example.cn",
		Stamp:       time.Date(2026, 2, 20, 8, 15, 0, 0, time.UTC),
	}
}

// parse decodes b with emersion/go-ical, a parser independent of the
// library the package writes with, and returns the calendar and its only
// event.
func parse(t testing.TB, b []byte) (*ical.Calendar, *ical.Event) {
	t.Helper()
	cal, err := ical.NewDecoder(bytes.NewReader(b)).Decode()
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, b)
	}
	events := cal.Events()
	if len(events) != 1 {
		t.Fatalf("%d events; want 1\n%s", len(events), b)
	}
	return cal, &events[0]
}

func text(t testing.TB, c *ical.Component, name string) string {
	t.Helper()
	p := c.Props.Get(name)
	if p == nil {
		t.Fatalf("no %s property", name)
	}
	s, err := p.Text()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return s
}

func TestBuildRequest(t *testing.T) {
	e := booking(t)
	b, err := ics.Build(ics.Request, e)
	if err != nil {
		t.Fatal(err)
	}
	cal, ev := parse(t, b)

	for name, want := range map[string]string{"METHOD": "REQUEST", "VERSION": "2.0", "PRODID": "-//chancery//chancery//EN"} {
		if got := text(t, cal.Component, name); got != want {
			t.Errorf("%s = %q; want %q", name, got, want)
		}
	}
	for name, want := range map[string]string{
		"UID": e.UID, "STATUS": "CONFIRMED", "SUMMARY": e.Summary, "LOCATION": e.Location, "DESCRIPTION": e.Description,
	} {
		if got := text(t, ev.Component, name); got != want {
			t.Errorf("%s = %q; want %q", name, got, want)
		}
	}
	for name, want := range map[string]string{"ORGANIZER": "mailto:chongqing@mfa.gov.by", "ATTENDEE": "mailto:li.wei@example.cn"} {
		if p := ev.Props.Get(name); p == nil || p.Value != want {
			t.Errorf("%s = %v; want %q", name, p, want)
		}
	}
	if seq, err := ev.Props.Get("SEQUENCE").Int(); err != nil || seq != 0 {
		t.Errorf("SEQUENCE = %d, %v; want 0", seq, err)
	}

	start := ev.Props.Get(ical.PropDateTimeStart)
	if tzid := start.Params.Get(ical.ParamTimezoneID); tzid != "Asia/Shanghai" {
		t.Errorf("DTSTART TZID = %q; want Asia/Shanghai", tzid)
	}
	if start.Value != "20260302T093000" {
		t.Errorf("DTSTART = %q; want the local time 20260302T093000", start.Value)
	}
	got, err := ev.DateTimeStart(nil)
	if want := time.Date(2026, 3, 2, 1, 30, 0, 0, time.UTC); err != nil || !got.Equal(want) {
		t.Errorf("DTSTART = %v, %v; want %v", got, err, want)
	}
	got, err = ev.DateTimeEnd(nil)
	if want := time.Date(2026, 3, 2, 2, 0, 0, 0, time.UTC); err != nil || !got.Equal(want) {
		t.Errorf("DTEND = %v, %v; want %v", got, err, want)
	}
	stamp, err := ev.Props.DateTime(ical.PropDateTimeStamp, nil)
	if err != nil || !stamp.Equal(e.Stamp) || !strings.HasSuffix(ev.Props.Get(ical.PropDateTimeStamp).Value, "Z") {
		t.Errorf("DTSTAMP = %v, %v; want %v in UTC", stamp, err, e.Stamp)
	}
	checkTimezone(t, cal, "Asia/Shanghai", "+0800")
}

// checkTimezone checks cal has exactly one VTIMEZONE, for tzid, made of one
// STANDARD observance at offset, as RFC 5545 section 3.6.5 requires.
func checkTimezone(t *testing.T, cal *ical.Calendar, tzid, offset string) {
	t.Helper()
	var zones []*ical.Component
	for _, c := range cal.Children {
		if c.Name == ical.CompTimezone {
			zones = append(zones, c)
		}
	}
	if len(zones) != 1 {
		t.Fatalf("%d VTIMEZONE components; want 1", len(zones))
	}
	tz := zones[0]
	if got := text(t, tz, "TZID"); got != tzid {
		t.Errorf("VTIMEZONE TZID = %q; want %q", got, tzid)
	}
	if len(tz.Children) != 1 || tz.Children[0].Name != ical.CompTimezoneStandard {
		t.Fatalf("VTIMEZONE children %v; want one STANDARD", tz.Children)
	}
	std := tz.Children[0]
	for name, want := range map[string]string{"DTSTART": "19700101T000000", "TZOFFSETFROM": offset, "TZOFFSETTO": offset} {
		if p := std.Props.Get(name); p == nil || p.Value != want {
			t.Errorf("STANDARD %s = %v; want %q", name, p, want)
		}
	}
	if _, err := std.Props.DateTime("DTSTART", nil); err != nil {
		t.Errorf("STANDARD DTSTART: %v", err)
	}
}

func TestBuildCancel(t *testing.T) {
	e := booking(t)
	e.Sequence = 2
	b, err := ics.Build(ics.Cancel, e)
	if err != nil {
		t.Fatal(err)
	}
	cal, ev := parse(t, b)
	if got := text(t, cal.Component, "METHOD"); got != "CANCEL" {
		t.Errorf("METHOD = %q; want CANCEL", got)
	}
	if got := text(t, ev.Component, "STATUS"); got != "CANCELLED" {
		t.Errorf("STATUS = %q; want CANCELLED", got)
	}
	if got := text(t, ev.Component, "UID"); got != e.UID {
		t.Errorf("UID = %q; want %q", got, e.UID)
	}
	if seq, err := ev.Props.Get("SEQUENCE").Int(); err != nil || seq != 2 {
		t.Errorf("SEQUENCE = %d, %v; want 2", seq, err)
	}
}

func TestBuildText(t *testing.T) {
	long := strings.Repeat("Консульский отдел, окно 3; ", 8)
	tests := []struct {
		name, in, want string
	}{
		{"commas and semicolons", "Visa interview, counter 3; room 2", ""},
		{"backslashes", `C:\forms\DS-160 \n is not a newline`, ""},
		{"Chinese", "签证面谈：请携带护照，准时到达；谢谢", ""},
		{"Cyrillic and Belarusian", "Генеральнае консульства Рэспублікі Беларусь у Чунцыне", ""},
		{"long line", long, ""},
		{"four-byte characters", strings.Repeat("🇧🇾📅", 30), ""},
		{"newlines", "first line\nsecond line\n\nfourth", ""},
		{"CRLF and CR become newlines", "a\r\nb\rc", "a\nb\nc"},
		{"control characters dropped", "a\x00b\x07c\x1bd\x7fe\tf", "abcde\tf"},
		{"invalid UTF-8 replaced", "a\xffb", "a\uFFFDb"},
		{"colons and quotes", `"Room": 3 'B'`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := tt.want
			if want == "" {
				want = tt.in
			}
			e := booking(t)
			e.Summary, e.Location, e.Description = tt.in, tt.in+"!", "Note: "+tt.in
			b, err := ics.Build(ics.Request, e)
			if err != nil {
				t.Fatal(err)
			}
			checkLines(t, b)
			_, ev := parse(t, b)
			if got := text(t, ev.Component, "SUMMARY"); got != want {
				t.Errorf("SUMMARY = %q; want %q", got, want)
			}
			if got := text(t, ev.Component, "LOCATION"); got != want+"!" {
				t.Errorf("LOCATION = %q; want %q", got, want+"!")
			}
			if got := text(t, ev.Component, "DESCRIPTION"); got != "Note: "+want {
				t.Errorf("DESCRIPTION = %q; want %q", got, "Note: "+want)
			}
		})
	}
}

// TestBuildFolding puts multibyte characters at every offset around the
// 75-octet fold, so that a fold inside a character would show.
func TestBuildFolding(t *testing.T) {
	for _, char := range []string{"é", "重", "😀"} {
		for pad := range 8 {
			e := booking(t)
			e.Summary = strings.Repeat("x", pad) + strings.Repeat(char, 200)
			b, err := ics.Build(ics.Request, e)
			if err != nil {
				t.Fatal(err)
			}
			checkLines(t, b)
			if _, ev := parse(t, b); text(t, ev.Component, "SUMMARY") != e.Summary {
				t.Errorf("%q padded by %d: SUMMARY does not round-trip", char, pad)
			}
		}
	}
}

// checkLines checks every line of b ends in CRLF, is at most 75 octets and
// is valid UTF-8 on its own, so that no fold split a character.
func checkLines(t testing.TB, b []byte) {
	t.Helper()
	if !bytes.HasSuffix(b, []byte("\r\n")) {
		t.Fatalf("file does not end in CRLF")
	}
	for i, line := range strings.Split(strings.TrimSuffix(string(b), "\r\n"), "\r\n") {
		switch {
		case strings.ContainsAny(line, "\r\n"):
			t.Fatalf("line %d has a bare CR or LF: %q", i+1, line)
		case len(line) > 75:
			t.Fatalf("line %d is %d octets: %q", i+1, len(line), line)
		case !utf8.ValidString(line):
			t.Fatalf("line %d splits a UTF-8 character: %q", i+1, line)
		case line == "":
			t.Fatalf("line %d is empty", i+1)
		}
	}
}

func TestBuildZones(t *testing.T) {
	tests := []struct {
		zone, offset string
	}{
		{"Asia/Shanghai", "+0800"},
		{"Europe/Minsk", "+0300"},
		{"Asia/Kolkata", "+0530"},
		{"UTC", "+0000"},
		{"America/Sao_Paulo", "-0300"},
	}
	for _, tt := range tests {
		t.Run(tt.zone, func(t *testing.T) {
			z, err := time.LoadLocation(tt.zone)
			if err != nil {
				t.Fatal(err)
			}
			e := booking(t)
			e.Zone = z
			b, err := ics.Build(ics.Request, e)
			if err != nil {
				t.Fatal(err)
			}
			cal, ev := parse(t, b)
			checkTimezone(t, cal, tt.zone, tt.offset)
			if got, err := ev.DateTimeStart(nil); err != nil || !got.Equal(e.Start) {
				t.Errorf("DTSTART = %v, %v; want %v", got, err, e.Start)
			}
		})
	}
}

func TestBuildInvalid(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		method ics.Method
		change func(*ics.Event)
	}{
		{"missing UID", ics.Request, func(e *ics.Event) { e.UID = "" }},
		{"UID with a line break", ics.Request, func(e *ics.Event) { e.UID = "CQ-1\r\nX-EVIL:1" }},
		{"UID with surrounding space", ics.Request, func(e *ics.Event) { e.UID = " CQ-1@chancery" }},
		{"missing zone", ics.Request, func(e *ics.Event) { e.Zone = nil }},
		{"end equals start", ics.Request, func(e *ics.Event) { e.End = e.Start }},
		{"end before start", ics.Request, func(e *ics.Event) { e.End = e.Start.Add(-time.Minute) }},
		{"missing start", ics.Request, func(e *ics.Event) { e.Start = time.Time{} }},
		{"missing stamp", ics.Request, func(e *ics.Event) { e.Stamp = time.Time{} }},
		{"negative sequence", ics.Request, func(e *ics.Event) { e.Sequence = -1 }},
		{"cancellation at sequence 0", ics.Cancel, func(e *ics.Event) { e.Sequence = 0 }},
		{"unknown method", ics.Method("PUBLISH"), func(e *ics.Event) {}},
		{"missing organizer", ics.Request, func(e *ics.Event) { e.Organizer = "" }},
		{"malformed attendee", ics.Request, func(e *ics.Event) { e.Attendee = "not an address" }},
		{"attendee with a line break", ics.Request, func(e *ics.Event) { e.Attendee = "a@example.cn\r\nX-EVIL:1" }},
		{"zone with DST in summer", ics.Request, func(e *ics.Event) { e.Zone = berlin }},
		{"zone with DST in winter", ics.Request, func(e *ics.Event) {
			e.Zone, e.Start, e.End = berlin, time.Date(2026, 1, 5, 9, 0, 0, 0, berlin), time.Date(2026, 1, 5, 10, 0, 0, 0, berlin)
		}},
		{"Go's Local zone", ics.Request, func(e *ics.Event) { e.Zone = time.Local }},
		{"zone name with a colon", ics.Request, func(e *ics.Event) { e.Zone = time.FixedZone("UTC+8:00", 8*3600) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := booking(t)
			e.Sequence = 1
			tt.change(&e)
			b, err := ics.Build(tt.method, e)
			if err == nil {
				t.Fatalf("Build succeeded:\n%s", b)
			}
			if code := chancery.ErrorCode(err); code != chancery.EINVALID {
				t.Errorf("code %q (%v); want %q", code, err, chancery.EINVALID)
			}
			if key, _ := chancery.ErrorKey(err); key != "error.ics_invalid" {
				t.Errorf("key %q; want error.ics_invalid", key)
			}
		})
	}
}

func TestBuildAddresses(t *testing.T) {
	e := booking(t)
	e.Organizer = "MAILTO:Консульство <chongqing@mfa.gov.by>"
	e.Attendee = `"Li, Wei" <li.wei@example.cn>`
	b, err := ics.Build(ics.Request, e)
	if err != nil {
		t.Fatal(err)
	}
	_, ev := parse(t, b)
	if got := ev.Props.Get("ORGANIZER").Value; got != "mailto:chongqing@mfa.gov.by" {
		t.Errorf("ORGANIZER = %q", got)
	}
	if got := ev.Props.Get("ATTENDEE").Value; got != "mailto:li.wei@example.cn" {
		t.Errorf("ATTENDEE = %q", got)
	}
}
