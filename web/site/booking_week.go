package site

import (
	"net/http"
	"strings"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/web/ui"
)

// bookingDay is one day of the week shown in step 2.
type bookingDay struct {
	Date   calendar.Date
	Open   bool
	Closed string // why the mission is closed, in the reader's language
	Slots  []booking.Slot
}

// bookingWeekPage is step 2: one week of a service's times.
type bookingWeekPage struct {
	Journey    bookingJourney
	Week       calendar.Date // its Monday
	Days       []bookingDay  // the days of the week inside the booking window
	Prev, Next string        // the neighbouring weeks, when inside the window
	Free       bool          // some time of the week can be chosen
	Error      string
}

// Sunday is the last day of the week shown.
func (p bookingWeekPage) Sunday() calendar.Date { return p.Week.AddDays(6) }

func (s *Server) bookingWeek(w http.ResponseWriter, r *http.Request) {
	j, err := s.journey(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	s.renderWeek(w, r, j, r.URL.Query().Get("week"), "", http.StatusOK)
}

// renderWeek shows the week that holds day week (YYYY-MM-DD; the first
// week of the booking window when empty), kept inside the window. errKey,
// when set, says what was wrong with the choice sent from this page.
func (s *Server) renderWeek(w http.ResponseWriter, r *http.Request, j bookingJourney, week, errKey string, status int) {
	p, err := s.weekPage(r, j, week, j.WeekURL)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if errKey != "" {
		p.Error = s.Translate(ui.VisitOf(r).Lang, errKey, nil)
	}
	ui.NoStore(w)
	s.RenderStatus(w, r, status, "book_week", p)
}

// weekPage reads the week that holds day week (YYYY-MM-DD; the first week
// of the booking window when empty), kept inside the window, with its free
// times; weekURL is the address of another week of the same page.
func (s *Server) weekPage(r *http.Request, j bookingJourney, week string, weekURL func(calendar.Date) string) (bookingWeekPage, error) {
	lang := ui.VisitOf(r).Lang
	first, last := booking.Window(j.Service, j.Cal, j.Now)
	p := bookingWeekPage{Journey: j, Week: weekOf(first)}
	if week != "" {
		d, err := calendar.ParseDate(week)
		if err != nil {
			return p, err
		}
		p.Week = weekOf(d)
	}
	if p.Week.Before(weekOf(first)) {
		p.Week = weekOf(first)
	}
	if weekOf(last).Before(p.Week) {
		p.Week = weekOf(last)
	}
	if weekOf(first).Before(p.Week) {
		p.Prev = weekURL(p.Week.AddDays(-7))
	}
	if p.Week.Before(weekOf(last)) {
		p.Next = weekURL(p.Week.AddDays(7))
	}
	from, to := p.Week, p.Sunday()
	if from.Before(first) {
		from = first
	}
	to = earlier(to, last)
	l, err := s.Appts.Availability(r.Context(), j.Service, j.Cal, from, to)
	if err != nil {
		return p, err
	}
	byDay := map[calendar.Date][]booking.Slot{}
	for _, sl := range l.Slots {
		d := calendar.DateOf(sl.Start, j.Cal.Zone)
		byDay[d] = append(byDay[d], sl)
		p.Free = p.Free || sl.Available() > 0
	}
	for d := from; !to.Before(d); d = d.AddDays(1) {
		day := bookingDay{Date: d, Slots: byDay[d]}
		var why []calendar.Reason
		if day.Open, why = j.Cal.Open(d); !day.Open {
			day.Closed = s.closedBecause(lang, why)
		}
		p.Days = append(p.Days, day)
	}
	return p, nil
}

// closedBecause says in lang why the mission is closed on a day.
func (s *Server) closedBecause(lang string, why []calendar.Reason) string {
	var out []string
	for _, rs := range why {
		msg := s.TranslateOr(lang, rs.Key, "")
		if msg == "" {
			continue
		}
		msg = s.Translate(lang, rs.Key, s.CalendarWords(lang, rs.Data))
		if p, _ := rs.Data["Provisional"].(bool); p {
			msg += " " + s.Translate(lang, "calendar.expected", nil)
		}
		out = append(out, msg)
	}
	return strings.Join(out, " ")
}
