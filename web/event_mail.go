package web

import (
	"context"
	"net/url"
	"strings"
	"time"

	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/events"
	"github.com/chancery-platform/chancery/ics"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
)

// registrable is an event that takes registration: its record, its
// settings and the mission that hosts it, read together.
type registrable struct {
	Record  cooperation.Event
	Event   events.Event
	Mission mission.Mission
	Zone    *time.Location
}

// registrable reads the event id with its registration settings; an event
// without settings, or not in the record, is ENOTFOUND.
func (s *Server) registrable(ctx context.Context, id string) (registrable, error) {
	var ev registrable
	var err error
	if ev.Event, err = s.db.EventRegistration(ctx, id); err != nil {
		return ev, err
	}
	rec, err := s.db.CoopRecord(ctx, cooperation.KindEvent, id)
	if err != nil {
		return ev, err
	}
	if err := rec.Decode(&ev.Record); err != nil {
		return ev, err
	}
	if ev.Mission, err = s.db.Mission(ctx, ev.Event.MissionID); err != nil {
		return ev, err
	}
	ev.Zone = zone(ev.Mission.TimeZone)
	return ev, nil
}

// eventLink is the path of an event's public page.
func eventLink(id string) string { return "/events/" + url.PathEscape(id) }

// registrationLink is the path of a registration's private manage page.
func registrationLink(reference, token string) string {
	return "/registrations/" + url.PathEscape(reference) + "?token=" + url.QueryEscape(token)
}

// mailKind is the outbox kind of the message a change sends.
func mailKind(c events.Change, r events.Registration) string {
	if c == events.Joined {
		return "event_" + string(r.Status)
	}
	return "event_" + string(c)
}

// RegistrationMail composes the message a change to a registration sends,
// in the registrant's language: a confirmation with a calendar entry
// (REQUEST) for a place, word of the place in line for the waiting list,
// the calendar entry when promoted, its CANCEL when a place is given up.
// manageURL is the private manage link, known only when the person joins.
func (s *Server) RegistrationMail(c events.Change, r events.Registration, ev registrable, manageURL string) (store.Message, error) {
	lang := r.Lang
	if !knownLang(lang) {
		lang = "en"
	}
	loc := ev.Zone
	e := ev.Event
	when := e.Start.In(loc).Format("2006-01-02 15:04") + "–" + e.End.In(loc).Format("15:04") + " (" + ev.Mission.TimeZone + ")"
	data := map[string]any{"Reference": r.Reference, "Event": ev.Record.Title.In(lang), "Mission": ev.Mission.Name.In(lang),
		"When": when, "Venue": e.Venue.In(lang), "Manage": manageURL, "Name": r.Name, "Position": r.Position}
	kind := mailKind(c, r)
	key := "event.mail." + strings.TrimPrefix(kind, "event_")
	var body strings.Builder
	body.WriteString(s.translate(lang, key+".body", data))
	if manageURL != "" {
		body.WriteString("\n\n" + s.translate(lang, "event.mail.manage", data))
	}
	body.WriteString("\n\n" + s.translate(lang, "mail.signature", data) + "\n")
	m := store.Message{Kind: kind, Sequence: r.Sequence, To: r.Email, Subject: s.translate(lang, key+".subject", data), Body: body.String()}
	method := ics.Request
	switch {
	case c == events.Withdrawn:
		method = ics.Cancel
	case c == events.Left || r.Status == events.Waitlisted:
		return m, nil // no place, no calendar entry
	}
	organizer := ev.Mission.Email
	if organizer == "" {
		organizer = "no-reply@chancery.invalid"
	}
	cal, err := ics.Build(method, ics.Event{UID: r.Reference + "@chancery-events", Sequence: r.Sequence, Start: e.Start, End: e.End,
		Zone: loc, Summary: ev.Record.Title.In(lang), Location: e.Venue.In(lang),
		Description: s.translate(lang, "event.mail.ics_description", data), Organizer: organizer, Attendee: r.Email,
		Stamp: s.db.Now().UTC()})
	if err != nil {
		return store.Message{}, err
	}
	m.ICS, m.ICSMethod = string(cal), string(method)
	return m, nil
}

// registrationNotifier returns what changes to the event's registrations
// send, for the store to enqueue in the change's transaction; link gives
// the manage link of a person who joins (nil when nobody does).
func (s *Server) registrationNotifier(ev registrable, link func(events.Registration) string) store.RegistrationNotify {
	return func(c events.Change, r events.Registration) ([]store.Message, error) {
		manage := ""
		if c == events.Joined && link != nil {
			manage = link(r)
		}
		m, err := s.RegistrationMail(c, r, ev, manage)
		if err != nil {
			return nil, err
		}
		return []store.Message{m}, nil
	}
}
