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
	// Apostille, for a Belarusian mission in China, are the sources of the
	// statement that legalization is replaced by the apostille (none: no
	// statement is shown).
	Apostille      []apostilleSource
	ApostilleQuote string // the Embassy's own words, in Russian
}

// apostilleSource is one source of the apostille statement and the
// message key that names it.
type apostilleSource struct {
	mission.Source
	Label string
}

// Consular legalization between China and Belarus was replaced by the
// apostille on 2023-11-07, so a Belarusian mission in China offers no
// legalization and says what to do instead, citing these sources of the
// default dataset: the Embassy's consular page and the HCCH's news item.
var apostilleSources = []apostilleSource{
	{Source: mission.Source{ID: "by-embassy-cn-consular-issues"}, Label: "booking.apostille_embassy"},
	{Source: mission.Source{ID: "hcch-apostille-china-2023"}, Label: "booking.apostille_hcch"},
}

const apostilleQuote = "Начиная с 07.11.2023 … будет проставляться апостиль взамен оформления консульской легализации."

// apostilleFor returns the sources of the apostille statement for mission
// m, or none when it is not a Belarusian mission in China or the sources
// are not in the database.
func (s *Server) apostilleFor(ctx context.Context, m mission.Mission) []apostilleSource {
	if m.Country != "BY" || m.Host != "CN" {
		return nil
	}
	var out []apostilleSource
	for _, a := range apostilleSources {
		if src, err := s.DB.Source(ctx, a.ID); err == nil && src.URL != "" {
			out = append(out, apostilleSource{Source: src, Label: a.Label})
		}
	}
	return out
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
	p := bookingServicesPage{Mission: m, Services: svcs, Apostille: s.apostilleFor(r.Context(), m)}
	if len(p.Apostille) > 0 {
		p.ApostilleQuote = apostilleQuote
	}
	s.Render(w, r, "book_services", p)
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
