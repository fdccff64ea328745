package mission

import (
	"testing"
	"time"
)

// TestZoneNames: a reader sees a zone's name in their language with its
// offset, never the IANA name; a zone with no name shows its offset.
func TestZoneNames(t *testing.T) {
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	summer := time.Date(2026, 7, 1, 9, 0, 0, 0, time.UTC)
	cases := []struct {
		zone, lang string
		at         time.Time
		name       string
		label      string
		aside      string
	}{
		{"Asia/Shanghai", "en", at, "China Standard Time", "China Standard Time (UTC+8)", " (China Standard Time, UTC+8)"},
		{"Asia/Shanghai", "zh", at, "北京时间", "北京时间（UTC+8）", "（北京时间，UTC+8）"},
		{"Asia/Shanghai", "ru", at, "пекинское время", "пекинское время (UTC+8)", " (пекинское время, UTC+8)"},
		{"Asia/Shanghai", "be", at, "пекінскі час", "пекінскі час (UTC+8)", " (пекінскі час, UTC+8)"},
		{"Asia/Hong_Kong", "en", at, "Hong Kong Time", "Hong Kong Time (UTC+8)", " (Hong Kong Time, UTC+8)"},
		{"Asia/Hong_Kong", "zh", at, "香港时间", "香港时间（UTC+8）", "（香港时间，UTC+8）"},
		{"Asia/Hong_Kong", "ru", at, "гонконгское время", "гонконгское время (UTC+8)", " (гонконгское время, UTC+8)"},
		{"Asia/Hong_Kong", "be", at, "ганконгскі час", "ганконгскі час (UTC+8)", " (ганконгскі час, UTC+8)"},
		{"Europe/Minsk", "en", at, "Minsk Time", "Minsk Time (UTC+3)", " (Minsk Time, UTC+3)"},
		{"Europe/Minsk", "zh", at, "明斯克时间", "明斯克时间（UTC+3）", "（明斯克时间，UTC+3）"},
		{"Europe/Minsk", "ru", at, "минское время", "минское время (UTC+3)", " (минское время, UTC+3)"},
		{"Europe/Minsk", "be", at, "мінскі час", "мінскі час (UTC+3)", " (мінскі час, UTC+3)"},
		// Zones with no name of ours: the offset at the instant, daylight saving included.
		{"Asia/Kolkata", "ru", at, "UTC+5:30", "UTC+5:30", " (UTC+5:30)"},
		{"America/Sao_Paulo", "zh", at, "UTC−3", "UTC−3", "（UTC−3）"},
		{"Europe/Berlin", "en", summer, "UTC+2", "UTC+2", " (UTC+2)"},
		{"Europe/Berlin", "en", at, "UTC+1", "UTC+1", " (UTC+1)"},
		{"UTC", "be", at, "усясветны каардынаваны час", "усясветны каардынаваны час (UTC)", " (усясветны каардынаваны час, UTC)"},
	}
	for _, c := range cases {
		loc, err := time.LoadLocation(c.zone)
		if err != nil {
			t.Fatalf("%s: %v", c.zone, err)
		}
		if got := ZoneName(loc, c.at, c.lang); got != c.name {
			t.Errorf("ZoneName(%s, %s) = %q, want %q", c.zone, c.lang, got, c.name)
		}
		if got := ZoneLabel(loc, c.at, c.lang); got != c.label {
			t.Errorf("ZoneLabel(%s, %s) = %q, want %q", c.zone, c.lang, got, c.label)
		}
		if got := ZoneAside(loc, c.at, c.lang); got != c.aside {
			t.Errorf("ZoneAside(%s, %s) = %q, want %q", c.zone, c.lang, got, c.aside)
		}
	}
}

// TestZoneNamesComplete: every zone the product names has all four languages.
func TestZoneNamesComplete(t *testing.T) {
	for zone, n := range zoneNames {
		if m := n.Missing(); len(m) > 0 || n.Empty() {
			t.Errorf("zone %s has no name in %v", zone, m)
		}
		if _, err := time.LoadLocation(zone); err != nil {
			t.Errorf("zone %s: %v", zone, err)
		}
	}
}
