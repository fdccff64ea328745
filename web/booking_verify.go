package web

import (
	"net/http"
	"net/url"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/appointments"
	"github.com/chancery-platform/chancery/booking"
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
	private(w)
	p, err := s.managed(r.Context(), r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Booking.Status == booking.Confirmed || p.Booking.Status == booking.CheckedIn {
		http.Redirect(w, r, p.ManageURL(), http.StatusSeeOther)
		return
	}
	p.CSRF = s.journeyCSRF(w, r)
	s.render(w, r, "booking_verify", bookingVerifyPage{bookingManagePage: p, Code: r.URL.Query().Get("code")})
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
	if _, err := s.appts.Verify(ctx, requestBase(r), p.Booking.Reference, p.Token, code); err != nil {
		status := chancery.ErrorCode(err)
		if status != chancery.ECONFLICT && status != chancery.EINVALID {
			s.fail(w, r, err)
			return
		}
		if p, err2 := s.managed(ctx, r); err2 == nil {
			key, data := chancery.ErrorKey(err)
			vp := bookingVerifyPage{bookingManagePage: p, Code: code}
			vp.CSRF, vp.Error = s.journeyCSRF(w, r), s.translate(visitOf(r).lang, key, data)
			s.renderStatus(w, r, statusOf(status), "booking_verify", vp)
			return
		}
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, p.ManageURL()+"&new=1", http.StatusSeeOther)
}

// verifyRequest is the JSON body of POST /api/v1/bookings/{reference}/verify.
type verifyRequest struct {
	Code string `json:"code"`
}

func (s *Server) apiBookingVerify(w http.ResponseWriter, r *http.Request) {
	var req verifyRequest
	if err := decodeJSON(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	b, err := s.appts.Verify(r.Context(), requestBase(r), r.PathValue("reference"), bookingToken(r), req.Code)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, toAPIBooking(b, s.missionZone(r.Context(), b.MissionID)))
}

// apiBookingCalendar is a booking's calendar entry, for its token's
// holder: a REQUEST while it stands (same UID and SEQUENCE as the emails),
// a CANCEL once it is cancelled. A booking still waiting for its email to
// be confirmed has no entry yet.
func (s *Server) apiBookingCalendar(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	noStore(w)
	b, err := s.db.BookingByToken(ctx, r.PathValue("reference"), bookingToken(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cal, method, err := s.appts.Calendar(ctx, b)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8; method="+method)
	w.Header().Set("Content-Disposition", "attachment; filename=\""+url.PathEscape(b.Reference)+".ics\"")
	w.Write(cal)
}
