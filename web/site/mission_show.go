package site

import (
	"net/http"
	"net/url"

	"github.com/chancery-platform/chancery/web/ui"
)

// missionShowPage is a mission's public page: its front door first, then
// its district and sources.
type missionShowPage struct {
	ui.MissionPage
	Door  ui.MissionDoor
	Apply string // the list of what one can apply for online, "" when the mission takes no applications
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
	types, err := s.DB.CaseTypes(r.Context(), p.Mission.ID)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	page := missionShowPage{MissionPage: p, Door: ui.MissionDoor{Mission: p.Mission, Door: door}}
	for _, t := range types {
		if !t.Retired {
			page.Apply = "/missions/" + url.PathEscape(p.Mission.ID) + "/apply"
			break
		}
	}
	s.Render(w, r, "mission", page)
}
