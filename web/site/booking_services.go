package site

import (
	"context"
	"net/http"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/mission"
)

// bookingIndexPage lists the missions that take appointments online.
type bookingIndexPage struct {
	Missions []mission.Mission
}

// bookingIndex is where the navigation's "Book an appointment" leads.
func (s *Server) bookingIndex(w http.ResponseWriter, r *http.Request) {
	ms, err := s.DB.Missions(r.Context())
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	var p bookingIndexPage
	for _, m := range ms {
		svcs, err := s.activeServices(r.Context(), m.ID)
		if err != nil {
			s.Fail(w, r, err)
			return
		}
		if len(svcs) > 0 {
			p.Missions = append(p.Missions, m)
		}
	}
	s.Render(w, r, "book_index", p)
}

// bookingServicesPage is step 1: the services of one mission.
type bookingServicesPage struct {
	Mission  mission.Mission
	Services []booking.Service
}

func (s *Server) bookingServices(w http.ResponseWriter, r *http.Request) {
	m, err := s.DB.Mission(r.Context(), r.PathValue("id"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	svcs, err := s.activeServices(r.Context(), m.ID)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	s.Render(w, r, "book_services", bookingServicesPage{Mission: m, Services: svcs})
}

// activeServices lists the services of a mission open for booking, in order.
func (s *Server) activeServices(ctx context.Context, missionID string) ([]booking.Service, error) {
	all, err := s.DB.Services(ctx, missionID)
	if err != nil {
		return nil, err
	}
	var out []booking.Service
	for _, svc := range all {
		if svc.Active {
			out = append(out, svc)
		}
	}
	return out, nil
}
