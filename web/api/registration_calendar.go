package api

import (
	"net/http"
	"net/url"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/web/ui"
)

// apiRegistrationCalendar sends the calendar entry of a registration (the
// manage link's token as ?token= or a bearer token): the event as
// REQUEST while it holds a place, its CANCEL once cancelled; a place on
// the waiting list has no entry yet.
func (s *Server) apiRegistrationCalendar(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	reg, err := s.DB.RegistrationByToken(ctx, r.PathValue("reference"), ui.BookingToken(r))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	cal, method, ok, err := s.Regs.Calendar(ctx, reg)
	if err == nil && !ok {
		err = chancery.Errorf(chancery.ECONFLICT, "error.registration_no_calendar")
	}
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8; method="+method)
	w.Header().Set("Content-Disposition", "attachment; filename=\""+url.PathEscape(reg.Reference)+".ics\"")
	w.Write(cal)
}
