package site

import (
	"net/http"
	"strings"
	"time"

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
	Free   int // the slots a person may choose
}

// bookingWeekPage is step 2: one week of a service's times, as a list of
// its days with how many free times each has, and the free times of one
// chosen day as large buttons (no JavaScript needed), with the first free
// time of the whole booking window offered at the top and a date to jump
// to.
type bookingWeekPage struct {
	Journey         bookingJourney
	Week            calendar.Date // its Monday
	Days            []bookingDay  // the days of the week inside the booking window
	Day             calendar.Date // the day whose times are shown; zero when the week has none free
	Prev, Next      string        // the neighbouring weeks, when inside the window
	Free            bool          // some time of the week can be chosen
	First           *booking.Slot // the first free time of the booking window, if any
	FirstDay, Final calendar.Date // the booking window
	Error           string
	weekURL         func(calendar.Date) string
}

// Sunday is the last day of the week shown.
func (p bookingWeekPage) Sunday() calendar.Date { return p.Week.AddDays(6) }

// DayURL is the page with the times of day d.
func (p bookingWeekPage) DayURL(d calendar.Date) string {
	return p.weekURL(d) + "&day=" + d.String() + "#times"
}

// HasDay reports whether some day's times are shown.
func (p bookingWeekPage) HasDay() bool { return p.Day != (calendar.Date{}) }

// IsDay reports whether d is the day whose times are shown.
func (p bookingWeekPage) IsDay(d calendar.Date) bool { return d == p.Day }

// Chosen is the day whose times are shown, nil when none.
func (p bookingWeekPage) Chosen() *bookingDay {
	for i := range p.Days {
		if p.Days[i].Date == p.Day && p.Days[i].Free > 0 {
			return &p.Days[i]
		}
	}
	return nil
}

// timePicker is what the "time-picker" partial needs besides the week: where
// a chosen time is sent, and the booking's present time when moving it.
type timePicker struct {
	Week       bookingWeekPage
	Method     string // "get" (booking: on to the details) or "post" (moving: done at once)
	Action     string
	CSRF       string // with "post"
	JumpAction string // the page's path, for the jump-to-a-date form
	Token      string // the manage token the jump form carries, when moving
	Current    time.Time
}

// CurrentOn reports whether the booking's present time is on day d.
func (p timePicker) CurrentOn(d calendar.Date) bool {
	return !p.Current.IsZero() && calendar.DateOf(p.Current, p.Week.Journey.Cal.Zone) == d
}

// Taken reports whether t is the booking's present time.
func (p timePicker) Taken(t time.Time) bool { return !p.Current.IsZero() && t.Equal(p.Current) }

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
	s.RenderStatus(w, r, status, "book_week", timePicker{Week: p, Method: "get", Action: j.TimesURL() + "/details",
		JumpAction: j.TimesURL()})
}

// weekPage reads the week that holds day week (YYYY-MM-DD; the first week
// of the booking window when empty), kept inside the window, with its free
// times; weekURL is the address of another week of the same page.
func (s *Server) weekPage(r *http.Request, j bookingJourney, week string, weekURL func(calendar.Date) string) (bookingWeekPage, error) {
	lang := ui.VisitOf(r).Lang
	first, last := booking.Window(j.Service, j.Cal, j.Now)
	p := bookingWeekPage{Journey: j, Week: weekOf(first), FirstDay: first, Final: last, weekURL: weekURL}
	if v := strings.TrimSpace(r.URL.Query().Get("day")); v != "" {
		d, err := calendar.ParseDate(v)
		if err != nil {
			return p, err
		}
		p.Day, week = d, d.String()
	}
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
	free := map[calendar.Date]int{}
	for _, sl := range l.Slots {
		d := calendar.DateOf(sl.Start, j.Cal.Zone)
		byDay[d] = append(byDay[d], sl)
		if sl.Available() > 0 {
			free[d]++
			p.Free = true
		}
	}
	chosen := false
	for d := from; !to.Before(d); d = d.AddDays(1) {
		day := bookingDay{Date: d, Slots: byDay[d], Free: free[d]}
		var why []calendar.Reason
		if day.Open, why = j.Cal.Open(d); !day.Open {
			day.Closed = s.closedBecause(lang, why)
		}
		chosen = chosen || (d == p.Day && day.Free > 0)
		p.Days = append(p.Days, day)
	}
	if !chosen { // no day asked for, or one without free times: the week's first with some
		p.Day = calendar.Date{}
		for _, d := range p.Days {
			if d.Free > 0 {
				p.Day = d.Date
				break
			}
		}
	}
	next, err := s.Appts.NextFree(r.Context(), j.Service, j.Cal, 1)
	if err != nil {
		return p, err
	}
	if len(next) > 0 {
		p.First = &next[0]
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
