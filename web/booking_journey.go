package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/place"
)

// The public booking journey, as pages that work without JavaScript:
// a service (booking_services.go), a time (booking_week.go), the person's
// details and a last check (booking_details.go), the booking itself
// (booking_confirm.go), and the manage page behind the emailed link
// (booking_manage.go). Nothing is booked or cancelled by a GET.

// bookingJourney is what every step of the journey knows: the mission,
// the service, the mission's calendar and the moment of the request.
type bookingJourney struct {
	Mission mission.Mission
	Service booking.Service
	Cal     calendar.Calendar
	Now     time.Time
}

// journey loads the mission and service named in the request's path. An
// unknown mission, or a service that is not the mission's or not open for
// booking, is ENOTFOUND.
func (s *Server) journey(r *http.Request) (bookingJourney, error) {
	ctx := r.Context()
	m, err := s.db.Mission(ctx, r.PathValue("id"))
	if err != nil {
		return bookingJourney{}, err
	}
	svc, cal, err := s.appts.MissionService(ctx, m.ID, r.PathValue("service"))
	if err != nil {
		return bookingJourney{}, err
	}
	return bookingJourney{Mission: m, Service: svc, Cal: cal, Now: s.db.Now()}, nil
}

// ServicesURL is step 1, the mission's services.
func (j bookingJourney) ServicesURL() string {
	return "/missions/" + url.PathEscape(j.Mission.ID) + "/book"
}

// WeekURL is step 2 at the week that holds d.
func (j bookingJourney) WeekURL(d calendar.Date) string {
	return j.ServicesURL() + "/" + url.PathEscape(j.Service.ID) + "?week=" + weekOf(d).String()
}

// TimesURL is step 2 at its first week.
func (j bookingJourney) TimesURL() string {
	return j.ServicesURL() + "/" + url.PathEscape(j.Service.ID)
}

// SlotURL is step 2 at the week of t, scrolled to t's day.
func (j bookingJourney) SlotURL(t time.Time) string {
	d := calendar.DateOf(t, j.Cal.Zone)
	return j.WeekURL(d) + "#day-" + d.String()
}

// DetailsURL is step 3 for the time start.
func (j bookingJourney) DetailsURL(start time.Time) string {
	return j.TimesURL() + "/details?start=" + url.QueryEscape(j.RFC3339(start))
}

// ConfirmURL is where the last check's form books.
func (j bookingJourney) ConfirmURL() string { return j.TimesURL() + "/confirm" }

// RFC3339 writes an instant in the mission's zone, as the forms carry it.
func (j bookingJourney) RFC3339(t time.Time) string { return t.In(j.Cal.Zone).Format(time.RFC3339) }

// weekOf is the Monday of d's week.
func weekOf(d calendar.Date) calendar.Date { return d.AddDays(-((int(d.Weekday()) + 6) % 7)) }

// parseStart reads the start time a form carries.
func parseStart(v string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(v))
	if err != nil || len(v) > 64 {
		return time.Time{}, chancery.Errorf(chancery.EINVALID, "booking.choose_time")
	}
	return t, nil
}

// offeredFree finds the slot at start that a person may book now and that
// still has a free place.
func (s *Server) offeredFree(ctx context.Context, j bookingJourney, start time.Time) (booking.Slot, error) {
	sl, err := booking.Offered(j.Service, j.Cal, start, j.Now)
	if err != nil {
		return sl, err
	}
	usage, err := s.db.SlotUsage(ctx, j.Service.ID, sl.Start, sl.Start.Add(time.Millisecond))
	if err != nil {
		return sl, err
	}
	if u, ok := usage[sl.Start.UnixMilli()]; ok {
		sl.Capacity, sl.Held, sl.Booked = u.Capacity, u.Held, u.Booked
	}
	if sl.Available() == 0 {
		return sl, booking.ErrSlotFull
	}
	return sl, nil
}

// nextFree lists up to n of the first free slots in the booking window.
func (s *Server) nextFree(ctx context.Context, j bookingJourney, n int) ([]booking.Slot, error) {
	first, last := booking.Window(j.Service, j.Cal, j.Now)
	var out []booking.Slot
	// A week at a time, so the usual answer reads one week's slots only.
	for from := first; !last.Before(from) && len(out) < n; from = from.AddDays(7) {
		to := earlier(from.AddDays(6), last)
		slots, err := s.freeSlots(ctx, j.Service, j.Cal, from, to, j.Now)
		if err != nil {
			return nil, err
		}
		for _, sl := range slots {
			if sl.Available() > 0 && len(out) < n {
				out = append(out, sl)
			}
		}
	}
	return out, nil
}

// earlier is the earlier of two days.
func earlier(a, b calendar.Date) calendar.Date {
	if b.Before(a) {
		return b
	}
	return a
}

// retimePage is shown when the chosen time cannot be booked: why, and the
// next free times.
type retimePage struct {
	Journey bookingJourney
	Message string
	Next    []booking.Slot
}

// retime answers a request whose time cannot be booked (any more) with the
// reason and the next free times, each a link into step 2.
func (s *Server) retime(w http.ResponseWriter, r *http.Request, j bookingJourney, err error) {
	noStore(w)
	code := chancery.ErrorCode(err)
	if code != chancery.EINVALID && code != chancery.ECONFLICT {
		s.fail(w, r, err)
		return
	}
	next, nerr := s.nextFree(r.Context(), j, 5)
	if nerr != nil {
		s.fail(w, r, nerr)
		return
	}
	key, data := chancery.ErrorKey(err)
	s.renderStatus(w, r, statusOf(code), "book_retime", retimePage{Journey: j,
		Message: s.translate(visitOf(r).lang, key, s.calendarWords(visitOf(r).lang, data)), Next: next})
}

// journeyCSRF returns the pre-session CSRF token of the journey's forms
// (the sign-in form's double-submit cookie), renewing the cookie so that a
// form filled in slowly does not expire.
func (s *Server) journeyCSRF(w http.ResponseWriter, r *http.Request) string {
	v := visitOf(r)
	t := s.loginCSRF(w, r)
	if c, err := r.Cookie(s.cookieName(v, csrfCookie)); err == nil && c.Value == t {
		http.SetCookie(w, s.cookie(v, csrfCookie, t, 3600))
	}
	return t
}

// journeyPOSTAllowed checks a journey form's CSRF token against its cookie
// and that the form came from this site.
func (s *Server) journeyPOSTAllowed(r *http.Request) bool {
	c, err := r.Cookie(s.cookieName(visitOf(r), csrfCookie))
	return err == nil && journeyOrigin(r) && tokensEqual(r.PostFormValue("csrf"), c.Value)
}

// journeyOrigin reports whether a form came from this site. A page sent
// with Referrer-Policy: no-referrer (the manage pages) makes the browser
// send its forms with "Origin: null"; Sec-Fetch-Site, which no page can
// set, then says where the form came from.
func journeyOrigin(r *http.Request) bool {
	if r.Header.Get("Origin") == "null" {
		return r.Header.Get("Sec-Fetch-Site") == "same-origin"
	}
	return sameOrigin(r)
}

// noStore marks an answer no cache may keep: it carries personal data, a
// form's tokens, or free places that change by the minute.
func noStore(w http.ResponseWriter) { w.Header().Set("Cache-Control", "no-store") }

// private marks an answer whose address carries a manage-link token: never
// kept by a cache, and its address never sent on as a referrer.
func private(w http.ResponseWriter) {
	noStore(w)
	w.Header().Set("Referrer-Policy", "no-referrer")
}

// calendarWords puts words in place of the codes a calendar reason or a
// slot error carries: the country's name, the holiday's name and the
// weekday, in lang.
func (s *Server) calendarWords(lang string, data map[string]any) map[string]any {
	out := make(map[string]any, len(data))
	for k, v := range data {
		out[k] = v
	}
	if c, ok := data["Country"].(string); ok {
		out["Country"] = s.countryName(lang, c)
	}
	if h, ok := data["Holiday"].(string); ok {
		out["Holiday"] = s.translateOr(lang, "calendar.holiday."+h, h)
	}
	if wd, ok := data["Weekday"].(string); ok {
		out["Weekday"] = s.translateOr(lang, "calendar.weekdays."+wd, wd)
	}
	if d, ok := data["Date"].(string); ok {
		if day, err := calendar.ParseDate(d); err == nil {
			out["Date"] = s.shortDate(lang, day)
		}
	}
	return out
}

// translateOr translates key, or gives fallback when English, the
// fallback language, has no such message (a holiday added to the calendar
// after the translations, say).
func (s *Server) translateOr(lang, key, fallback string) string {
	if _, err := s.localizers["en"].Localize(&i18n.LocalizeConfig{MessageID: key}); err != nil {
		return fallback
	}
	return s.translate(lang, key, nil)
}

// longDate writes a day with its weekday in lang, such as "Tuesday,
// 1 December 2026", capitalized to stand on its own.
func (s *Server) longDate(lang string, d calendar.Date) string {
	out := s.translate(lang, "booking.date", map[string]any{"Weekday": s.translate(lang, "booking.weekday."+d.Weekday().String(), nil),
		"Day": d.Day, "Month": s.translate(lang, "booking.month."+d.Month.String(), nil), "Year": d.Year})
	r, n := utf8.DecodeRuneInString(out)
	return string(unicode.ToUpper(r)) + out[n:]
}

// shortDate writes a day in lang, such as "1 December 2026".
func (s *Server) shortDate(lang string, d calendar.Date) string {
	return s.translate(lang, "booking.date_short", map[string]any{"Day": d.Day,
		"Month": s.translate(lang, "booking.month."+d.Month.String(), nil), "Year": d.Year})
}

// countryName names an ISO 3166-1 code in lang.
func (s *Server) countryName(lang, code string) string { return place.CountryName(code, langTag(lang)) }

// LongDate writes a day with its weekday in the reader's language.
func (v *view) LongDate(d calendar.Date) string { return v.s.longDate(v.Lang, d) }

// DayOf is the day an instant falls on in a zone.
func (v *view) DayOf(t time.Time, loc *time.Location) calendar.Date { return calendar.DateOf(t, loc) }

// Clock writes an instant's local time in a zone, as 09:00.
func (v *view) Clock(t time.Time, loc *time.Location) string { return t.In(loc).Format("15:04") }

// When writes a slot's day and times in the mission's zone, in the
// reader's language.
func (v *view) When(start, end time.Time, loc *time.Location) string {
	return v.T("booking.when", "Date", v.LongDate(calendar.DateOf(start, loc)), "Start", v.Clock(start, loc), "End", v.Clock(end, loc))
}

// ZoneNote names the mission's time zone, in which a page shows its times,
// with its offset from UTC at an instant.
func (v *view) ZoneNote(loc *time.Location, at time.Time) string {
	return v.T("booking.zone_note", "Zone", loc.String(), "Offset", at.In(loc).Format("-07:00"))
}
