package site

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/events"
	"github.com/chancery-platform/chancery/registrations"
	"github.com/chancery-platform/chancery/web/ui"
)

// eventPage is an event's public page: what, when and where, how many
// places are left, and the registration form (or the waiting list's).
type eventPage struct {
	registrable
	Now     time.Time
	Answers ui.RegistrationRequest
	CSRF    string
	Key     string     // the form's idempotency key: sent twice, it registers once
	Errors  formErrors // every field in error, or why the registration was refused
}

// Refusal is why the public cannot register now, in the reader's words by
// its key; "" while registration is open.
func (p eventPage) Refusal() string {
	if err := p.Event.Accepting(p.Now); err != nil {
		key, _ := chancery.ErrorKey(err)
		return key
	}
	return ""
}

// JoinsWaitlist reports whether a registration now would join the waiting list.
func (p eventPage) JoinsWaitlist() bool {
	st, _ := p.Event.Outcome()
	return st == events.Waitlisted
}

// LanguageForm is the form a language switch carries (ui.LanguageForm):
// the registration form, while registration is open.
func (p eventPage) LanguageForm() string {
	if p.Refusal() != "" {
		return ""
	}
	return "register-form"
}

// ErrorFor is the error of the named field, for the template.
func (p eventPage) ErrorFor(name string) fieldErr { return p.Errors.For(name) }

// Invalid reports whether the named field is in error.
func (p eventPage) Invalid(name string) bool { return p.Errors.Has(name) }

// registrationFields are the event form's fields an error can be about.
var registrationFields = map[string]bool{"name": true, "email": true, "msg_lang": true}

// eventShow is an event's public page with its registration form.
func (s *Server) eventShow(w http.ResponseWriter, r *http.Request) {
	ev, err := s.registrable(r.Context(), r.PathValue("id"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	a := ui.RegistrationRequest{Lang: ui.VisitOf(r).Lang}
	if typed, ok := s.Typed(r); ok { // what was typed before a language switch
		a = ui.RegistrationRequest{Name: typed.Get("name"), Email: typed.Get("email"), Lang: typed.Get("msg_lang")}
	}
	s.Render(w, r, "event", eventPage{registrable: ev, Now: s.DB.Now(), CSRF: s.JourneyCSRF(w, r), Key: ui.NewToken(), Answers: a})
}

// eventRegister registers what the event page's form carries, once per
// idempotency key, and goes to the new registration's manage page. A
// field in error, closed registration, a full event or a second
// registration show the page again with the reason.
func (s *Server) eventRegister(w http.ResponseWriter, r *http.Request) {
	ev, err := s.registrable(r.Context(), r.PathValue("id"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	key := r.PostFormValue("key")
	if !s.JourneyPOSTAllowed(r) || len(key) < 16 || !ui.ValidIdempotencyKey(key) {
		s.Fail(w, r, chancery.Errorf(chancery.EFORBIDDEN, "error.csrf"))
		return
	}
	if lang := ui.SwitchingTo(r); lang != "" {
		s.KeepTyped(w, r, lang, "/events/"+ev.Event.ID)
		return
	}
	req := ui.RegistrationRequest{Name: r.PostFormValue("name"), Email: r.PostFormValue("email"), Lang: r.PostFormValue("msg_lang")}
	res, err := ui.Register(s.Regs, r, ev, req, key)
	if errors.Is(err, events.ErrAlreadyRegistered) {
		// The same form sent twice at once: asked again, the second meets
		// the first's stored answer (see bookingConfirm).
		res, err = ui.Register(s.Regs, r, ev, req, key)
	}
	if err != nil {
		code := chancery.ErrorCode(err)
		if code != chancery.EINVALID && code != chancery.ECONFLICT && code != chancery.ERATELIMIT {
			s.Fail(w, r, err)
			return
		}
		p := eventPage{registrable: ev, Now: s.DB.Now(), CSRF: s.JourneyCSRF(w, r), Key: key, Answers: req}
		if code == chancery.ECONFLICT {
			p.Key = ui.NewToken() // a new attempt, not a retry of the refused one
		}
		if cur, rerr := s.DB.EventRegistration(r.Context(), ev.Event.ID); rerr == nil {
			p.Event = cur // the places as they are now
		}
		status, msg := s.registrationError(w, r, err)
		if errs, ok := s.fieldErrors(ui.VisitOf(r).Lang, err, registrationFields); ok {
			p.Errors = errs
		} else {
			p.Errors = formErrors{{Message: msg}}
		}
		s.RenderStatus(w, r, status, "event", p)
		return
	}
	manage := registrations.ManageLink(res.Registration.Reference, res.Token)
	if res.Replay != nil {
		var first ui.APIRegistration
		if err := json.Unmarshal(res.Replay.Body, &first); err != nil || !strings.HasPrefix(first.ManageURL, "/registrations/") {
			s.Fail(w, r, errors.Join(errors.New("a stored registration answer has no manage link"), err))
			return
		}
		manage = first.ManageURL
	}
	s.ForgetTyped(w, r)
	http.Redirect(w, r, manage+"&new=1", http.StatusSeeOther)
}
