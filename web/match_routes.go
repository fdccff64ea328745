package web

// matchRoutes registers the routes of business matchmaking: organisations' offers and needs, suggestions, introductions.
func (s *Server) matchRoutes() {}
