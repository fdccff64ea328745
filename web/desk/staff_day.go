package desk

import (
	"net/http"
	"net/url"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/mission"
)

// dayGroup is the bookings of a day sheet in one state.
type dayGroup struct {
	Status   booking.Status
	Bookings []booking.Booking
}

// dayPage is a mission's day sheet: every booking of one day, by state.
type dayPage struct {
	Mission  mission.Mission
	Day      calendar.Date
	Zone     *time.Location
	Date     string
	Prev     string
	Next     string
	Closed   bool
	Groups   []dayGroup
	Services map[string]booking.Service
	List     []booking.Service
	Saved    string
	// Marked is the booking whose attendance, mail or undo the officer
	// just saved, for the message that names it (and offers an undo).
	Marked *booking.Booking
}

// daySheetOrder is the order of a day sheet's sections: who is still
// expected first, then what has happened.
var daySheetOrder = []booking.Status{booking.Confirmed, booking.Pending, booking.CheckedIn, booking.NoShow, booking.Cancelled}

func (s *Server) daySheet(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	m, err := s.DB.Mission(ctx, r.PathValue("id"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	cal, err := s.DB.MissionCalendar(ctx, m.ID)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	day := calendar.DateOf(s.DB.Now(), cal.Zone)
	if v := r.URL.Query().Get("date"); v != "" {
		if day, err = calendar.ParseDate(v); err != nil {
			s.Fail(w, r, err)
			return
		}
	}
	list, err := s.DB.Bookings(ctx, m.ID, day.In(cal.Zone), day.AddDays(1).In(cal.Zone))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	svcs, err := s.DB.Services(ctx, m.ID)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := dayPage{Mission: m, Day: day, Zone: cal.Zone, Date: day.String(), Prev: day.AddDays(-1).String(), Next: day.AddDays(1).String(),
		Services: map[string]booking.Service{}, List: svcs, Saved: r.URL.Query().Get("saved")}
	p.Closed, _ = cal.Open(day)
	p.Closed = !p.Closed
	for _, svc := range svcs {
		p.Services[svc.ID] = svc
	}
	if ref := r.URL.Query().Get("ref"); ref != "" {
		for i := range list {
			if list[i].Reference == ref {
				p.Marked = &list[i]
			}
		}
	}
	for _, st := range daySheetOrder {
		g := dayGroup{Status: st}
		for _, b := range list {
			if b.Status == st {
				g.Bookings = append(g.Bookings, b)
			}
		}
		if len(g.Bookings) > 0 || st == booking.Confirmed {
			p.Groups = append(p.Groups, g)
		}
	}
	s.Render(w, r, "staff_day", p)
}

// attendanceMark records that a person came or did not, and returns to the day sheet.
func (s *Server) attendanceMark(w http.ResponseWriter, r *http.Request) {
	status := booking.Status(r.PostFormValue("status"))
	if status != booking.CheckedIn && status != booking.NoShow {
		s.Fail(w, r, chancery.Errorf(chancery.EINVALID, "error.attendance_invalid"))
		return
	}
	b, err := s.DB.MarkAttendance(r.Context(), actor(r), r.PathValue("reference"), status)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	s.backToDay(w, r, b, string(status))
}

// backToDay answers a change to booking b with its day sheet, saying what
// was saved (and, after a mark, offering to undo it).
func (s *Server) backToDay(w http.ResponseWriter, r *http.Request, b booking.Booking, saved string) {
	day := calendar.DateOf(b.Start, s.ZoneOf(r.Context(), b.MissionID))
	staffRedirect(w, r, "/staff/missions/"+url.PathEscape(b.MissionID)+"/day",
		url.Values{"date": {day.String()}, "saved": {saved}, "ref": {b.Reference}})
}
