package site

import (
	"github.com/chancery-platform/chancery/web/ui"
)

// matchRoutes registers the routes of business matchmaking: organisations' offers and needs, suggestions, introductions.
func (s *Server) matchRoutes() {

	s.Handle("/relations/sectors", ui.Methods{"GET": s.Cached(s.matchSectors)})
}
