package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/store"
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
	return s.db.Release(r.Context(), id)
}

func (s *Server) apiReleaseShow(w http.ResponseWriter, r *http.Request) {
	rel, _, err := s.release(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	svc, err := s.db.Service(r.Context(), rel.ServiceID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	loc := s.missionZone(r.Context(), svc.MissionID)
	now := s.db.Now()
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
	writeJSON(w, http.StatusOK, out)
}

// apiReleaseRequest takes a request for a place in an open lottery release.
// Requests are collected until the release closes, then drawn: sending
// early or often does not help.
func (s *Server) apiReleaseRequest(w http.ResponseWriter, r *http.Request) {
	var req bookingRequest
	if err := decodeJSON(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	rel, _, err := s.release(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	svc, err := s.db.Service(r.Context(), rel.ServiceID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := visitOf(r)
	a := booking.Applicant{Name: req.Name, Email: req.Email, Phone: req.Phone, Passport: req.Passport, Lang: req.Lang}.Normalized()
	if !knownLang(a.Lang) {
		a.Lang = v.lang
	}
	if err := a.Validate(svc); err != nil {
		s.fail(w, r, err)
		return
	}
	ok, retry, err := s.db.HitAll(r.Context(), []store.Limit{{Bucket: "release-ip:" + v.ip, Max: bookingsPerIP},
		{Bucket: "release-who:" + booking.NormalizeEmail(a.Email), Max: bookingsPerIdentity}}, bookingWindow)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !ok {
		s.cfg.Metrics.RateLimited("release") // monitor hook
		s.fail(w, r, bookingRateLimited(retry))
		return
	}
	if err := s.db.RequestPlace(r.Context(), rel.ID, a); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusAccepted, map[string]any{"status": "received", "release": rel.ID,
		"message": s.translate(v.lang, "release.received", map[string]any{"Closes": rel.Closes.In(s.missionZone(r.Context(), svc.MissionID)).Format("2006-01-02 15:04")})})
}

// DrawDue draws every release whose window has closed, with a fresh seed
// that is recorded with the draw. Several instances may call it: a release
// is drawn once (the store refuses a second draw).
func (s *Server) DrawDue(ctx context.Context) (int, error) {
	ids, err := s.db.DueReleases(ctx)
	if err != nil {
		return 0, err
	}
	drawn := 0
	for _, id := range ids {
		rel, _, err := s.db.Release(ctx, id)
		if err != nil {
			return drawn, err
		}
		var failed error
		winner := func(a booking.Applicant) (string, string, func(booking.Booking) ([]store.Message, error)) {
			token, hash := booking.NewToken()
			notify, err := s.bookingNotifier(ctx, MailConfirmation, rel.ServiceID, func(b booking.Booking) string {
				return s.publicURL(nil) + manageLink(b.Reference, token)
			})
			if err != nil {
				failed = err
			}
			return booking.NewReference(), hash, notify
		}
		_, err = s.db.Draw(ctx, store.Actor{Name: "lottery draw"}, id, booking.NewSeed(), winner)
		if err == nil && failed != nil {
			err = failed
		}
		switch {
		case err == nil:
			drawn++
		case chancery.ErrorCode(err) == chancery.ECONFLICT:
			// another instance drew it first
		default:
			return drawn, err
		}
	}
	return drawn, nil
}
