package web

import (
	"net/http"

	"github.com/chancery-platform/chancery/web/ui"
)

// health answers /healthz: whether the database answers.
func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	if err := s.DB.Ping(r.Context()); err != nil {
		ui.WriteJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "database unavailable"})
		return
	}
	ui.WriteJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}
