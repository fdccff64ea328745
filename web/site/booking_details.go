package site

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/web/ui"
)

// bookingAnswers is what a person fills in at step 3, as the forms carry it.
type bookingAnswers struct {
	Name, Email, Phone, Passport string
	Lang                         string // the language of the messages we send
}

// answersOf reads the answers a form posted. The passport number is
// dropped when the service does not ask for it.
func answersOf(r *http.Request, svc booking.Service) bookingAnswers {
	_ = r.ParseForm()
	return answersFrom(r.PostForm, svc)
}

// answersFrom reads the answers of a form's fields.
func answersFrom(form url.Values, svc booking.Service) bookingAnswers {
	a := bookingAnswers{Name: form.Get("name"), Email: form.Get("email"), Phone: form.Get("phone"),
		Passport: form.Get("passport"), Lang: form.Get("msg_lang")}
	if !svc.NeedsPassport {
		a.Passport = ""
	}
	return a
}

func (a bookingAnswers) applicant() booking.Applicant {
	return booking.Applicant{Name: a.Name, Email: a.Email, Phone: a.Phone, Passport: a.Passport, Lang: a.Lang}
}

// bookingFields are the step 3 fields an applicant error can be about.
var bookingFields = map[string]bool{"name": true, "email": true, "phone": true, "passport": true}

// bookingDetailsPage is step 3, the person's details, with the field in
// error if any.
type bookingDetailsPage struct {
	Journey bookingJourney
	Slot    booking.Slot
	Answers bookingAnswers
	CSRF    string
	Errors  formErrors // every field in error, found at once
}

// LanguageForm is the form a language switch carries (ui.LanguageForm).
func (p bookingDetailsPage) LanguageForm() string { return "details-form" }

// ErrorFor is the error of the named field, for the template.
func (p bookingDetailsPage) ErrorFor(name string) fieldErr { return p.Errors.For(name) }

// Invalid reports whether the named field is in error.
func (p bookingDetailsPage) Invalid(name string) bool { return p.Errors.Has(name) }

// bookingCheckPage is step 4: every answer, with a way to change it, and
// the form that books. Key makes the booking idempotent: the form can be
// sent twice and books once.
type bookingCheckPage struct {
	Journey bookingJourney
	Slot    booking.Slot
	Answers bookingAnswers
	CSRF    string
	Key     string
	Error   string
	// Held: the person already holds an appointment for the service; the
	// page offers to send its link again (appointments.ResendHeld).
	Held bool
}

// bookingDetailsShow shows the details form for the time in ?start=.
func (s *Server) bookingDetailsShow(w http.ResponseWriter, r *http.Request) {
	j, err := s.journey(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	q := r.URL.Query()
	if strings.TrimSpace(q.Get("start")) == "" {
		week := q.Get("week")
		if _, err := calendar.ParseDate(week); err != nil {
			week = ""
		}
		s.renderWeek(w, r, j, week, "booking.choose_time", http.StatusBadRequest)
		return
	}
	slot, err := s.chosenSlot(r, j)
	if err != nil {
		s.retime(w, r, j, err)
		return
	}
	a, ok := s.draft(r, j, slot.Start) // "change" on the last check: the answers given
	if typed, switched := s.Typed(r); switched {
		a, ok = answersFrom(typed, j.Service), true // what was typed before a language switch
	}
	if !ok {
		a = bookingAnswers{Lang: ui.VisitOf(r).Lang}
	}
	s.Render(w, r, "book_details", bookingDetailsPage{Journey: j, Slot: slot, CSRF: s.JourneyCSRF(w, r), Answers: a})
}

// chosenSlot is the free slot that the request's ?start= names.
func (s *Server) chosenSlot(r *http.Request, j bookingJourney) (booking.Slot, error) {
	start, err := parseStart(r.URL.Query().Get("start"))
	if err != nil {
		return booking.Slot{}, err
	}
	return s.offeredFree(r.Context(), j, start)
}

// bookingDetailsSubmit checks the details. Fields in error show the form
// again; good answers are kept as a draft and the answer is a redirect to
// the last check (post/redirect/get), which books nothing yet.
func (s *Server) bookingDetailsSubmit(w http.ResponseWriter, r *http.Request) {
	j, err := s.journey(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if !s.JourneyPOSTAllowed(r) {
		s.Fail(w, r, chancery.Errorf(chancery.EFORBIDDEN, "error.csrf"))
		return
	}
	slot, err := s.chosenSlot(r, j)
	if err != nil {
		s.retime(w, r, j, err)
		return
	}
	if lang := ui.SwitchingTo(r); lang != "" {
		s.KeepTyped(w, r, lang, j.DetailsURL(slot.Start))
		return
	}
	a := answersOf(r, j.Service)
	app := a.applicant().Normalized()
	if err := app.Validate(j.Service); err != nil {
		s.detailsInvalid(w, r, bookingDetailsPage{Journey: j, Slot: slot, Answers: a, CSRF: s.JourneyCSRF(w, r)}, err)
		return
	}
	if !ui.KnownLang(app.Lang) {
		app.Lang = ui.VisitOf(r).Lang
	}
	a = bookingAnswers{Name: app.Name, Email: app.Email, Phone: app.Phone, Passport: app.Passport, Lang: app.Lang}
	if err := s.saveDraft(w, r, j, slot.Start, a); err != nil {
		s.Fail(w, r, err)
		return
	}
	s.ForgetTyped(w, r) // the answers sent are newer than any kept at a switch
	http.Redirect(w, r, j.CheckURL(slot.Start), http.StatusSeeOther)
}

// bookingCheckShow is the last check of the answers kept by the details'
// POST; without them (expired, or another browser) it sends the person
// back to the details form.
func (s *Server) bookingCheckShow(w http.ResponseWriter, r *http.Request) {
	j, err := s.journey(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	slot, err := s.chosenSlot(r, j)
	if err != nil {
		s.retime(w, r, j, err)
		return
	}
	a, ok := s.draft(r, j, slot.Start)
	if !ok {
		http.Redirect(w, r, j.DetailsURL(slot.Start), http.StatusSeeOther)
		return
	}
	s.Render(w, r, "book_check", bookingCheckPage{Journey: j, Slot: slot, Answers: a, CSRF: s.JourneyCSRF(w, r), Key: ui.NewToken()})
}

// detailsInvalid shows the details form again with every field in error,
// or fails when the error is about no field of the form.
func (s *Server) detailsInvalid(w http.ResponseWriter, r *http.Request, p bookingDetailsPage, err error) {
	errs, ok := s.fieldErrors(ui.VisitOf(r).Lang, err, bookingFields)
	if !ok {
		s.Fail(w, r, err)
		return
	}
	p.Errors = errs
	s.RenderStatus(w, r, http.StatusBadRequest, "book_details", p)
}
