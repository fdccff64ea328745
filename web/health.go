package web

import (
	"context"
	"net/http"
	"time"

	"github.com/chancery-platform/chancery/web/ui"
)

// healthTimeout bounds the database check of /healthz and /readyz, so a
// stuck database answers 503 in time for the prober rather than hanging.
const healthTimeout = 2 * time.Second

// health answers /healthz: whether the database takes a write, on SQLite
// that the single writer connection is free, on PostgreSQL that the server
// is not read-only.
func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	s.checkDatabase(w, r, "ok")
}

// readiness answers /readyz as health does, with "ready". Until start-up
// is over (migrations, first data, background work) monitor.UntilReady
// answers it, and every other request, with 503 "starting".
func (s *Server) readiness(w http.ResponseWriter, r *http.Request) {
	s.checkDatabase(w, r, "ready")
}

// checkDatabase answers 200 with status good when the database takes a
// write, else 503. The cause of a failure is logged; the answer names none.
func (s *Server) checkDatabase(w http.ResponseWriter, r *http.Request, good string) {
	ctx, cancel := context.WithTimeout(r.Context(), healthTimeout)
	defer cancel()
	if err := s.DB.CheckWrite(ctx); err != nil {
		s.Log.WarnContext(r.Context(), "database check failed", "route", r.Pattern, "err", err)
		ui.WriteJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "database unavailable"})
		return
	}
	ui.WriteJSON(w, http.StatusOK, map[string]string{"status": good})
}
