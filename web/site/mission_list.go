package site

import (
	"net/http"

	"github.com/chancery-platform/chancery/web/ui"
)

// missionListPage groups the missions by sending country.
type missionListPage struct {
	Missions []ui.MissionSummary
}

func (s *Server) missionList(w http.ResponseWriter, r *http.Request) {
	n, err := s.Network(r.Context())
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	s.Render(w, r, "missions", missionListPage{Missions: s.Summaries(n)})
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	n, err := s.Network(r.Context())
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	s.Render(w, r, "home", missionListPage{Missions: s.Summaries(n)})
}
