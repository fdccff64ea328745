package mission

import (
	"fmt"
	"time"
)

// zoneNames are the names readers know the product's time zones by, in
// each language, by IANA name. A zone not here is named by its offset from
// UTC alone: a reader never sees "Asia/Shanghai".
var zoneNames = map[string]Text{
	"Asia/Shanghai":  {"en": "China Standard Time", "zh": "北京时间", "ru": "пекинское время", "be": "пекінскі час"},
	"Asia/Chongqing": {"en": "China Standard Time", "zh": "北京时间", "ru": "пекинское время", "be": "пекінскі час"},
	"Asia/Hong_Kong": {"en": "Hong Kong Time", "zh": "香港时间", "ru": "гонконгское время", "be": "ганконгскі час"},
	"Asia/Macau":     {"en": "Macao Time", "zh": "澳门时间", "ru": "время Макао", "be": "час Макао"},
	"Europe/Minsk":   {"en": "Minsk Time", "zh": "明斯克时间", "ru": "минское время", "be": "мінскі час"},
	"Europe/Moscow":  {"en": "Moscow Time", "zh": "莫斯科时间", "ru": "московское время", "be": "маскоўскі час"},
	"UTC":            {"en": "Coordinated Universal Time", "zh": "协调世界时", "ru": "всемирное координированное время", "be": "усясветны каардынаваны час"},
}

// ZoneName is the name of loc in lang, as "China Standard Time" or "北京时间",
// or, for a zone the product has no name for, its offset from UTC at the
// instant at, as "UTC+8".
func ZoneName(loc *time.Location, at time.Time, lang string) string {
	if n := zoneNames[loc.String()]; n != nil {
		return n.In(lang)
	}
	return UTCOffset(loc, at)
}

// ZoneLabel names loc in lang with its offset from UTC at the instant at:
// "China Standard Time (UTC+8)", "北京时间（UTC+8）", or "UTC+8" alone for a
// zone the product has no name for.
func ZoneLabel(loc *time.Location, at time.Time, lang string) string {
	off := UTCOffset(loc, at)
	n := zoneNames[loc.String()]
	if n == nil {
		return off
	}
	if lang == "zh" {
		return n.In(lang) + "（" + off + "）"
	}
	return n.In(lang) + " (" + off + ")"
}

// ZoneAside is how a line of text that gives a local time names its zone,
// in brackets after the time: " (China Standard Time, UTC+8)",
// "（北京时间，UTC+8）", " (UTC+8)" for a zone the product has no name for.
func ZoneAside(loc *time.Location, at time.Time, lang string) string {
	off := UTCOffset(loc, at)
	n := zoneNames[loc.String()]
	switch {
	case n == nil && lang == "zh":
		return "（" + off + "）"
	case n == nil:
		return " (" + off + ")"
	case lang == "zh":
		return "（" + n.In(lang) + "，" + off + "）"
	}
	return " (" + n.In(lang) + ", " + off + ")"
}

// UTCOffset writes loc's offset from UTC at the instant at: "UTC+8",
// "UTC+5:30", "UTC−3" (with a minus sign), "UTC" for none.
func UTCOffset(loc *time.Location, at time.Time) string {
	_, secs := at.In(loc).Zone()
	if secs == 0 {
		return "UTC"
	}
	sign := "+"
	if secs < 0 {
		sign, secs = "−", -secs
	}
	h, m := secs/3600, secs%3600/60
	if m == 0 {
		return fmt.Sprintf("UTC%s%d", sign, h)
	}
	return fmt.Sprintf("UTC%s%d:%02d", sign, h, m)
}
