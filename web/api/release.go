package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/appointments"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/web/ui"
)

type apiRelease struct {
	ID      int64  `json:"id"`
	Service string `json:"service"`
	Start   string `json:"start"`
	End     string `json:"end"`
	Opens   string `json:"opens"`
	Closes  string `json:"closes"`
	Status  string `json:"status"`         // upcoming, open, closed (awaiting the draw) or drawn
	Seed    string `json:"seed,omitempty"` // published once drawn, so anyone can check the draw
}

func (s *Server) release(r *http.Request) (store.Release, store.ReleaseStats, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return store.Release{}, store.ReleaseStats{}, chancery.Errorf(chancery.ENOTFOUND, "error.release_not_found")
	}
	return s.DB.Release(r.Context(), id)
}

// releaseBody reads a POST to a release: its JSON body into dst and the
// release of the path; on failure it has answered and reports false.
func (s *Server) releaseBody(w http.ResponseWriter, r *http.Request, dst any) (store.Release, bool) {
	if err := decodeJSON(r, dst); err != nil {
		s.Fail(w, r, err)
		return store.Release{}, false
	}
	rel, _, err := s.release(r)
	if err != nil {
		s.Fail(w, r, err)
		return rel, false
	}
	return rel, true
}

func (s *Server) apiReleaseShow(w http.ResponseWriter, r *http.Request) {
	rel, _, err := s.release(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	svc, err := s.DB.Service(r.Context(), rel.ServiceID)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	loc := s.ZoneOf(r.Context(), svc.MissionID)
	now := s.DB.Now()
	out := apiRelease{ID: rel.ID, Service: rel.ServiceID, Start: rel.Start.In(loc).Format(time.RFC3339), End: rel.End.In(loc).Format(time.RFC3339),
		Opens: rel.Opens.In(loc).Format(time.RFC3339), Closes: rel.Closes.In(loc).Format(time.RFC3339)}
	switch {
	case !rel.DrawnAt.IsZero():
		out.Status, out.Seed = "drawn", rel.Seed
	case now.Before(rel.Opens):
		out.Status = "upcoming"
	case now.Before(rel.Closes):
		out.Status = "open"
	default:
		out.Status = "closed"
	}
	ui.WriteJSON(w, http.StatusOK, out)
}

// apiReleaseRequest takes a request for a place in an open lottery release
// and mails a code to the address given: the request counts in the draw
// only once that code is confirmed. Requests are collected until the
// release closes, then drawn: sending early or often does not help.
func (s *Server) apiReleaseRequest(w http.ResponseWriter, r *http.Request) {
	var req ui.BookingRequest
	rel, ok := s.releaseBody(w, r, &req)
	if !ok {
		return
	}
	svc, err := s.DB.Service(r.Context(), rel.ServiceID)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	v := ui.VisitOf(r)
	id, err := s.Appts.RequestPlace(r.Context(), rel, svc, appointments.Request{Name: req.Name, Email: req.Email,
		Phone: req.Phone, Passport: req.Passport, Lang: req.Lang, Origin: appointments.Origin{ReaderLang: v.Lang, IP: v.IP}})
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	ui.WriteJSON(w, http.StatusAccepted, map[string]any{"status": "unconfirmed", "release": rel.ID, "request": id,
		"message": s.Translate(v.Lang, "release.received_verify", map[string]any{"Closes": rel.Closes.In(s.ZoneOf(r.Context(), svc.MissionID)).Format("2006-01-02 15:04")})})
}

// apiReleaseVerify confirms the address of a request in a release with
// the code mailed to it; from then on the request counts in the draw.
func (s *Server) apiReleaseVerify(w http.ResponseWriter, r *http.Request) {
	var req verifyRequest
	rel, ok := s.releaseBody(w, r, &req)
	if !ok {
		return
	}
	id, err := strconv.ParseInt(r.PathValue("request"), 10, 64)
	if err != nil || id <= 0 {
		s.Fail(w, r, chancery.Errorf(chancery.ENOTFOUND, "error.release_request_not_found"))
		return
	}
	if err := s.Appts.VerifyEntry(r.Context(), rel.ID, id, req.Code); err != nil {
		s.Fail(w, r, err)
		return
	}
	ui.WriteJSON(w, http.StatusOK, map[string]any{"status": "entered", "release": rel.ID, "request": id,
		"message": s.Translate(ui.VisitOf(r).Lang, "release.entered", nil)})
}
