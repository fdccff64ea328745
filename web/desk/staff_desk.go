package desk

import (
	"net/http"

	"github.com/chancery-platform/chancery/mission"
)

// deskPage is the staff start page.
type deskPage struct {
	Missions []mission.Mission
}

func (s *Server) deskShow(w http.ResponseWriter, r *http.Request) {
	ms, err := s.DB.Missions(r.Context())
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	s.Render(w, r, "desk", deskPage{Missions: ms})
}
