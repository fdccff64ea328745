// Package events holds the rules of registration for the relationship's
// events (cooperation.Event records): capacity, the waiting list and who
// may register, cancel or be checked in when. It is pure: no I/O, no
// clock; the store keeps the promises these rules describe with
// constraints and conditional writes.
package events

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/mission"
)

// MaxCapacity is the most places an event may have.
const MaxCapacity = 10000

// Event is the registration of one record event: when and where it takes
// place, how many may come, and when the public may register. The counts
// are what the store holds now.
type Event struct {
	ID        string // the cooperation.Event record's ID
	MissionID string // the mission that hosts it and whose zone shows its times
	Start     time.Time
	End       time.Time
	Venue     mission.Text
	// What the event page tells people before they register: what the
	// event is, its agenda (a line an item) and how to get there.
	Description, Agenda, Arrival mission.Text
	Capacity                     int
	Waitlist                     bool // when full, new registrants join a waiting list
	Opens                        time.Time
	Closes                       time.Time
	Open                         bool // staff opened registration; false closes it whatever the dates

	Registered int // places taken: registered and checked in
	Waiting    int // on the waiting list
}

// Validate checks settings staff give. Errors are EINVALID with the form
// field in their data, one for each field in error, joined in the form's
// order (chancery.Errors lists them; errors.As finds the first).
func (e Event) Validate() error {
	var errs []error
	if strings.TrimSpace(e.ID) == "" {
		errs = append(errs, field("event", "error.event_not_found", "ID", ""))
	}
	if e.MissionID == "" {
		errs = append(errs, field("mission", "error.event_mission_required"))
	}
	if e.Start.IsZero() || e.End.IsZero() || !e.End.After(e.Start) {
		errs = append(errs, field("end", "error.event_end_before_start"))
	}
	if strings.TrimSpace(e.Venue["en"]) == "" {
		errs = append(errs, field("venue_en", "error.event_venue_required"))
	}
	for _, t := range []struct {
		name string
		text mission.Text
	}{{"description", e.Description}, {"agenda", e.Agenda}, {"arrival", e.Arrival}} {
		for _, lang := range slices.Sorted(maps.Keys(t.text)) {
			if utf8.RuneCountInString(t.text[lang]) > MaxText {
				errs = append(errs, field(t.name+"_"+lang, "error.event_text_too_long", "Max", MaxText))
			}
		}
	}
	if e.Capacity < 1 || e.Capacity > MaxCapacity {
		errs = append(errs, field("capacity", "error.event_capacity_invalid", "Max", MaxCapacity))
	}
	switch {
	case e.Opens.IsZero() || e.Closes.IsZero() || !e.Closes.After(e.Opens):
		errs = append(errs, field("closes", "error.event_closes_before_opens"))
	case e.Closes.After(e.Start):
		errs = append(errs, field("closes", "error.event_closes_after_start"))
	}
	return errors.Join(errs...)
}

// MaxText is the most characters an event's description, agenda or
// arrival text holds in one language.
const MaxText = 2000

// AgendaItems are the lines of the agenda in lang, blank lines left out.
func (e Event) AgendaItems(lang string) []string {
	var out []string
	for _, l := range strings.Split(e.Agenda.In(lang), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// Places is how many places are still free.
func (e Event) Places() int { return max(0, e.Capacity-e.Registered) }

// Full reports whether every place is taken.
func (e Event) Full() bool { return e.Places() == 0 }

// Accepting says whether the public may register at now: registration is
// open, its dates have come and not gone, and the event has places or a
// waiting list. Errors are ECONFLICT with the reason.
func (e Event) Accepting(now time.Time) error {
	switch {
	case !e.Open || !now.Before(e.Closes) || !now.Before(e.Start):
		return ErrClosed
	case now.Before(e.Opens):
		return ErrNotOpen
	case e.Full() && !e.Waitlist:
		return ErrFull
	}
	return nil
}

// Outcome is what a new registration becomes: a place while one is free,
// else a place on the waiting list when the event keeps one. A full
// event without a waiting list refuses with ErrFull.
func (e Event) Outcome() (Status, error) {
	switch {
	case !e.Full() && e.Waiting == 0:
		return Registered, nil
	case e.Waitlist:
		// Nobody passes those already waiting, even where a place has
		// just become free and their promotion is still to come.
		return Waitlisted, nil
	}
	return "", ErrFull
}

// Status is where a registration stands.
type Status string

// The statuses of a registration.
const (
	Registered Status = "registered" // holds a place
	Waitlisted Status = "waitlisted" // waits for a place, in the order of Position
	Cancelled  Status = "cancelled"  // ended by the registrant; the place went to the next in line
	CheckedIn  Status = "checked_in" // came; staff checked them in
)

// Holds reports whether a registration takes one of the event's places.
func (s Status) Holds() bool { return s == Registered || s == CheckedIn }

// Active reports whether a registration counts as the person's one
// registration for the event.
func (s Status) Active() bool { return s == Registered || s == Waitlisted || s == CheckedIn }

// Change is what happened to a registration, for the message it sends.
type Change string

// The changes a registration goes through.
const (
	Joined    Change = "joined"    // registered, or put on the waiting list
	Promoted  Change = "promoted"  // moved from the waiting list to a place
	Withdrawn Change = "withdrawn" // a place given up by the registrant
	Left      Change = "left"      // a place on the waiting list given up
	Moved     Change = "moved"     // the event's time or venue changed
)

// Registration is one person's registration for an event.
type Registration struct {
	ID        int64
	Reference string
	EventID   string
	Status    Status
	Position  int // order of arrival; the waiting list is served in this order
	Registrant
	Sequence  int // raised on each promotion and cancellation, for calendar updates
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Cancellable reports whether the registrant may still cancel: the
// registration is active, not checked in, and the event has not begun.
func (r Registration) Cancellable(e Event, now time.Time) bool {
	return (r.Status == Registered || r.Status == Waitlisted) && now.Before(e.Start)
}

// CheckInAllowed says whether staff may check the registration in at now:
// it holds a place and the event has not ended. Errors are ECONFLICT.
func (r Registration) CheckInAllowed(e Event, now time.Time) error {
	switch {
	case r.Status == CheckedIn:
		return chancery.Errorf(chancery.ECONFLICT, "error.registration_checked_in")
	case r.Status != Registered:
		return chancery.Errorf(chancery.ECONFLICT, "error.registration_not_holding")
	case !now.Before(e.End):
		return chancery.Errorf(chancery.ECONFLICT, "error.event_over")
	}
	return nil
}

// Registrant is the person who registers.
type Registrant struct {
	Name  string
	Email string
	Lang  string // the language of their messages: en, zh, ru or be
}

// Normalized returns r with spaces trimmed and runs of spaces in the name
// made one.
func (r Registrant) Normalized() Registrant {
	r.Name = strings.Join(strings.Fields(r.Name), " ")
	r.Email = strings.TrimSpace(r.Email)
	return r
}

// Validate checks a normalized registrant: a name and an email address,
// as a booking's applicant. Errors are EINVALID with the field in their
// data.
func (r Registrant) Validate() error { return booking.ValidateContact(r.Name, r.Email) }

// field is an EINVALID error about one form field, named in its data.
func field(name, key string, kv ...any) error {
	return chancery.Errorf(chancery.EINVALID, key, append([]any{"Field", name}, kv...)...)
}
