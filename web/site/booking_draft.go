package site

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/chancery-platform/chancery/web/ui"
)

// draftCookie holds the token of the answers a person gave at step 3,
// kept sealed in the database (store.SaveDraft) so that the details' POST
// can redirect to the last check, and "change" bring the form back
// filled in, without sending the answers again.
const draftCookie = "chancery_draft"

// bookingDraft is what a draft holds: the answers, for one service and time.
type bookingDraft struct {
	Service string         `json:"service"`
	Start   time.Time      `json:"start"`
	Answers bookingAnswers `json:"answers"`
}

// saveDraft keeps the answers for the journey's time under a new token,
// set as the draft cookie.
func (s *Server) saveDraft(w http.ResponseWriter, r *http.Request, j bookingJourney, start time.Time, a bookingAnswers) error {
	body, err := json.Marshal(bookingDraft{Service: j.Service.ID, Start: start, Answers: a})
	if err != nil {
		return err
	}
	token := ui.NewToken()
	if err := s.DB.SaveDraft(r.Context(), token, body); err != nil {
		return err
	}
	http.SetCookie(w, s.Cookie(ui.VisitOf(r), draftCookie, token, int(time.Hour/time.Second)))
	return nil
}

// draft is the answers the request's draft cookie holds for the journey's
// service at start; false when there are none (no cookie, expired, or
// given for another service or time).
func (s *Server) draft(r *http.Request, j bookingJourney, start time.Time) (bookingAnswers, bool) {
	c, err := r.Cookie(s.CookieName(ui.VisitOf(r), draftCookie))
	if err != nil {
		return bookingAnswers{}, false
	}
	body, err := s.DB.Draft(r.Context(), c.Value)
	if err != nil {
		return bookingAnswers{}, false
	}
	var d bookingDraft
	if json.Unmarshal(body, &d) != nil || d.Service != j.Service.ID || !d.Start.Equal(start) {
		return bookingAnswers{}, false
	}
	return d.Answers, true
}
