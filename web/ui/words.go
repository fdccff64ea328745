package ui

import (
	"context"
	"strings"
	"time"

	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/matchmaking"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/place"
)

// The words of dates, periods, amounts and names in the reader's
// language, for pages, the API and mail alike, and the helpers templates
// call on a View.

// CalendarWords puts words in place of the codes a calendar reason or a
// slot error carries: the country's name, the holiday's name and the
// weekday, in lang.
func (s *Server) CalendarWords(lang string, data map[string]any) map[string]any {
	out := make(map[string]any, len(data))
	for k, v := range data {
		out[k] = v
	}
	if c, ok := data["Country"].(string); ok {
		out["Country"] = s.CountryName(lang, c)
	}
	if h, ok := data["Holiday"].(string); ok {
		out["Holiday"] = s.TranslateOr(lang, "calendar.holiday."+h, h)
	}
	if wd, ok := data["Weekday"].(string); ok {
		out["Weekday"] = s.TranslateOr(lang, "calendar.weekdays."+wd, wd)
	}
	if d, ok := data["Date"].(string); ok {
		if day, err := calendar.ParseDate(d); err == nil {
			out["Date"] = s.ShortDate(lang, day)
		}
	}
	return out
}

// LongDate writes a day with its weekday in lang, such as "Tuesday,
// 1 December 2026", capitalized to stand on its own.
func (s *Server) LongDate(lang string, d calendar.Date) string {
	return mission.LongDate(s.Translate, lang, d)
}

// ShortDate writes a day in lang, such as "1 December 2026".
func (s *Server) ShortDate(lang string, d calendar.Date) string {
	return s.Translate(lang, "booking.date_short", map[string]any{"Day": d.Day,
		"Month": s.Translate(lang, "booking.month."+d.Month.String(), nil), "Year": d.Year})
}

// CountryName names an ISO 3166-1 code in lang.
func (s *Server) CountryName(lang, code string) string { return place.CountryName(code, LangTag(lang)) }

// LongDate writes a day with its weekday in the reader's language.
func (v *View) LongDate(d calendar.Date) string { return v.s.LongDate(v.Lang, d) }

// DayOf is the day an instant falls on in a zone.
func (v *View) DayOf(t time.Time, loc *time.Location) calendar.Date { return calendar.DateOf(t, loc) }

// Clock writes an instant's local time in a zone, as 09:00.
func (v *View) Clock(t time.Time, loc *time.Location) string { return t.In(loc).Format("15:04") }

// When writes a slot's day and times in the mission's zone, in the
// reader's language.
func (v *View) When(start, end time.Time, loc *time.Location) string {
	return v.T("booking.when", "Date", v.LongDate(calendar.DateOf(start, loc)), "Start", v.Clock(start, loc), "End", v.Clock(end, loc))
}

// ZoneNote names the mission's time zone, in which a page shows its times,
// in the reader's language with its offset from UTC at an instant:
// "China Standard Time (UTC+8)", never "Asia/Shanghai".
func (v *View) ZoneNote(loc *time.Location, at time.Time) string {
	return v.T("booking.zone_note", "Zone", mission.ZoneLabel(loc, at, v.Lang))
}

// ZoneName names a time zone, given by its IANA name (a mission's
// TimeZone), in the reader's language with its offset from UTC now, as a
// page about the present shows it: "北京时间（UTC+8）".
func (v *View) ZoneName(zone string) string {
	return mission.ZoneLabel(mission.Zone(zone), time.Now(), v.Lang)
}

// LangTag is the BCP 47 tag of one of our language codes.
func LangTag(code string) string {
	for _, l := range Languages {
		if l.Code == code {
			return l.Tag
		}
	}
	return "en"
}

// LangName is a language's own name for itself, from its code.
func (v *View) LangName(code string) string {
	for _, l := range v.Languages {
		if l.Code == code {
			return l.Name
		}
	}
	return code
}

// LangTag is the BCP 47 tag of one of our language codes.
func (v *View) LangTag(code string) string { return LangTag(code) }

// PeriodName writes a trade period for people: "2023", "Jan–Aug 2022".
func (s *Server) PeriodName(lang, period string) string {
	from, to, ok := strings.Cut(period, "/")
	if !ok {
		return period
	}
	month := func(ym string) string {
		return s.Translate(lang, "relations.month_short."+strings.TrimLeft(ym[5:], "0"), nil)
	}
	return s.Translate(lang, "relations.period_months", map[string]any{"From": month(from), "To": month(to), "Year": from[:4]})
}

// PeriodName writes a trade period in the reader's language.
func (v *View) PeriodName(period string) string { return v.s.PeriodName(v.Lang, period) }

// Money writes an amount with its currency, or says the source gave none,
// in a language; "approximately" where the source says so.
func (s *Server) Money(lang string, m cooperation.Money) string {
	amount := m.Rat().FloatString(0)
	if r := m.Rat(); !r.IsInt() {
		amount = r.FloatString(2)
	}
	out := groupDigits(amount) + " " + m.Currency
	if m.Currency == "" {
		out = s.Translate(lang, "relations.no_currency", map[string]any{"Amount": groupDigits(amount)})
	}
	if m.Approximate {
		return s.Translate(lang, "relations.approximately", map[string]any{"Amount": out})
	}
	return out
}

// Money writes an amount in the reader's language.
func (v *View) Money(m cooperation.Money) string { return v.s.Money(v.Lang, m) }

// groupDigits writes 1020000000 as 1 020 000 000 (thin spaces between
// groups of three, which every language here reads).
func groupDigits(n string) string {
	whole, frac, _ := strings.Cut(n, ".")
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteRune('\u202f')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}

// Percent writes a change with its sign: "+128 %", "-12 %", "0 %".
func Percent(change string) string {
	switch {
	case change == "0" || strings.HasPrefix(change, "-"):
		return change + " %"
	default:
		return "+" + change + " %"
	}
}

// Percent writes a year-on-year change with its sign.
func (v *View) Percent(change string) string { return Percent(change) }

// Stamp shows an instant as date and time in a zone, as 2026-12-01 09:00.
func (v *View) Stamp(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("2006-01-02 15:04")
}

// SectionName names an HS section in the reader's language.
func (v *View) SectionName(s matchmaking.Section) string { return s.Name(v.Lang) }

// EntityName names an entity of the record in the reader's language, or
// gives its id when the record does not hold it.
func (v *View) EntityName(entities map[string]cooperation.Entity, id string) string {
	return EntityName(entities, id, v.Lang)
}

func EntityName(entities map[string]cooperation.Entity, id, lang string) string {
	if e, ok := entities[id]; ok {
		return e.Name.In(lang)
	}
	return id
}

// Sides are the two lists of a profile's form: what it offers, what it seeks.
func (v *View) Sides() []string { return []string{"offer", "seek"} }

// Ticked reports whether a profile's form ticks a section on one side.
func (v *View) Ticked(p matchmaking.Profile, side string, s matchmaking.Section) bool {
	if side == "offer" {
		return p.Offers.Has(s)
	}
	return p.Seeks.Has(s)
}

// ReasonText explains one reason in a language: "Belarus offers section
// IV (prepared foodstuffs), which Chongqing seeks".
func (s *Server) ReasonText(lang string, es map[string]cooperation.Entity, r matchmaking.Reason) string {
	return s.Translate(lang, "match.reason", map[string]any{"Offerer": EntityName(es, r.Offerer, lang), "Seeker": EntityName(es, r.Seeker, lang),
		"Section": r.Section.String(), "Name": r.Section.Name(lang)})
}

// ZoneOf is a mission's time zone, or the missions' default zone.
func (s *Server) ZoneOf(ctx context.Context, missionID string) *time.Location {
	if m, err := s.DB.Mission(ctx, missionID); err == nil {
		return mission.Zone(m.TimeZone)
	}
	return mission.Zone(MissionZone)
}

// AuditAction names an action of the audit log in the reader's language
// (audit.action.CODE), or gives its code when it has no name.
func (v *View) AuditAction(code string) string {
	return v.s.TranslateOr(v.Lang, "audit.action."+code, code)
}

// AuditEntity is the kind of object an audit entry is about, in the
// reader's language (audit.entity.KIND), or its code when it has no name.
func (v *View) AuditEntity(code string) string {
	return v.s.TranslateOr(v.Lang, "audit.entity."+code, code)
}

// AuditValue is a value of an audited change as the desk shows it: a
// booking's or a registration's status in words (audit.status.VALUE),
// anything else as it is.
func (v *View) AuditValue(entity, field, value string) string {
	if (entity == "booking" || entity == "registration") && strings.EqualFold(field, "status") && value != "" {
		return v.s.TranslateOr(v.Lang, "audit.status."+value, value)
	}
	return value
}
