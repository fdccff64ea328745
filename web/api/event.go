package api

import (
	"net/http"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/web/ui"
)

// apiEventRegistration is an event's registration as the API shows it.
type apiEventRegistration struct {
	Event      string  `json:"event"`
	Mission    string  `json:"mission"`
	Title      apiText `json:"title"`
	Start      string  `json:"start"`
	End        string  `json:"end"`
	TimeZone   string  `json:"time_zone"`
	Venue      apiText `json:"venue"`
	Capacity   int     `json:"capacity"`
	Registered int     `json:"registered"`
	Waiting    int     `json:"waiting"`
	PlacesLeft int     `json:"places_left"`
	Waitlist   bool    `json:"waitlist"`
	Opens      string  `json:"opens"`
	Closes     string  `json:"closes"`
	// State is "open", "waitlist" (a registration joins the waiting
	// list), "full", "not_open" or "closed".
	State string `json:"state"`
}

func (s *Server) apiEventRegistration(w http.ResponseWriter, r *http.Request) {
	ev, err := s.Regs.Registrable(r.Context(), r.PathValue("id"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	e, rfc := ev.Event, func(t time.Time) string { return t.In(ev.Zone).Format(time.RFC3339) }
	ui.NoStore(w)
	ui.WriteJSON(w, http.StatusOK, apiEventRegistration{Event: e.ID, Mission: e.MissionID, Title: ev.Record.Title, Start: rfc(e.Start),
		End: rfc(e.End), TimeZone: ev.Zone.String(), Venue: e.Venue, Capacity: e.Capacity, Registered: e.Registered,
		Waiting: e.Waiting, PlacesLeft: e.Places(), Waitlist: e.Waitlist, Opens: rfc(e.Opens), Closes: rfc(e.Closes),
		State: e.State(s.DB.Now())})
}

func (s *Server) apiRegistrationCreate(w http.ResponseWriter, r *http.Request) {
	ev, err := s.Regs.Registrable(r.Context(), r.PathValue("id"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	var req ui.RegistrationRequest
	if err := decodeJSON(r, &req); err != nil {
		s.Fail(w, r, err)
		return
	}
	key := r.Header.Get("Idempotency-Key")
	if !ui.ValidIdempotencyKey(key) {
		s.Fail(w, r, chancery.Errorf(chancery.EINVALID, "error.idempotency_key_invalid", "Max", ui.MaxIdempotencyKey))
		return
	}
	res, err := ui.Register(s.Regs, r, ev, req, key)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if res.Replay != nil {
		writeReplay(w, res.Replay)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	body, err := ui.RegistrationBody(res.Registration, res.Token)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/registrations/"+res.Registration.Reference)
	w.WriteHeader(http.StatusCreated)
	w.Write(body)
}

func (s *Server) apiRegistrationShow(w http.ResponseWriter, r *http.Request) {
	reg, err := s.DB.RegistrationByToken(r.Context(), r.PathValue("reference"), ui.BookingToken(r))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	ui.WriteJSON(w, http.StatusOK, ui.ToAPIRegistration(reg))
}

func (s *Server) apiRegistrationCancel(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ref, token := r.PathValue("reference"), ui.BookingToken(r)
	reg, err := s.Regs.Cancel(ctx, ref, token)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	ui.WriteJSON(w, http.StatusOK, ui.ToAPIRegistration(reg))
}
