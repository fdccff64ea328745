package site

import (
	"context"
	"net/http"
	"strings"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/web/ui"
)

// findPage is a "send me my link again" page: "find my booking", and the
// same for an application. It asks a reference and an address, and once
// sent gives the same answer whether or not they matched anything.
type findPage struct {
	Reference, Email string
	CSRF             string
	Sent             bool
	Errors           ui.FormErrors
	Words            string // the prefix of the page's words: find (bookings), caseident.find (applications)
	Action           string // the page's own path, which its form posts to
}

// LanguageForm is the form a language switch carries (ui.LanguageForm).
// Once sent, the page's news is the answer, and the switch plain links.
func (p findPage) LanguageForm() string {
	if p.Sent {
		return ""
	}
	return "find-form"
}

// finder is one of the "send me my link again" pages: its path, the
// prefix of its words, and what sends the link, answering nil whether or
// not the reference and the address match (only a rate limit or a fault
// is an error).
type finder struct {
	path, words string
	send        func(ctx context.Context, ip, reference, email string) error
}

func (s *Server) findShow(f finder) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		p := findPage{CSRF: s.JourneyCSRF(w, r), Sent: r.URL.Query().Get("sent") == "1", Words: f.words, Action: f.path}
		if typed, ok := s.Typed(r); ok && !p.Sent { // what was typed before a language switch
			p.Reference, p.Email = typed.Get("reference"), typed.Get("email")
		}
		s.Render(w, r, "booking_find", p)
	}
}

// find sends the link again when the reference and the address match and
// answers with a redirect to the page saying so, the same in every case.
func (s *Server) find(f finder) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.JourneyPOSTAllowed(r) {
			s.Fail(w, r, chancery.Errorf(chancery.EFORBIDDEN, "error.csrf"))
			return
		}
		if to := ui.SwitchingTo(r); to != "" {
			s.KeepTyped(w, r, to, f.path)
			return
		}
		lang := ui.VisitOf(r).Lang
		p := findPage{Reference: strings.TrimSpace(r.PostFormValue("reference")), Email: strings.TrimSpace(r.PostFormValue("email")),
			CSRF: s.JourneyCSRF(w, r), Words: f.words, Action: f.path}
		if p.Reference == "" {
			p.Errors = append(p.Errors, ui.FormError{Field: "reference", Message: s.Translate(lang, "error.find_reference_required", nil)})
		}
		if err := booking.ValidateContact("-", p.Email); err != nil {
			key, data := chancery.ErrorKey(err)
			p.Errors = append(p.Errors, ui.FormError{Field: "email", Message: s.Translate(lang, key, data)})
		}
		if p.Errors != nil {
			s.RenderStatus(w, r, http.StatusBadRequest, "booking_find", p)
			return
		}
		if err := f.send(r.Context(), ui.VisitOf(r).IP, p.Reference, p.Email); err != nil {
			if chancery.ErrorCode(err) != chancery.ERATELIMIT {
				s.Fail(w, r, err)
				return
			}
			key, data := chancery.ErrorKey(err)
			p.Errors = ui.FormErrors{{Message: s.Translate(lang, key, data)}}
			s.RenderStatus(w, r, ui.StatusFor(w, err), "booking_find", p)
			return
		}
		s.ForgetTyped(w, r)
		http.Redirect(w, r, f.path+"?sent=1", http.StatusSeeOther)
	}
}

// bookingFinder is "find my booking" (appointments.FindMyBooking).
func (s *Server) bookingFinder() finder {
	return finder{path: "/bookings/find", words: "find", send: s.Appts.FindMyBooking}
}

// applicationFinder is "send me my application link again"
// (applications.ResendLink).
func (s *Server) applicationFinder() finder {
	return finder{path: "/applications/find", words: "caseident.find", send: s.Apps.ResendLink}
}
