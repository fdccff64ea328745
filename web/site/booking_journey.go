package site

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/web/ui"
)

// The public booking journey, as pages that work without JavaScript:
// a service (booking_services.go), a time (booking_week.go), the person's
// details and a last check (booking_details.go), the booking itself
// (booking_confirm.go), and the manage page behind the emailed link
// (booking_manage.go). Nothing is booked or cancelled by a GET.

// bookingJourney is what every step of the journey knows: the mission,
// the service, the mission's calendar and the moment of the request.
type bookingJourney struct {
	Mission mission.Mission
	Service booking.Service
	Cal     calendar.Calendar
	Now     time.Time
}

// journey loads the mission and service named in the request's path. An
// unknown mission, or a service that is not the mission's or not open for
// booking, is ENOTFOUND.
func (s *Server) journey(r *http.Request) (bookingJourney, error) {
	ctx := r.Context()
	m, err := s.DB.Mission(ctx, r.PathValue("id"))
	if err != nil {
		return bookingJourney{}, err
	}
	svc, cal, err := s.Appts.MissionService(ctx, m.ID, r.PathValue("service"))
	if err != nil {
		return bookingJourney{}, err
	}
	return bookingJourney{Mission: m, Service: svc, Cal: cal, Now: s.DB.Now()}, nil
}

// ServicesURL is step 1, the mission's services.
func (j bookingJourney) ServicesURL() string {
	return "/missions/" + url.PathEscape(j.Mission.ID) + "/book"
}

// WeekURL is step 2 at the week that holds d.
func (j bookingJourney) WeekURL(d calendar.Date) string {
	return j.ServicesURL() + "/" + url.PathEscape(j.Service.ID) + "?week=" + weekOf(d).String()
}

// TimesURL is step 2 at its first week.
func (j bookingJourney) TimesURL() string {
	return j.ServicesURL() + "/" + url.PathEscape(j.Service.ID)
}

// SlotURL is step 2 at the week of t, scrolled to t's day.
func (j bookingJourney) SlotURL(t time.Time) string {
	d := calendar.DateOf(t, j.Cal.Zone)
	return j.WeekURL(d) + "#day-" + d.String()
}

// DetailsURL is step 3 for the time start.
func (j bookingJourney) DetailsURL(start time.Time) string {
	return j.TimesURL() + "/details?start=" + url.QueryEscape(j.RFC3339(start))
}

// CheckURL is step 4, the last check, for the time start.
func (j bookingJourney) CheckURL(start time.Time) string {
	return j.TimesURL() + "/check?start=" + url.QueryEscape(j.RFC3339(start))
}

// ConfirmURL is where the last check's form books.
func (j bookingJourney) ConfirmURL() string { return j.TimesURL() + "/confirm" }

// RFC3339 writes an instant in the mission's zone, as the forms carry it.
func (j bookingJourney) RFC3339(t time.Time) string { return t.In(j.Cal.Zone).Format(time.RFC3339) }

// weekOf is the Monday of d's week.
func weekOf(d calendar.Date) calendar.Date { return d.AddDays(-((int(d.Weekday()) + 6) % 7)) }

// parseStart reads the start time a form carries.
func parseStart(v string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, strings.TrimSpace(v))
	if err != nil || len(v) > 64 {
		return time.Time{}, chancery.Errorf(chancery.EINVALID, "booking.choose_time")
	}
	return t, nil
}

// offeredFree finds the slot at start that a person may book now and that
// no limit refuses (a full slot, a full day, a lottery's slot).
func (s *Server) offeredFree(ctx context.Context, j bookingJourney, start time.Time) (booking.Slot, error) {
	sl, err := booking.Offered(j.Service, j.Cal, start, j.Now)
	if err != nil {
		return sl, err
	}
	if sl, err = s.Appts.Place(ctx, j.Service, j.Cal, sl); err != nil {
		return sl, err
	}
	return sl, sl.Refused
}

// earlier is the earlier of two days.
func earlier(a, b calendar.Date) calendar.Date {
	if b.Before(a) {
		return b
	}
	return a
}

// retimePage is shown when the chosen time cannot be booked: why, and the
// next free times.
type retimePage struct {
	Journey bookingJourney
	Message string
	Next    []booking.Slot
}

// retime answers a request whose time cannot be booked (any more) with the
// reason and the next free times, each a link into step 2.
func (s *Server) retime(w http.ResponseWriter, r *http.Request, j bookingJourney, err error) {
	ui.NoStore(w)
	code := chancery.ErrorCode(err)
	if code != chancery.EINVALID && code != chancery.ECONFLICT {
		s.Fail(w, r, err)
		return
	}
	next, nerr := s.Appts.NextFree(r.Context(), j.Service, j.Cal, 5)
	if nerr != nil {
		s.Fail(w, r, nerr)
		return
	}
	key, data := chancery.ErrorKey(err)
	s.RenderStatus(w, r, ui.StatusOf(code), "book_retime", retimePage{Journey: j,
		Message: s.Translate(ui.VisitOf(r).Lang, key, s.CalendarWords(ui.VisitOf(r).Lang, data)), Next: next})
}
