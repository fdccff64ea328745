package ics_test

import (
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/ics"
)

// FuzzBuild feeds Build arbitrary summaries, descriptions and locations:
// the file must always build, keep its lines within 75 octets without
// splitting a character, parse with an independent parser and give back
// the text as RFC 5545 can carry it.
func FuzzBuild(f *testing.F) {
	f.Add("Visa interview, counter 3; bring your passport", "Line one\nline two", "Chongqing")
	f.Add("签证面谈：请携带护照，准时到达；谢谢", `C:\path\n`, "重庆市渝中区")
	f.Add(strings.Repeat("Консульства, ", 20), "a\r\nb\rc", "\x00\x7f\xff")
	f.Add("x😀😀😀", "", "\\;,\\,")
	base := booking(f)
	f.Fuzz(func(t *testing.T, summary, description, location string) {
		e := base
		e.Summary, e.Description, e.Location = summary, description, location
		b, err := ics.Build(ics.Request, e)
		if err != nil {
			t.Fatalf("Build: %v", err)
		}
		checkLines(t, b)
		_, ev := parse(t, b)
		for name, in := range map[string]string{"SUMMARY": summary, "DESCRIPTION": description, "LOCATION": location} {
			want := asText(in)
			if want == "" {
				if p := ev.Props.Get(name); p != nil {
					t.Errorf("%s = %q for empty text", name, p.Value)
				}
				continue
			}
			if got := text(t, ev.Component, name); got != want {
				t.Errorf("%s = %q; want %q (from %q)", name, got, want, in)
			}
		}
	})
}

// asText is what an iCalendar reader gets back for s: line breaks as "\n",
// invalid UTF-8 as U+FFFD, no other ASCII control character but the tab.
func asText(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s)
	var b strings.Builder
	for _, r := range s {
		if r == '\t' || r == '\n' || (r >= 0x20 && r != 0x7f) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
