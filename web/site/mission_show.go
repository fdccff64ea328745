package site

import (
	"net/http"
)

func (s *Server) missionShow(w http.ResponseWriter, r *http.Request) {
	p, err := s.MissionPage(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	s.Render(w, r, "mission", p)
}
