package web

import "github.com/chancery-platform/chancery/staff"

// eventRoutes registers the routes of event registration: public pages, the API and the staff check-in list.
func (s *Server) eventRoutes() {
	s.handle("/events/{id}", methods{"GET": s.eventShow})
	s.handle("/events/{id}/register", methods{"POST": s.eventRegister})
	s.handle("/registrations/{reference}", methods{"GET": s.registrationManage})
	s.handle("/registrations/{reference}/cancel", methods{"GET": s.registrationCancelShow, "POST": s.registrationCancel})

	s.handle("/api/v1/events/{id}/registration", methods{"GET": s.apiEventRegistration})
	s.handle("/api/v1/events/{id}/registrations", methods{"POST": s.apiRegistrationCreate})
	s.handle("/api/v1/registrations/{reference}", methods{"GET": s.apiRegistrationShow})
	s.handle("/api/v1/registrations/{reference}/cancel", methods{"POST": s.apiRegistrationCancel})
	s.handle("/api/v1/registrations/{reference}/calendar.ics", methods{"GET": s.apiRegistrationCalendar})

	s.handle("/staff/events", methods{"GET": s.staffOnly(staff.ReadAttendance, s.staffEventList)})
	s.handle("/staff/events/{id}", methods{
		"GET":  s.staffOnly(staff.ReadAttendance, s.staffEventShow),
		"POST": s.staffOnly(staff.ManageEvents, s.staffEventSave),
	})
	s.handle("/staff/events/{id}/registrations", methods{"GET": s.staffOnly(staff.ReadAttendance, s.attendanceList)})
	s.handle("/staff/registrations/{reference}/check-in", methods{"POST": s.staffOnly(staff.ReadAttendance, s.registrationCheckIn)})
}
