package site

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/appointments"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/web/ui"
)

// bookingManagePage is a booking as its holder sees it through the manage
// link, and the cancel confirmation.
type bookingManagePage struct {
	Booking booking.Booking
	Service booking.Service
	Mission mission.Mission
	Zone    *time.Location
	Token   string
	CSRF    string
	Now     time.Time
	New     bool // just booked: say so and what happens next
	Moved   bool // just moved to another time
	Error   string
}

// ManageURL is the manage page's own address, with its token.
func (p bookingManagePage) ManageURL() string {
	return appointments.ManageLink(p.Booking.Reference, p.Token)
}

// CancelURL is the cancel confirmation, with the token.
func (p bookingManagePage) CancelURL() string {
	return "/bookings/" + url.PathEscape(p.Booking.Reference) + "/cancel?token=" + url.QueryEscape(p.Token)
}

// MoveURL is the page that moves the booking to another time.
func (p bookingManagePage) MoveURL() string {
	return "/bookings/" + url.PathEscape(p.Booking.Reference) + "/reschedule?token=" + url.QueryEscape(p.Token)
}

// CalendarURL is the booking's calendar entry (.ics).
func (p bookingManagePage) CalendarURL() string {
	return "/api/v1/bookings/" + url.PathEscape(p.Booking.Reference) + "/calendar.ics?token=" + url.QueryEscape(p.Token)
}

// BookAgainURL is where a new booking of the same service starts.
func (p bookingManagePage) BookAgainURL() string {
	u := "/missions/" + url.PathEscape(p.Mission.ID) + "/book"
	if p.Service.Active {
		u += "/" + url.PathEscape(p.Service.ID)
	}
	return u
}

// Cancellable reports whether the holder can still cancel: the booking
// holds a place and its time is to come.
func (p bookingManagePage) Cancellable() bool {
	return appointments.Changeable(p.Booking, p.Now)
}

// Past reports whether the appointment's time has come and gone.
func (p bookingManagePage) Past() bool { return !p.Booking.End.After(p.Now) }

// managed loads the booking the request's reference and token name, with
// its service and mission. A wrong token is the same 404 as an unknown
// reference.
func (s *Server) managed(ctx context.Context, r *http.Request) (bookingManagePage, error) {
	token := r.URL.Query().Get("token")
	b, err := s.DB.BookingByToken(ctx, r.PathValue("reference"), token)
	if err != nil {
		return bookingManagePage{}, err
	}
	p := bookingManagePage{Booking: b, Token: token, Zone: s.ZoneOf(ctx, b.MissionID), Now: s.DB.Now()}
	if p.Service, err = s.DB.Service(ctx, b.ServiceID); err != nil {
		return p, err
	}
	if p.Mission, err = s.DB.Mission(ctx, b.MissionID); err != nil {
		return p, err
	}
	return p, nil
}

// bookingManage is the page behind the link in the confirmation email.
func (s *Server) bookingManage(w http.ResponseWriter, r *http.Request) {
	p, err := s.managed(r.Context(), r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p.New, p.Moved = r.URL.Query().Get("new") == "1", r.URL.Query().Get("moved") == "1"
	p.CSRF = s.JourneyCSRF(w, r)
	s.Render(w, r, "booking", p)
}

// bookingCancelShow asks "are you sure?"; only its form's POST cancels,
// since mail scanners follow links.
func (s *Server) bookingCancelShow(w http.ResponseWriter, r *http.Request) {
	p, err := s.managed(r.Context(), r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p.CSRF = s.JourneyCSRF(w, r)
	s.Render(w, r, "booking_cancel", p)
}

// bookingCancel cancels and shows the manage page in its cancelled state.
func (s *Server) bookingCancel(w http.ResponseWriter, r *http.Request) {
	p, ok := s.managedForm(w, r)
	if !ok {
		return
	}
	_, err := s.Appts.Cancel(r.Context(), p.Booking.Reference, p.Token)
	if chancery.ErrorCode(err) == chancery.ECONFLICT {
		key, data := chancery.ErrorKey(err)
		p.CSRF, p.Error = s.JourneyCSRF(w, r), s.Translate(ui.VisitOf(r).Lang, key, data)
		s.RenderStatus(w, r, http.StatusConflict, "booking_cancel", p)
		return
	}
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, p.ManageURL(), http.StatusSeeOther)
}

// managedForm loads the booking a form of the manage pages acts on, once
// the form is known to come from this site with its CSRF token. When it
// cannot go on it has answered the request itself and returns false.
func (s *Server) managedForm(w http.ResponseWriter, r *http.Request) (bookingManagePage, bool) {
	if !s.JourneyPOSTAllowed(r) {
		s.Fail(w, r, chancery.Errorf(chancery.EFORBIDDEN, "error.csrf"))
		return bookingManagePage{}, false
	}
	p, err := s.managed(r.Context(), r)
	if err != nil {
		s.Fail(w, r, err)
		return p, false
	}
	return p, true
}
