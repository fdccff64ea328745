package web

// recordRoutes registers the routes of the staff editor, import and export of the relationship's record.
func (s *Server) recordRoutes() {}
