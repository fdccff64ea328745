package site

import (
	"net/http"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/appointments"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/web/ui"
)

// bookingVerifyPage asks the holder of a pending booking to confirm it,
// from the link in the email sent to them.
type bookingVerifyPage struct {
	bookingManagePage
	Code string
}

// VerifyURL is the page's own address, with the token and the code.
func (p bookingVerifyPage) VerifyURL() string {
	return appointments.VerifyLink(p.Booking.Reference, p.Token, p.Code)
}

// Verifiable reports whether the booking still waits for its email to be
// confirmed and there is time to do it.
func (p bookingVerifyPage) Verifiable() bool {
	return p.Booking.Status == booking.Pending && p.Now.Before(p.Booking.VerifyBy)
}

// bookingVerifyShow shows what is being confirmed; only its form's POST
// confirms, since mail scanners follow links.
func (s *Server) bookingVerifyShow(w http.ResponseWriter, r *http.Request) {
	p, err := s.managed(r.Context(), r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if p.Booking.Status == booking.Confirmed || p.Booking.Status == booking.CheckedIn {
		http.Redirect(w, r, p.ManageURL(), http.StatusSeeOther)
		return
	}
	p.CSRF = s.JourneyCSRF(w, r)
	s.Render(w, r, "booking_verify", bookingVerifyPage{bookingManagePage: p, Code: r.URL.Query().Get("code")})
}

// bookingVerify confirms the booking and shows its manage page, which now
// says it is booked; the confirmation email with the calendar entry is on
// its way.
func (s *Server) bookingVerify(w http.ResponseWriter, r *http.Request) {
	p, ok := s.managedForm(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	code := r.URL.Query().Get("code")
	if _, err := s.Appts.Verify(ctx, p.Booking.Reference, p.Token, code); err != nil {
		status := chancery.ErrorCode(err)
		if status != chancery.ECONFLICT && status != chancery.EINVALID {
			s.Fail(w, r, err)
			return
		}
		if p, err2 := s.managed(ctx, r); err2 == nil {
			key, data := chancery.ErrorKey(err)
			vp := bookingVerifyPage{bookingManagePage: p, Code: code}
			vp.CSRF, vp.Error = s.JourneyCSRF(w, r), s.Translate(ui.VisitOf(r).Lang, key, data)
			s.RenderStatus(w, r, ui.StatusOf(status), "booking_verify", vp)
			return
		}
		s.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, p.ManageURL()+"&new=1", http.StatusSeeOther)
}
