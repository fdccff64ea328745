package mission

import (
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/chancery-platform/chancery/calendar"
)

// Words translates a message key with its data into lang, as the
// product's catalogues do (web/ui's Translate, outbox.Words).
type Words func(lang, key string, data map[string]any) string

// LongDate writes a day with its weekday in lang through words, such as
// "Tuesday, 1 December 2026" or "2026年12月1日星期二", capitalized to stand
// on its own.
func LongDate(words Words, lang string, d calendar.Date) string {
	out := dateInText(words, lang, d)
	r, n := utf8.DecodeRuneInString(out)
	return string(unicode.ToUpper(r)) + out[n:]
}

// dateInText is LongDate as it stands inside a sentence: "вторник,
// 1 декабря 2026 г." keeps its lower case.
func dateInText(words Words, lang string, d calendar.Date) string {
	return words(lang, "booking.date", map[string]any{"Weekday": words(lang, "booking.weekday."+d.Weekday().String(), nil),
		"Day": d.Day, "Month": words(lang, "booking.month."+d.Month.String(), nil), "Year": d.Year})
}

// LongTime writes an instant as people write it, in lang and the zone
// loc, to stand inside a sentence: "Tuesday, 1 December 2026, 09:00 (China
// Standard Time, UTC+8)", "вторник, 1 декабря 2026 г., 09:00 (…)",
// "2026年12月1日星期二 09:00（北京时间，UTC+8）".
func LongTime(words Words, lang string, t time.Time, loc *time.Location) string {
	sep := ", "
	if lang == "zh" {
		sep = " "
	}
	return dateInText(words, lang, calendar.DateOf(t, loc)) + sep + t.In(loc).Format("15:04") + ZoneAside(loc, t, lang)
}

// LongSpan writes a time span within one day as LongTime does its start:
// "Tuesday, 20 May 2030, 14:00–17:00 (China Standard Time, UTC+8)".
func LongSpan(words Words, lang string, start, end time.Time, loc *time.Location) string {
	sep := ", "
	if lang == "zh" {
		sep = " "
	}
	return dateInText(words, lang, calendar.DateOf(start, loc)) + sep + start.In(loc).Format("15:04") + "–" +
		end.In(loc).Format("15:04") + ZoneAside(loc, start, lang)
}
