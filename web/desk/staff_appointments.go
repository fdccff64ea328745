package desk

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/mission"
)

// The staff side of appointments shares these helpers: a mission's or a
// service's calendar, form numbers, and times in the mission's zone.

// staffService loads a service, active or not, with its mission and calendar.
func (s *Server) staffService(r *http.Request) (booking.Service, mission.Mission, calendar.Calendar, error) {
	svc, err := s.DB.Service(r.Context(), r.PathValue("id"))
	if err != nil {
		return svc, mission.Mission{}, calendar.Calendar{}, err
	}
	m, err := s.DB.Mission(r.Context(), svc.MissionID)
	if err != nil {
		return svc, m, calendar.Calendar{}, err
	}
	cal, err := s.DB.MissionCalendar(r.Context(), m.ID)
	return svc, m, cal, err
}

// formInt reads a whole number from a form field; a bad one is reported
// as the service setting it belongs to.
func formInt(r *http.Request, field string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue(field)))
	if err != nil {
		return 0, chancery.Errorf(chancery.EINVALID, "error.service_invalid", "Field", field)
	}
	return n, nil
}

// formTime reads a local date and time ("2026-12-01T09:00", as a
// datetime-local field sends it) in the mission's zone.
func formTime(r *http.Request, field string, loc *time.Location) (time.Time, error) {
	v := strings.TrimSpace(r.PostFormValue(field))
	for _, layout := range []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, v, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, chancery.Errorf(chancery.EINVALID, "error.datetime_invalid", "Field", field, "Value", chancery.Echo(v))
}

// slotOf finds the slot of svc that starts at start on the mission's
// calendar, whether or not the public may still book it.
func slotOf(svc booking.Service, cal calendar.Calendar, start time.Time) (booking.Slot, error) {
	for _, sl := range booking.Slots(svc, cal, calendar.DateOf(start, cal.Zone)) {
		if sl.Start.Equal(start) {
			return sl, nil
		}
	}
	return booking.Slot{}, chancery.Errorf(chancery.EINVALID, "error.slot_not_offered", "Time", start.In(cal.Zone).Format("2006-01-02 15:04"))
}

// staffRedirect sends the browser back to a staff page after a change.
func staffRedirect(w http.ResponseWriter, r *http.Request, path string, q url.Values) {
	if len(q) > 0 {
		path += "?" + q.Encode()
	}
	http.Redirect(w, r, path, http.StatusSeeOther)
}
