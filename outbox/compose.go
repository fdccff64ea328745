// Package outbox is the mail the consulate sends: each message composed
// in its reader's language when a workflow changes a booking or a
// registration, queued in the database in that change's transaction, and
// sent from there through SMTP by the Sender.
package outbox

import (
	"strings"
	"time"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/events"
	"github.com/chancery-platform/chancery/ics"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
)

// Kinds of booking messages.
const (
	Confirmation = "confirmation"
	Cancellation = "cancellation"
	Reminder     = "reminder"
	// Verification asks the applicant to confirm their email before a
	// pending booking is confirmed; Expired says a pending booking ended
	// because nobody confirmed it in time. Neither carries a calendar
	// entry: no appointment was ever confirmed.
	Verification = "verification"
	Expired      = "expired"
	// Closure cancels an appointment on a day the mission closed.
	Closure = "closure"
	// Moved tells the applicant their appointment has a new time, with
	// the updated calendar entry (same UID, higher SEQUENCE).
	Moved = "moved"
	// Resent is a confirmation staff sent again with a new manage link,
	// composed as a Confirmation; unlike one, it may go more than once.
	Resent = "resent"
)

// Words renders message key in lang with data: the translations, which
// the HTTP layer loads and passes here.
type Words func(lang, key string, data map[string]any) string

// Writer composes messages in their readers' languages.
type Writer struct {
	words Words
	known func(lang string) bool
	now   func() time.Time
	// Organizer is the address calendar entries name as their organiser:
	// the From address of the mail (configuration); "" falls back to the
	// mission's email.
	Organizer string
}

// NewWriter returns a writer using words for the text; known says which
// languages words speaks (others get English), now stamps calendar entries.
func NewWriter(words Words, known func(lang string) bool, now func() time.Time) *Writer {
	return &Writer{words: words, known: known, now: now}
}

// Lang is lang if the product speaks it, else English.
func (w *Writer) Lang(lang string) string {
	if w.Speaks(lang) {
		return lang
	}
	return "en"
}

// BookingMail composes one message about a booking in the applicant's
// language, with an iCalendar attachment: REQUEST for a confirmation, a
// new time or a reminder, CANCEL for a cancellation (same UID, the
// booking's sequence).
// manageURL is the private manage link, known only when the booking is made.
func (w *Writer) BookingMail(kind string, b booking.Booking, svc booking.Service, m mission.Mission, manageURL string) (store.Message, error) {
	lang := w.Lang(b.Applicant.Lang)
	loc := mission.Zone(m.TimeZone)
	when := mission.LongTime(mission.Words(w.words), lang, b.Start, loc)
	data := map[string]any{"Reference": b.Reference, "Service": svc.Name.In(lang), "Mission": m.Name.In(lang), "When": when,
		"Address": m.Address.In(lang), "Manage": manageURL, "Name": b.Applicant.Name, "Documents": len(svc.Documents) > 0}
	if !b.VerifyBy.IsZero() {
		data["Until"] = mission.LongTime(mission.Words(w.words), lang, b.VerifyBy, loc)
	}
	subject := w.words(lang, "mail."+kind+".subject", data)
	var body strings.Builder
	body.WriteString(w.words(lang, "mail."+kind+".body", data))
	if kind == Verification || kind == Expired {
		if manageURL != "" {
			body.WriteString("\n\n" + manageURL)
		}
		body.WriteString("\n\n" + w.words(lang, "mail.signature", data) + "\n")
		return store.Message{BookingID: b.ID, Kind: kind, Sequence: b.Sequence, To: b.Applicant.Email, Subject: subject,
			Body: body.String()}, nil
	}
	if kind == Confirmation || kind == Reminder || kind == Moved {
		if docs := w.documents(lang, svc); docs != "" {
			body.WriteString("\n\n" + docs)
		}
	}
	switch {
	case kind == Closure && manageURL != "":
		body.WriteString("\n\n" + manageURL)
	case manageURL != "":
		body.WriteString("\n\n" + w.words(lang, "mail.manage", data))
	}
	body.WriteString("\n\n" + w.words(lang, "mail.signature", data) + "\n")
	method := ics.Request
	if kind == Cancellation || kind == Closure {
		method = ics.Cancel
	}
	cal, err := w.BookingICS(method, b, svc, m)
	if err != nil {
		return store.Message{}, err
	}
	return store.Message{BookingID: b.ID, Kind: kind, Sequence: b.Sequence, To: b.Applicant.Email, Subject: subject,
		Body: body.String(), ICS: string(cal), ICSMethod: string(method)}, nil
}

// BookingICS is a booking's calendar entry in the applicant's language:
// its UID stays the same for the booking's life and its SEQUENCE is the
// booking's, so a calendar replaces or removes the event it holds.
func (w *Writer) BookingICS(method ics.Method, b booking.Booking, svc booking.Service, m mission.Mission) ([]byte, error) {
	lang := w.Lang(b.Applicant.Lang)
	data := map[string]any{"Reference": b.Reference, "Service": svc.Name.In(lang), "Documents": len(svc.Documents) > 0}
	desc := w.words(lang, "mail.ics_description", data)
	if docs := w.documents(lang, svc); docs != "" && method != ics.Cancel {
		desc += "\n\n" + docs
	}
	return ics.Build(method, ics.Event{UID: b.Reference + "@chancery", Sequence: b.Sequence, Start: b.Start, End: b.End,
		Zone: mission.Zone(m.TimeZone), Summary: svc.Name.In(lang) + " — " + m.Name.In(lang), Location: location(m, lang),
		Description: desc, Organizer: w.organizer(m), Attendee: b.Applicant.Email,
		Stamp: w.now().UTC()})
}

// documents is the list of documents to bring to a service, in lang, as
// a mail or calendar entry writes it; "" when the service lists none.
func (w *Writer) documents(lang string, svc booking.Service) string {
	if len(svc.Documents) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(w.words(lang, "catalogue.mail.documents", nil))
	for _, d := range svc.Documents {
		b.WriteString("\n- " + d.In(lang))
	}
	return b.String()
}

// location is where an appointment happens: the mission's address, or
// its name and city while no address is recorded.
func location(m mission.Mission, lang string) string {
	if a := strings.TrimSpace(m.Address.In(lang)); a != "" {
		return m.Name.In(lang) + ", " + a
	}
	return strings.Trim(m.Name.In(lang)+", "+m.City.In(lang), ", ")
}

// organizer is the address calendar entries name as their organiser: the
// configured From address, else the mission's email.
func (w *Writer) organizer(m mission.Mission) string {
	if w.Organizer != "" {
		return w.Organizer
	}
	if m.Email == "" {
		return "no-reply@chancery.invalid"
	}
	return m.Email
}

// Event is what a registration's message tells of its event: the title
// from the record, the registration settings and the hosting mission.
type Event struct {
	Title   mission.Text
	Event   events.Event
	Mission mission.Mission
}

// registrationKind is the outbox kind of the message a change sends.
func registrationKind(c events.Change, r events.Registration) string {
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
func (w *Writer) RegistrationMail(c events.Change, r events.Registration, ev Event, manageURL string) (store.Message, error) {
	lang := w.Lang(r.Lang)
	loc := mission.Zone(ev.Mission.TimeZone)
	e := ev.Event
	when := mission.LongSpan(mission.Words(w.words), lang, e.Start, e.End, loc)
	data := map[string]any{"Reference": r.Reference, "Event": ev.Title.In(lang), "Mission": ev.Mission.Name.In(lang),
		"When": when, "Venue": e.Venue.In(lang), "Manage": manageURL, "Name": r.Name, "Position": r.Position}
	kind := registrationKind(c, r)
	key := "event.mail." + strings.TrimPrefix(kind, "event_")
	var body strings.Builder
	body.WriteString(w.words(lang, key+".body", data))
	if manageURL != "" {
		body.WriteString("\n\n" + w.words(lang, "event.mail.manage", data))
	}
	body.WriteString("\n\n" + w.words(lang, "mail.signature", data) + "\n")
	m := store.Message{Kind: kind, Sequence: r.Sequence, To: r.Email, Subject: w.words(lang, key+".subject", data), Body: body.String()}
	method := ics.Request
	switch {
	case c == events.Withdrawn:
		method = ics.Cancel
	case c == events.Left || r.Status == events.Waitlisted:
		return m, nil // no place, no calendar entry
	}
	cal, err := ics.Build(method, ics.Event{UID: r.Reference + "@chancery-events", Sequence: r.Sequence, Start: e.Start, End: e.End,
		Zone: loc, Summary: ev.Title.In(lang), Location: e.Venue.In(lang),
		Description: w.words(lang, "event.mail.ics_description", data), Organizer: w.organizer(ev.Mission), Attendee: r.Email,
		Stamp: w.now().UTC()})
	if err != nil {
		return store.Message{}, err
	}
	m.ICS, m.ICSMethod = string(cal), string(method)
	return m, nil
}

// Speaks reports whether the product speaks lang.
func (w *Writer) Speaks(lang string) bool { return w.known(lang) }
