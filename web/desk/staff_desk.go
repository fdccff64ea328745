package desk

import (
	"net/http"
	"slices"

	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/web/ui"
)

// deskPage is the staff start page.
type deskPage struct {
	Missions []mission.Mission
	Serves   []string // the missions whose cases the reader works (an administrator: all)
}

// ServesMission reports whether the reader sees the mission's cases.
func (p deskPage) ServesMission(id string) bool { return slices.Contains(p.Serves, id) }

func (s *Server) deskShow(w http.ResponseWriter, r *http.Request) {
	ms, err := s.DB.Missions(r.Context())
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := deskPage{Missions: ms}
	for _, m := range ms {
		if ok, err := s.DB.ServesMission(r.Context(), ui.VisitOf(r).Session.User, m.ID); err == nil && ok {
			p.Serves = append(p.Serves, m.ID)
		}
	}
	s.Render(w, r, "desk", p)
}
