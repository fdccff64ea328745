package web

// eventRoutes registers the routes of event registration: public pages, the API and the staff check-in list.
func (s *Server) eventRoutes() {}
