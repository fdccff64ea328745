package site

import (
	"net/http"
	"strings"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/web/ui"
)

// bookingFindPage is "find my booking": a reference and an address, and
// once sent, the same answer whether or not they matched a booking.
type bookingFindPage struct {
	Reference, Email string
	CSRF             string
	Sent             bool
	Errors           formErrors
}

// LanguageForm is the form a language switch carries (ui.LanguageForm).
// Once sent, the page's news is the answer, and the switch plain links.
func (p bookingFindPage) LanguageForm() string {
	if p.Sent {
		return ""
	}
	return "find-form"
}

// ErrorFor is the error of the named field, for the template.
func (p bookingFindPage) ErrorFor(name string) fieldErr { return p.Errors.For(name) }

// Invalid reports whether the named field is in error.
func (p bookingFindPage) Invalid(name string) bool { return p.Errors.Has(name) }

func (s *Server) bookingFindShow(w http.ResponseWriter, r *http.Request) {
	p := bookingFindPage{CSRF: s.JourneyCSRF(w, r), Sent: r.URL.Query().Get("sent") == "1"}
	if typed, ok := s.Typed(r); ok && !p.Sent { // what was typed before a language switch
		p.Reference, p.Email = typed.Get("reference"), typed.Get("email")
	}
	s.Render(w, r, "booking_find", p)
}

// bookingFind sends the manage link again when the reference and the
// address match (appointments.FindMyBooking) and answers with a redirect
// to the page saying so, the same in every case.
func (s *Server) bookingFind(w http.ResponseWriter, r *http.Request) {
	if !s.JourneyPOSTAllowed(r) {
		s.Fail(w, r, chancery.Errorf(chancery.EFORBIDDEN, "error.csrf"))
		return
	}
	if to := ui.SwitchingTo(r); to != "" {
		s.KeepTyped(w, r, to, "/bookings/find")
		return
	}
	lang := ui.VisitOf(r).Lang
	p := bookingFindPage{Reference: strings.TrimSpace(r.PostFormValue("reference")), Email: strings.TrimSpace(r.PostFormValue("email")),
		CSRF: s.JourneyCSRF(w, r)}
	if p.Reference == "" {
		p.Errors = append(p.Errors, formError{"reference", s.Translate(lang, "error.find_reference_required", nil)})
	}
	if err := booking.ValidateContact("-", p.Email); err != nil {
		key, data := chancery.ErrorKey(err)
		p.Errors = append(p.Errors, formError{"email", s.Translate(lang, key, data)})
	}
	if p.Errors != nil {
		s.RenderStatus(w, r, http.StatusBadRequest, "booking_find", p)
		return
	}
	if err := s.Appts.FindMyBooking(r.Context(), ui.VisitOf(r).IP, p.Reference, p.Email); err != nil {
		if chancery.ErrorCode(err) != chancery.ERATELIMIT {
			s.Fail(w, r, err)
			return
		}
		key, data := chancery.ErrorKey(err)
		p.Errors = formErrors{{Message: s.Translate(lang, key, data)}}
		s.RenderStatus(w, r, ui.StatusFor(w, err), "booking_find", p)
		return
	}
	s.ForgetTyped(w, r)
	http.Redirect(w, r, "/bookings/find?sent=1", http.StatusSeeOther)
}
