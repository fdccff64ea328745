package site

import (
	"net/http"
	"net/url"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/events"
	"github.com/chancery-platform/chancery/registrations"
)

// registrationPage is a registration as its holder sees it through the
// manage link, and the cancel confirmation.
type registrationPage struct {
	registrable
	Registration events.Registration
	Ahead        int // people before a waitlisted registration
	Token        string
	CSRF         string
	Now          time.Time
	New          bool // just registered: say so and what happens next
	Error        string
}

// ManageURL is the manage page's own address, with its token.
func (p registrationPage) ManageURL() string {
	return registrations.ManageLink(p.Registration.Reference, p.Token)
}

// CancelURL is the cancel confirmation, with the token.
func (p registrationPage) CancelURL() string {
	return "/registrations/" + url.PathEscape(p.Registration.Reference) + "/cancel?token=" + url.QueryEscape(p.Token)
}

// Cancellable reports whether the holder can still cancel.
func (p registrationPage) Cancellable() bool { return p.Registration.Cancellable(p.Event, p.Now) }

// EventURL is the event's public page.
func (p registrationPage) EventURL() string { return eventLink(p.Event.ID) }

// managedRegistration loads the registration the request's reference and
// token name, with its event. A wrong token is the same 404 as an
// unknown reference.
func (s *Server) managedRegistration(r *http.Request) (registrationPage, error) {
	ctx := r.Context()
	token := r.URL.Query().Get("token")
	reg, err := s.DB.RegistrationByToken(ctx, r.PathValue("reference"), token)
	if err != nil {
		return registrationPage{}, err
	}
	p := registrationPage{Registration: reg, Token: token, Now: s.DB.Now()}
	if p.registrable, err = s.registrable(ctx, reg.EventID); err != nil {
		return p, err
	}
	if reg.Status == events.Waitlisted {
		if p.Ahead, err = s.DB.WaitingAhead(ctx, reg); err != nil {
			return p, err
		}
	}
	return p, nil
}

// registrationManage is the page behind the link in the confirmation.
func (s *Server) registrationManage(w http.ResponseWriter, r *http.Request) {
	p, err := s.managedRegistration(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p.New = r.URL.Query().Get("new") == "1"
	s.Render(w, r, "registration", p)
}

// registrationCancelShow asks "are you sure?"; only its form's POST
// cancels, since mail scanners follow links.
func (s *Server) registrationCancelShow(w http.ResponseWriter, r *http.Request) {
	p, err := s.managedRegistration(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p.CSRF = s.JourneyCSRF(w, r)
	s.Render(w, r, "registration_cancel", p)
}

// registrationCancel cancels, promoting the first in line in the same
// transaction, and shows the manage page in its cancelled state.
func (s *Server) registrationCancel(w http.ResponseWriter, r *http.Request) {
	if !s.JourneyPOSTAllowed(r) {
		s.Fail(w, r, chancery.Errorf(chancery.EFORBIDDEN, "error.csrf"))
		return
	}
	p, err := s.managedRegistration(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	_, err = s.Regs.Cancel(r.Context(), p.Registration.Reference, p.Token)
	if chancery.ErrorCode(err) == chancery.ECONFLICT {
		status, msg := s.registrationError(w, r, err)
		p.CSRF, p.Error = s.JourneyCSRF(w, r), msg
		s.RenderStatus(w, r, status, "registration_cancel", p)
		return
	}
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	http.Redirect(w, r, p.ManageURL(), http.StatusSeeOther)
}
