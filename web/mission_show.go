package web

import (
	"net/http"

	"github.com/chancery-platform/chancery/mission"
)

// missionPage is one mission with its district and every source's statement.
type missionPage struct {
	Mission  mission.Mission
	District mission.District
	Day      string
}

func (s *Server) missionShow(w http.ResponseWriter, r *http.Request) {
	p, err := s.missionPage(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, "mission", p)
}

func (s *Server) missionPage(r *http.Request) (missionPage, error) {
	id := r.PathValue("id")
	m, err := s.db.Mission(r.Context(), id)
	if err != nil {
		return missionPage{}, err
	}
	members, err := s.db.Memberships(r.Context(), id)
	if err != nil {
		return missionPage{}, err
	}
	claims, err := s.db.Claims(r.Context(), id)
	if err != nil {
		return missionPage{}, err
	}
	day := s.today(m.TimeZone)
	return missionPage{Mission: m, District: mission.DistrictOf(m, members, claims, day), Day: day}, nil
}
