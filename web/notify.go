package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/ics"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
)

// Kinds of booking messages.
const (
	MailConfirmation = "confirmation"
	MailCancellation = "cancellation"
	MailReminder     = "reminder"
	// MailVerification asks the applicant to confirm their email before a
	// pending booking is confirmed; MailExpired says a pending booking
	// ended because nobody confirmed it in time. Neither carries a
	// calendar entry: no appointment was ever confirmed.
	MailVerification = "verification"
	MailExpired      = "expired"
	// MailClosure cancels an appointment on a day the mission closed.
	MailClosure = "closure"
)

// publicURL is where links in emails point: the configured public URL, or
// else the address the request came to.
func (s *Server) publicURL(r *http.Request) string {
	if s.cfg.PublicURL != "" {
		return strings.TrimRight(s.cfg.PublicURL, "/")
	}
	scheme := "http"
	if r != nil && visitOf(r).https {
		scheme = "https"
	}
	if r == nil {
		return ""
	}
	return scheme + "://" + r.Host
}

// BookingMail composes one message about a booking in the applicant's
// language, with an iCalendar attachment: REQUEST for a confirmation or a
// reminder, CANCEL for a cancellation (same UID, the booking's sequence).
// manageURL is the private manage link, known only when the booking is made.
func (s *Server) BookingMail(kind string, b booking.Booking, svc booking.Service, m mission.Mission, manageURL string) (store.Message, error) {
	lang := b.Applicant.Lang
	if !knownLang(lang) {
		lang = "en"
	}
	loc := zone(m.TimeZone)
	when := b.Start.In(loc).Format("2006-01-02 15:04") + " (" + m.TimeZone + ")"
	data := map[string]any{"Reference": b.Reference, "Service": svc.Name.In(lang), "Mission": m.Name.In(lang), "When": when,
		"Address": m.Address.In(lang), "Manage": manageURL, "Name": b.Applicant.Name}
	if !b.VerifyBy.IsZero() {
		data["Until"] = b.VerifyBy.In(loc).Format("2006-01-02 15:04")
	}
	subject := s.translate(lang, "mail."+kind+".subject", data)
	var body strings.Builder
	body.WriteString(s.translate(lang, "mail."+kind+".body", data))
	if kind == MailVerification || kind == MailExpired {
		if manageURL != "" {
			body.WriteString("\n\n" + manageURL)
		}
		body.WriteString("\n\n" + s.translate(lang, "mail.signature", data) + "\n")
		return store.Message{BookingID: b.ID, Kind: kind, Sequence: b.Sequence, To: b.Applicant.Email, Subject: subject,
			Body: body.String()}, nil
	}
	switch {
	case kind == MailClosure && manageURL != "":
		body.WriteString("\n\n" + manageURL)
	case manageURL != "":
		body.WriteString("\n\n" + s.translate(lang, "mail.manage", data))
	}
	body.WriteString("\n\n" + s.translate(lang, "mail.signature", data) + "\n")
	method := ics.Request
	if kind == MailCancellation || kind == MailClosure {
		method = ics.Cancel
	}
	cal, err := s.bookingICS(method, b, svc, m, lang)
	if err != nil {
		return store.Message{}, err
	}
	return store.Message{BookingID: b.ID, Kind: kind, Sequence: b.Sequence, To: b.Applicant.Email, Subject: subject,
		Body: body.String(), ICS: string(cal), ICSMethod: string(method)}, nil
}

// bookingICS is a booking's calendar entry in lang: its UID stays the
// same for the booking's life and its SEQUENCE is the booking's, so a
// calendar replaces or removes the event it holds.
func (s *Server) bookingICS(method ics.Method, b booking.Booking, svc booking.Service, m mission.Mission, lang string) ([]byte, error) {
	organizer := m.Email
	if organizer == "" {
		organizer = "no-reply@chancery.invalid"
	}
	data := map[string]any{"Reference": b.Reference, "Service": svc.Name.In(lang)}
	return ics.Build(method, ics.Event{UID: b.Reference + "@chancery", Sequence: b.Sequence, Start: b.Start, End: b.End,
		Zone: zone(m.TimeZone), Summary: svc.Name.In(lang) + " — " + m.Name.In(lang), Location: m.Address.In(lang),
		Description: s.translate(lang, "mail.ics_description", data), Organizer: organizer, Attendee: b.Applicant.Email,
		Stamp: s.db.Now().UTC()})
}

// bookingNotifier returns what a change to a booking of a service sends,
// for the store to enqueue in the same transaction. The service and its
// mission are read here, before the transaction: a callback running inside
// it must not wait for another connection of the pool.
func (s *Server) bookingNotifier(ctx context.Context, kind, serviceID string, manageURL func(booking.Booking) string) (func(booking.Booking) ([]store.Message, error), error) {
	svc, err := s.db.Service(ctx, serviceID)
	if err != nil {
		return nil, err
	}
	return s.serviceNotifier(ctx, kind, svc, manageURL)
}

// serviceNotifier is bookingNotifier for a service read already.
func (s *Server) serviceNotifier(ctx context.Context, kind string, svc booking.Service, manageURL func(booking.Booking) string) (func(booking.Booking) ([]store.Message, error), error) {
	m, err := s.db.Mission(ctx, svc.MissionID)
	if err != nil {
		return nil, err
	}
	return func(b booking.Booking) ([]store.Message, error) {
		link := ""
		if manageURL != nil {
			link = manageURL(b)
		}
		msg, err := s.BookingMail(kind, b, svc, m, link)
		if err != nil {
			return nil, err
		}
		return []store.Message{msg}, nil
	}, nil
}

// missionNotifier is bookingNotifier for the bookings of every service of
// a mission, read before the transaction likewise.
func (s *Server) missionNotifier(ctx context.Context, kind, missionID string, link func(booking.Booking) string) (func(booking.Booking) ([]store.Message, error), error) {
	m, err := s.db.Mission(ctx, missionID)
	if err != nil {
		return nil, err
	}
	svcs, err := s.db.Services(ctx, missionID)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]booking.Service, len(svcs))
	for _, svc := range svcs {
		byID[svc.ID] = svc
	}
	return func(b booking.Booking) ([]store.Message, error) {
		svc, ok := byID[b.ServiceID]
		if !ok {
			return nil, fmt.Errorf("booking %s: service %q is not one of mission %s's", b.Reference, b.ServiceID, missionID)
		}
		msg, err := s.BookingMail(kind, b, svc, m, link(b))
		if err != nil {
			return nil, err
		}
		return []store.Message{msg}, nil
	}, nil
}
