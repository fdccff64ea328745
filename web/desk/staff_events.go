package desk

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/events"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/web/ui"
)

// staffEventRow is a record event with its registration, if it has one.
type staffEventRow struct {
	Record cooperation.Event
	Event  *events.Event
}

// staffEventsPage lists the record's events, those with registration first.
type staffEventsPage struct {
	Rows []staffEventRow
	Now  time.Time
}

// State names where an event's registration stands now, for the list.
func (p staffEventsPage) State(e events.Event) string { return e.State(p.Now) }

func (s *Server) staffEventList(w http.ResponseWriter, r *http.Request) {
	recs, err := ui.CoopRecords[cooperation.Event](r.Context(), s.DB, cooperation.KindEvent)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	regs, err := s.DB.EventRegistrations(r.Context())
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	byID := make(map[string]*events.Event, len(regs))
	for i := range regs {
		byID[regs[i].ID] = &regs[i]
	}
	p := staffEventsPage{Now: s.DB.Now()}
	var rest []staffEventRow
	for _, rec := range recs {
		if e := byID[rec.ID]; e != nil {
			p.Rows = append(p.Rows, staffEventRow{rec, e})
		} else {
			rest = append(rest, staffEventRow{Record: rec})
		}
	}
	p.Rows = append(p.Rows, rest...)
	s.Render(w, r, "staff_events", p)
}

// eventForm is the settings form as the staff page shows and posts it:
// times as local times in the mission's zone.
type eventForm struct {
	Mission, Start, End, Opens, Closes, Capacity string
	Venue, Description, Agenda, Arrival          mission.Text
	Waitlist, Open                               bool
}

const formLayout = "2006-01-02T15:04"

// eventTextFields are the event's texts in four languages that the form
// edits besides its venue, in form order.
var eventTextFields = []string{"description", "agenda", "arrival"}

// Text is the form's text field named name (one of eventTextFields).
func (f eventForm) Text(name string) mission.Text {
	switch name {
	case "description":
		return f.Description
	case "agenda":
		return f.Agenda
	}
	return f.Arrival
}

// TextFields names the event's texts the form edits besides its venue.
func (staffEventPage) TextFields() []string { return eventTextFields }

func formOf(e events.Event, loc *time.Location) eventForm {
	t := func(v time.Time) string { return v.In(loc).Format(formLayout) }
	return eventForm{Mission: e.MissionID, Start: t(e.Start), End: t(e.End), Opens: t(e.Opens), Closes: t(e.Closes),
		Capacity: strconv.Itoa(e.Capacity), Venue: e.Venue, Description: e.Description, Agenda: e.Agenda, Arrival: e.Arrival,
		Waitlist: e.Waitlist, Open: e.Open}
}

// staffEventPage is one record event's registration settings.
type staffEventPage struct {
	Record   cooperation.Event
	Event    *events.Event // nil before registration is first set up
	Form     eventForm
	Missions []mission.Mission
	Zone     *time.Location
	Saved    bool
	Errors   ui.FormErrors // every problem of the form sent, found at once
}

// eventFormOrder are the fields of the event form in its order, as its
// rules name them.
var eventFormOrder = func() []string {
	out := []string{"mission", "start", "end"}
	for _, f := range append([]string{"venue"}, eventTextFields...) {
		for _, l := range mission.Languages {
			out = append(out, f+"_"+l)
		}
	}
	return append(out, "capacity", "opens", "closes")
}()

// eventFields map the fields the event's rules name to the form's inputs:
// "venue_en" to "ev-venue-en", "start" to "ev-start".
var eventFields = func() ui.FormFields {
	out := ui.FormFields{}
	for _, f := range eventFormOrder {
		out[f] = "ev-" + strings.ReplaceAll(f, "_", "-")
	}
	return out
}()

// eventInputOrder are the form's inputs in its order.
var eventInputOrder = func() []string {
	out := make([]string, len(eventFormOrder))
	for i, f := range eventFormOrder {
		out[i] = eventFields[f]
	}
	return out
}()

func (s *Server) staffEventShow(w http.ResponseWriter, r *http.Request) {
	s.renderStaffEvent(w, r, http.StatusOK, nil, nil)
}

// renderStaffEvent shows the settings page, with the posted form and its
// problems when form is not nil.
func (s *Server) renderStaffEvent(w http.ResponseWriter, r *http.Request, status int, form *eventForm, errs ui.FormErrors) {
	ctx := r.Context()
	id := r.PathValue("id")
	rec, err := s.DB.CoopRecord(ctx, cooperation.KindEvent, id)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := staffEventPage{Saved: r.URL.Query().Get("saved") != "", Errors: errs, Zone: mission.Zone(ui.MissionZone)}
	if err := rec.Decode(&p.Record); err != nil {
		s.Fail(w, r, err)
		return
	}
	if p.Missions, err = s.DB.Missions(ctx); err != nil {
		s.Fail(w, r, err)
		return
	}
	e, err := s.DB.EventRegistration(ctx, id)
	switch {
	case err == nil:
		p.Event, p.Zone = &e, s.ZoneOf(ctx, e.MissionID)
		p.Form = formOf(e, p.Zone)
	case chancery.ErrorCode(err) == chancery.ENOTFOUND:
		p.Form = eventForm{Mission: "by-cg-chongqing", Capacity: "50", Waitlist: true}
	default:
		s.Fail(w, r, err)
		return
	}
	if form != nil {
		p.Form = *form
	}
	s.RenderStatus(w, r, status, "staff_event", p)
}

// staffEventSave opens, closes or changes an event's registration.
func (s *Server) staffEventSave(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	f := eventForm{Mission: strings.TrimSpace(r.PostFormValue("mission")), Start: r.PostFormValue("start"), End: r.PostFormValue("end"),
		Opens: r.PostFormValue("opens"), Closes: r.PostFormValue("closes"), Capacity: strings.TrimSpace(r.PostFormValue("capacity")),
		Venue: formText(r, "venue"), Description: formText(r, "description"), Agenda: formText(r, "agenda"),
		Arrival: formText(r, "arrival"), Waitlist: r.PostFormValue("waitlist") == "yes", Open: r.PostFormValue("open") == "yes"}
	problem := func(err error) {
		errs, status, ok := s.FormErrorsOf(ui.VisitOf(r).Lang, err, eventFields)
		if !ok || errors.Is(err, events.ErrNotFound) {
			s.Fail(w, r, err)
			return
		}
		s.renderStaffEvent(w, r, status, &f, errs.InOrder(eventInputOrder...))
	}
	m, err := s.DB.Mission(ctx, f.Mission)
	if err != nil {
		problem(err)
		return
	}
	loc := mission.Zone(m.TimeZone)
	e := events.Event{ID: id, MissionID: m.ID, Venue: f.Venue, Description: f.Description, Agenda: f.Agenda, Arrival: f.Arrival,
		Waitlist: f.Waitlist, Open: f.Open}
	var unread []error // the fields the form could not read
	var skip []string  // the fields the rules compare with them
	for _, t := range []struct {
		field string
		with  []string
		into  *time.Time
	}{{"start", []string{"end", "closes"}, &e.Start}, {"end", []string{"end"}, &e.End},
		{"opens", []string{"closes"}, &e.Opens}, {"closes", []string{"closes"}, &e.Closes}} {
		if *t.into, err = formTime(r, t.field, loc); err != nil {
			unread, skip = append(unread, err), append(skip, t.with...)
		}
	}
	if e.Capacity, err = strconv.Atoi(f.Capacity); err != nil {
		unread = append(unread, chancery.Errorf(chancery.EINVALID, "error.event_capacity_invalid", "Field", "capacity", "Max", events.MaxCapacity))
	}
	if err := ui.MoreErrors(errors.Join(unread...), e.Validate(), skip...); err != nil {
		problem(err)
		return
	}
	if err := s.Regs.SaveEvent(ctx, actor(r), e); err != nil {
		problem(err)
		return
	}
	staffRedirect(w, r, "/staff/events/"+url.PathEscape(id), url.Values{"saved": {"1"}})
}
