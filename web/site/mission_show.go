package site

import (
	"net/http"

	"github.com/chancery-platform/chancery/web/ui"
)

// missionShowPage is a mission's public page: its front door first, then
// its district and sources.
type missionShowPage struct {
	ui.MissionPage
	Door ui.MissionDoor
}

func (s *Server) missionShow(w http.ResponseWriter, r *http.Request) {
	p, err := s.MissionPage(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	door, err := s.FrontDoorOf(r.Context(), p.Mission)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	s.Render(w, r, "mission", missionShowPage{MissionPage: p, Door: ui.MissionDoor{Mission: p.Mission, Door: door}})
}
