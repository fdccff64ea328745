// Package ics writes iCalendar (RFC 5545) files for appointment confirmations
// and cancellations, as iTIP (RFC 5546) REQUEST and CANCEL messages that mail
// clients add to or remove from the applicant's calendar.
//
// The package is pure: it reads no clock and keeps no state, so the booking
// system passes the stamp and the mission's zone with every event.
package ics

import (
	"bytes"
	"net/mail"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	goical "github.com/arran4/golang-ical"

	"github.com/chancery-platform/chancery"
)

// ProdID is the PRODID property of every file this package writes.
const ProdID = "-//chancery//chancery//EN"

// Method is the iTIP method of a file: what the receiving calendar should do
// with the event.
type Method string

// The methods an appointment file can carry.
const (
	Request Method = "REQUEST" // add or update the appointment (STATUS:CONFIRMED)
	Cancel  Method = "CANCEL"  // remove the appointment (STATUS:CANCELLED)
)

// Event is one appointment at the mission as the applicant's calendar sees it.
type Event struct {
	UID         string         // stable per booking, e.g. "CQ-7F3K9@chancery"
	Sequence    int            // 0 on booking, +1 on each reschedule or cancellation
	Start, End  time.Time      // instants; End must be after Start
	Zone        *time.Location // the mission's zone, written as TZID with a VTIMEZONE
	Summary     string
	Location    string
	Description string
	Organizer   string    // the mission's address, with or without "mailto:"
	Attendee    string    // the applicant's address, with or without "mailto:"
	Stamp       time.Time // DTSTAMP: when the file is made; written in UTC
}

const localTime = "20060102T150405"

// Build returns the iCalendar file for e under method, with CRLF line
// endings and lines folded at 75 octets. Text fields may hold any text: line
// breaks become iCalendar newlines, invalid UTF-8 becomes U+FFFD and other
// control characters are dropped, since RFC 5545 text cannot carry them.
//
// It fails with EINVALID "error.ics_invalid" when the UID, zone, organizer,
// attendee or stamp is missing or malformed, when End is not after Start,
// when a cancellation has sequence 0 (a cancellation always follows the
// booking), or when the zone changes its offset or observes daylight saving
// time within a year of the event: the VTIMEZONE it writes has one offset.
func Build(method Method, e Event) ([]byte, error) {
	var status goical.ObjectStatus
	switch method {
	case Request:
		status = goical.ObjectStatusConfirmed
	case Cancel:
		status = goical.ObjectStatusCancelled
	default:
		return nil, invalid("method", "unknown method "+string(method))
	}
	if err := e.validate(method); err != nil {
		return nil, err
	}
	organizer, err := calAddress("organizer", e.Organizer)
	if err != nil {
		return nil, err
	}
	attendee, err := calAddress("attendee", e.Attendee)
	if err != nil {
		return nil, err
	}
	tz, err := vtimezone(e.Zone, e.Start, e.End)
	if err != nil {
		return nil, err
	}

	cal := goical.NewCalendarFor("chancery")
	cal.SetProductId(ProdID)
	cal.SetMethod(goical.Method(method))
	cal.AddVTimezone(tz)

	ev := cal.AddEvent(e.UID)
	ev.SetDtStampTime(e.Stamp)
	ev.SetSequence(e.Sequence)
	tzid := goical.WithTZID(e.Zone.String())
	ev.SetProperty(goical.ComponentPropertyDtStart, e.Start.In(e.Zone).Format(localTime), tzid)
	ev.SetProperty(goical.ComponentPropertyDtEnd, e.End.In(e.Zone).Format(localTime), tzid)
	ev.SetStatus(status)
	if s := cleanText(e.Summary); s != "" {
		ev.SetSummary(s)
	}
	if s := cleanText(e.Location); s != "" {
		ev.SetLocation(s)
	}
	if s := cleanText(e.Description); s != "" {
		ev.SetDescription(s)
	}
	ev.SetOrganizer(organizer)
	// The applicant need not answer: the booking itself is the acceptance.
	ev.AddAttendee(attendee, &goical.KeyValues{Key: string(goical.ParameterRsvp), Value: []string{"FALSE"}})

	var b bytes.Buffer
	if err := cal.SerializeTo(&b, goical.WithNewLineWindows); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

func (e Event) validate(method Method) error {
	switch {
	case e.UID == "":
		return invalid("uid", "missing UID")
	case e.UID != strings.TrimSpace(e.UID) || !utf8.ValidString(e.UID) || strings.ContainsFunc(e.UID, unicode.IsControl):
		return invalid("uid", "UID has control characters, surrounding spaces or invalid UTF-8")
	case e.Zone == nil:
		return invalid("zone", "missing zone")
	case e.Start.IsZero() || e.End.IsZero():
		return invalid("start", "missing start or end")
	case !e.End.After(e.Start):
		return invalid("end", "end is not after start")
	case e.Stamp.IsZero():
		return invalid("stamp", "missing stamp")
	case e.Sequence < 0:
		return invalid("sequence", "negative sequence")
	case method == Cancel && e.Sequence == 0:
		return invalid("sequence", "a cancellation needs a sequence above the booking's 0")
	}
	return nil
}

// calAddress returns the bare e-mail address in s, which may carry a
// "mailto:" prefix or a display name.
func calAddress(field, s string) (string, error) {
	if len(s) >= len("mailto:") && strings.EqualFold(s[:len("mailto:")], "mailto:") {
		s = s[len("mailto:"):]
	}
	if s == "" {
		return "", invalid(field, "missing address")
	}
	a, err := mail.ParseAddress(s)
	if err != nil {
		return "", invalid(field, "malformed address")
	}
	// A CAL-ADDRESS is a URI: non-ASCII would need percent-encoding that
	// calendar clients handle badly, and control characters would break lines.
	for i := 0; i < len(a.Address); i++ {
		if c := a.Address[i]; c <= ' ' || c >= 0x7f {
			return "", invalid(field, "address is not plain ASCII")
		}
	}
	return a.Address, nil
}

// cleanText returns s as RFC 5545 TEXT can carry it: valid UTF-8, line
// breaks as "\n", and no other control character but the tab.
func cleanText(s string) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, isDropped) && !strings.Contains(s, "\r") {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if isDropped(r) {
			return -1
		}
		return r
	}, s)
}

// isDropped reports whether r is an ASCII control character that TEXT
// cannot carry even escaped.
func isDropped(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f
}

func invalid(field, detail string) error {
	err := chancery.Errorf(chancery.EINVALID, "error.ics_invalid", "Field", field)
	err.Detail = detail
	return err
}
