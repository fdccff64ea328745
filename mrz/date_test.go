package mrz

import (
	"testing"
	"time"
)

// TestReadDate: the two-digit year rule of REFERENCE.md §5, against
// 7 December 2026.
func TestReadDate(t *testing.T) {
	today := time.Date(2026, 12, 7, 23, 0, 0, 0, time.UTC)
	cases := []struct {
		name   string
		yymmdd string
		c      century
		want   string
		known  bool
		ok     bool
	}{
		{"born earlier this year", "260101", past, "2026-01-01", true, true},
		{"born today", "261207", past, "2026-12-07", true, true},
		{"born tomorrow's date: the century before", "261208", past, "1926-12-08", true, true},
		{"born in the seventies", "740812", past, "1974-08-12", true, true},
		{"born in 2000", "000229", past, "2000-02-29", true, true},
		{"29 February 2000 as an expiry", "000229", coming, "2000-02-29", true, true},
		{"expires next year", "270101", coming, "2027-01-01", true, true},
		{"expired long ago", "950712", coming, "1995-07-12", true, true},
		{"expires twenty years ahead", "461231", coming, "2046-12-31", true, true},
		{"more than twenty years ahead: the century before", "470101", coming, "1947-01-01", true, true},
		{"month 13", "741312", past, "", true, false},
		{"day 0", "740800", past, "", true, false},
		{"31 April", "740431", coming, "", true, false},
		{"a letter", "74O812", past, "", true, false},
		{"unknown day and month", "74<<<<", past, "", false, true},
		{"a letter beside fillers", "<<08A2", past, "", true, false},
	}
	for _, c := range cases {
		got, known, ok := readDate(c.yymmdd, today, c.c)
		if got != c.want || known != c.known || ok != c.ok {
			t.Errorf("%s: readDate(%s) = %q, %v, %v; want %q, %v, %v", c.name, c.yymmdd, got, known, ok, c.want, c.known, c.ok)
		}
	}
	// A birth date in the last days of a century's first year.
	if got, _, _ := readDate("991231", time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), past); got != "1999-12-31" {
		t.Errorf("991231 on 2000-01-01: %s", got)
	}
}
