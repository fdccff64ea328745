package desk

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/web/ui"
)

// capacityDays is how many days ahead the capacity page shows, and
// capacityPageDays how many of them a page holds: a busy service has a
// form for every slot, and 14 days of them made a page of 372 forms.
const (
	capacityDays     = 14
	capacityPageDays = 3
)

// capacityDay is one day of a service's slots with their places.
type capacityDay struct {
	Day    calendar.Date
	Closed bool
	Slots  []booking.Slot
}

// servicePage is a service's settings and the places in its next slots.
type servicePage struct {
	Service booking.Service
	Mission mission.Mission
	Zone    *time.Location
	Days    []capacityDay
	Saved   string
	Errors  ui.FormErrors // every problem of the form sent, found at once
	Posted  ui.Posted     // what the settings form was sent with, when refused
	Capped  int           // slots of the last day-wide hold too booked to hold it all
	Span    int           // how many days ahead all pages show
	Page    int           // this page, from 1
	Pages   int
	Prev    string           // the previous page's address, "" on the first
	Next    string           // the next page's address, "" on the last
	Sources []mission.Source // what a fee may cite
}

// capacityPage reads the page of a service's places asked for (the form
// field or query parameter "page", 1 when absent).
func capacityPage(r *http.Request) (int, error) {
	n, err := listPage(r)
	if err == nil && n > (capacityDays+capacityPageDays-1)/capacityPageDays {
		return 0, chancery.Errorf(chancery.EINVALID, "error.bad_page")
	}
	return n, err
}

// backToService answers a change to a service's places with the page the
// form was on.
func backToService(w http.ResponseWriter, r *http.Request, id string, q url.Values) {
	if page, err := capacityPage(r); err == nil && page > 1 {
		q.Set("page", strconv.Itoa(page))
	}
	staffRedirect(w, r, "/staff/services/"+url.PathEscape(id), q)
}

func (s *Server) serviceShow(w http.ResponseWriter, r *http.Request) {
	s.renderService(w, r, http.StatusOK, nil, nil)
}

// serviceFields map the fields the service's rules name to the inputs of
// its page's forms.
var serviceFields = ui.FormFields{
	"capacity": "svc-capacity", "duration_minutes": "svc-duration", "window_days": "svc-window",
	"min_notice_hours": "svc-notice", "daily_quota": "svc-quota", "mode": "svc-mode-open",
	"description": "svc-description-en", "documents": "svc-documents-en", "processing_time": "svc-processing-en",
	"fee_kind": "svc-fee-table", "fee_text": "svc-fee-text-en", "fee_source": "svc-fee-source", "fee_quote": "svc-fee-quote",
}

// serviceFormOrder are the inputs of the settings form in its order.
var serviceFormOrder = []string{"svc-capacity", "svc-duration", "svc-window", "svc-notice", "svc-quota", "svc-mode-open",
	"svc-description-en", "svc-documents-en", "svc-processing-en", "svc-fee-table", "svc-fee-text-en", "svc-fee-source", "svc-fee-quote"}

// renderService shows a service's page, with the service as typed when
// its settings form was refused (typed), and the form's problems.
func (s *Server) renderService(w http.ResponseWriter, r *http.Request, status int, errs ui.FormErrors, typed *booking.Service) {
	svc, m, cal, err := s.staffService(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	shown := svc
	if typed != nil {
		shown = *typed
	}
	page, err := capacityPage(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	today := calendar.DateOf(s.DB.Now(), cal.Zone)
	first := today.AddDays((page - 1) * capacityPageDays)
	last := first.AddDays(capacityPageDays - 1)
	if end := today.AddDays(capacityDays - 1); end.Before(last) {
		last = end
	}
	usage, err := s.DB.SlotUsage(r.Context(), svc.ID, first.In(cal.Zone), last.AddDays(1).In(cal.Zone))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := servicePage{Service: shown, Mission: m, Zone: cal.Zone, Saved: r.URL.Query().Get("saved"), Errors: errs,
		Span: capacityDays, Page: page, Pages: (capacityDays + capacityPageDays - 1) / capacityPageDays}
	if typed != nil {
		p.Posted = ui.Posted(r.PostForm)
	}
	base := "/staff/services/" + url.PathEscape(svc.ID)
	if page > 1 {
		p.Prev = base + "?page=" + strconv.Itoa(page-1)
	}
	if page < p.Pages {
		p.Next = base + "?page=" + strconv.Itoa(page+1)
	}
	if p.Sources, err = s.DB.Sources(r.Context()); err != nil {
		s.Fail(w, r, err)
		return
	}
	if n, err := strconv.Atoi(r.URL.Query().Get("capped")); err == nil && n > 0 {
		p.Capped = n
	}
	for d := first; !last.Before(d); d = d.AddDays(1) {
		cd := capacityDay{Day: d}
		open, _ := cal.Open(d)
		cd.Closed = !open
		for _, sl := range booking.Slots(svc, cal, d) {
			if u, ok := usage[sl.Start.UnixMilli()]; ok {
				sl.Capacity, sl.Held, sl.Booked = u.Capacity, u.Held, u.Booked
			}
			cd.Slots = append(cd.Slots, sl)
		}
		p.Days = append(p.Days, cd)
	}
	s.RenderStatus(w, r, status, "staff_service", p)
}

// serviceFormError shows the service page again with every problem of err
// in the reader's language; typed is the service as its settings form was
// sent, nil for the page's other forms.
func (s *Server) serviceFormError(w http.ResponseWriter, r *http.Request, err error, typed *booking.Service) {
	errs, status, ok := s.FormErrorsOf(ui.VisitOf(r).Lang, err, serviceFields)
	if !ok || chancery.ErrorCode(err) == chancery.ENOTFOUND {
		s.Fail(w, r, err)
		return
	}
	s.renderService(w, r, status, errs.InOrder(serviceFormOrder...), typed)
}

// serviceUpdate changes a service's booking settings; SaveService audits it.
func (s *Server) serviceUpdate(w http.ResponseWriter, r *http.Request) {
	svc, err := s.DB.Service(r.Context(), r.PathValue("id"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	var unread []error // the fields the form could not read
	for _, f := range []struct {
		name string
		dst  *int
	}{{"capacity", &svc.Capacity}, {"duration_minutes", &svc.Duration}, {"window_days", &svc.WindowDays},
		{"min_notice_hours", &svc.MinNotice}, {"daily_quota", &svc.DailyQuota}} {
		n, err := formInt(r, f.name)
		if err != nil {
			unread = append(unread, err)
			continue
		}
		*f.dst = n
	}
	unread = append(unread, formCatalogue(r, &svc.Catalogue))
	svc.Active = r.PostFormValue("active") == "yes"
	svc.VerifyEmail = r.PostFormValue("verify_email") == "yes"
	before := svc.Mode
	if mode := r.PostFormValue("mode"); mode != "" { // a form without the field keeps the mode
		svc.Mode = booking.Mode(mode)
	}
	if err := ui.MoreErrors(errors.Join(unread...), svc.Validate()); err != nil {
		s.serviceFormError(w, r, err, &svc)
		return
	}
	if _, err := s.DB.SaveService(r.Context(), actor(r), svc); err != nil {
		s.serviceFormError(w, r, err, &svc)
		return
	}
	saved := "settings"
	if svc.Mode != before {
		saved = "mode"
	}
	staffRedirect(w, r, "/staff/services/"+url.PathEscape(svc.ID), url.Values{"saved": {saved}})
}

// slotHold sets how many places of one slot staff hold back.
func (s *Server) slotHold(w http.ResponseWriter, r *http.Request) {
	svc, _, cal, err := s.staffService(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	ms, err := strconv.ParseInt(r.PostFormValue("start"), 10, 64)
	if err != nil {
		s.serviceFormError(w, r, chancery.Errorf(chancery.EINVALID, "error.hold_invalid"), nil)
		return
	}
	slot, err := slotOf(svc, cal, time.UnixMilli(ms))
	if err != nil {
		s.serviceFormError(w, r, err, nil)
		return
	}
	held, err := strconv.Atoi(r.PostFormValue("held"))
	if err != nil {
		s.serviceFormError(w, r, chancery.Errorf(chancery.EINVALID, "error.hold_invalid"), nil)
		return
	}
	if _, err := s.DB.HoldPlaces(r.Context(), actor(r), svc, slot, held); err != nil {
		s.serviceFormError(w, r, err, nil)
		return
	}
	backToService(w, r, svc.ID, url.Values{"saved": {"hold"}})
}

// dayHold holds back the same number of places in every slot of a day.
func (s *Server) dayHold(w http.ResponseWriter, r *http.Request) {
	svc, _, cal, err := s.staffService(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	day, err := calendar.ParseDate(strings.TrimSpace(r.PostFormValue("day")))
	if err != nil {
		s.serviceFormError(w, r, err, nil)
		return
	}
	held, err := strconv.Atoi(r.PostFormValue("held"))
	if err != nil {
		s.serviceFormError(w, r, chancery.Errorf(chancery.EINVALID, "error.hold_invalid"), nil)
		return
	}
	capped, err := s.DB.HoldDay(r.Context(), actor(r), svc, day.String(), booking.Slots(svc, cal, day), held)
	if err != nil {
		s.serviceFormError(w, r, err, nil)
		return
	}
	backToService(w, r, svc.ID, url.Values{"saved": {"hold"}, "capped": {strconv.Itoa(capped)}})
}
