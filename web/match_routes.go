package web

import "github.com/chancery-platform/chancery/staff"

// matchRoutes registers the routes of business matchmaking: organisations' offers and needs, suggestions, introductions.
func (s *Server) matchRoutes() {
	s.handle("/staff/match", methods{"GET": s.staffOnly(staff.ViewDesk, s.matchProfileList)})
	s.handle("/staff/match/profiles/{entity}", methods{
		"GET":  s.staffOnly(staff.ViewDesk, s.matchProfileShow),
		"POST": s.staffOnly(staff.CurateMatches, s.matchProfileSave),
	})
	s.handle("/staff/match/suggestions", methods{"GET": s.staffOnly(staff.ViewDesk, s.matchSuggestionList)})
	s.handle("/staff/match/suggestions/{a}/{b}", methods{"POST": s.staffOnly(staff.CurateMatches, s.matchDecide)})
	s.handle("/staff/match/introductions", methods{
		"GET":  s.staffOnly(staff.ViewDesk, s.matchIntroList),
		"POST": s.staffOnly(staff.RecordIntros, s.matchIntroCreate),
	})
	s.handle("/staff/match/introductions/{id}/outcome", methods{"POST": s.staffOnly(staff.RecordIntros, s.matchIntroOutcome)})

	s.handle("/relations/sectors", methods{"GET": s.cached(s.matchSectors)})
	s.handle("/api/v1/match/sections", methods{"GET": s.cached(s.apiMatchSections)})
	s.handle("/api/v1/match/profiles", methods{"GET": s.cached(s.apiMatchProfiles)})
	s.handle("/api/v1/match/suggestions", methods{"GET": s.cached(s.apiMatchSuggestions)})
}
