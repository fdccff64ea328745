package web

import (
	"net/http"

	"github.com/chancery-platform/chancery/mission"
)

// missionListPage groups the missions by sending country.
type missionListPage struct {
	Missions []missionSummary
}

type missionSummary struct {
	Mission  mission.Mission
	District mission.District
}

func (s *Server) summaries(n network) []missionSummary {
	out := make([]missionSummary, 0, len(n.Missions))
	for _, m := range n.Missions {
		out = append(out, missionSummary{Mission: m, District: mission.DistrictOf(m, n.Members, n.Claims, s.today(m.TimeZone))})
	}
	return out
}

func (s *Server) missionList(w http.ResponseWriter, r *http.Request) {
	n, err := s.network(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, "missions", missionListPage{Missions: s.summaries(n)})
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	n, err := s.network(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, "home", missionListPage{Missions: s.summaries(n)})
}
