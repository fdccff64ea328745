package site

import (
	"net/http"
	"net/url"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/web/ui"
)

// bookingMovePage offers the holder of a booking the free times of its
// service, one week at a time, to move the appointment to.
type bookingMovePage struct {
	bookingManagePage
	Week bookingWeekPage
}

// moveURL is the page's address at the week that holds d.
func (p bookingMovePage) moveURL(d calendar.Date) string {
	return p.MoveURL() + "&week=" + weekOf(d).String()
}

// Picker is the time picker of the page: a chosen time moves the booking.
func (p bookingMovePage) Picker() timePicker {
	return timePicker{Week: p.Week, Method: "post", Action: p.MoveURL(), CSRF: p.CSRF,
		JumpAction: "/bookings/" + url.PathEscape(p.Booking.Reference) + "/reschedule", Token: p.Token, Current: p.Booking.Start}
}

// movePage loads the booking and the week of its service's times.
func (s *Server) movePage(r *http.Request) (bookingMovePage, error) {
	ctx := r.Context()
	mp, err := s.managed(ctx, r)
	p := bookingMovePage{bookingManagePage: mp}
	if err != nil {
		return p, err
	}
	cal, err := s.DB.MissionCalendar(ctx, mp.Mission.ID)
	if err != nil {
		return p, err
	}
	if !p.Cancellable() {
		return p, nil
	}
	j := bookingJourney{Mission: mp.Mission, Service: mp.Service, Cal: cal, Now: mp.Now}
	p.Week, err = s.weekPage(r, j, r.URL.Query().Get("week"), p.moveURL)
	return p, err
}

// bookingMoveShow shows the times the booking can move to; only its form's
// POST moves it.
func (s *Server) bookingMoveShow(w http.ResponseWriter, r *http.Request) {
	p, err := s.movePage(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p.CSRF = s.JourneyCSRF(w, r)
	s.Render(w, r, "booking_move", p)
}

// bookingMove moves the booking to the chosen time, queues the updated
// calendar entry (same UID, higher SEQUENCE), and shows the manage page.
// A time taken meanwhile shows the week again with the reason.
func (s *Server) bookingMove(w http.ResponseWriter, r *http.Request) {
	p, ok := s.managedForm(w, r)
	if !ok {
		return
	}
	var err error
	if !p.Cancellable() {
		err = chancery.Errorf(chancery.ECONFLICT, "error.booking_not_reschedulable")
	} else if start, perr := parseStart(r.PostFormValue("start")); perr != nil {
		err = perr
	} else {
		_, err = s.Appts.Reschedule(r.Context(), p.Booking.Reference, p.Token, start.Format(time.RFC3339))
	}
	if err == nil {
		http.Redirect(w, r, p.ManageURL()+"&moved=1", http.StatusSeeOther)
		return
	}
	code := chancery.ErrorCode(err)
	if code != chancery.ECONFLICT && code != chancery.EINVALID {
		s.Fail(w, r, err)
		return
	}
	mp, err2 := s.movePage(r)
	if err2 != nil {
		s.Fail(w, r, err2)
		return
	}
	key, data := chancery.ErrorKey(err)
	mp.CSRF, mp.Error = s.JourneyCSRF(w, r), s.Translate(ui.VisitOf(r).Lang, key, s.CalendarWords(ui.VisitOf(r).Lang, data))
	s.RenderStatus(w, r, ui.StatusOf(code), "booking_move", mp)
}
