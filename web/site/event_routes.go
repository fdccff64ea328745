package site

import (
	"github.com/chancery-platform/chancery/web/ui"
)

// eventRoutes registers the routes of event registration: public pages, the API and the staff check-in list.
func (s *Server) eventRoutes() {
	s.Handle("/events", ui.Methods{"GET": s.eventList})
	s.Handle("/events/{id}", ui.Methods{"GET": s.eventShow}.NoStore())
	s.Handle("/events/{id}/register", ui.Methods{"POST": s.eventRegister}.NoStore())
	s.Handle("/registrations/{reference}", ui.Methods{"GET": s.registrationManage}.Private())
	s.Handle("/registrations/{reference}/cancel", ui.Methods{"GET": s.registrationCancelShow, "POST": s.registrationCancel}.Private())

}
