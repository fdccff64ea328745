package desk

import (
	"net/http"

	"github.com/chancery-platform/chancery/booking"
)

// attendanceUndo takes back an attendance mark: the booking is expected
// again, as it was before the officer marked it (UndoAttendance audits it).
func (s *Server) attendanceUndo(w http.ResponseWriter, r *http.Request) {
	b, err := s.DB.UndoAttendance(r.Context(), actor(r), r.PathValue("reference"), booking.Status(r.PostFormValue("from")))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	s.backToDay(w, r, b, "undone")
}

// checkInUndo takes back an event's check-in: the person is expected again.
func (s *Server) checkInUndo(w http.ResponseWriter, r *http.Request) {
	reg, err := s.DB.UndoCheckIn(r.Context(), actor(r), r.PathValue("reference"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	backToRegistrations(w, r, reg, "undone")
}
