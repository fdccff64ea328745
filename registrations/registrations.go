// Package registrations holds the workflows of registration for events:
// register (or join the waiting list), cancel and promote the first in
// line, change an event's settings. The public pages, the JSON API and the
// staff desk all call them, and each queues its mail in the same
// transaction as its change.
package registrations

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"time"

	"github.com/chancery-platform/chancery/appointments"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/events"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/outbox"
	"github.com/chancery-platform/chancery/store"
)

// Registrations runs the registration workflows over one database.
type Registrations struct {
	db    *store.DB
	mail  *outbox.Writer
	appts *appointments.Appointments // for the site's address in links
}

// New returns the workflows over db, composing mail with w; appts gives
// the address links in mail start with.
func New(db *store.DB, w *outbox.Writer, appts *appointments.Appointments) *Registrations {
	return &Registrations{db: db, mail: w, appts: appts}
}

// Registrable is an event that takes registration: its record, its
// settings and the mission that hosts it, read together.
type Registrable struct {
	Record  cooperation.Event
	Event   events.Event
	Mission mission.Mission
	Zone    *time.Location
}

// Registrable reads the event id with its registration settings; an
// event without settings, or not in the record, is ENOTFOUND.
func (rs *Registrations) Registrable(ctx context.Context, id string) (Registrable, error) {
	var ev Registrable
	var err error
	if ev.Event, err = rs.db.EventRegistration(ctx, id); err != nil {
		return ev, err
	}
	rec, err := rs.db.CoopRecord(ctx, cooperation.KindEvent, id)
	if err != nil {
		return ev, err
	}
	if err := rec.Decode(&ev.Record); err != nil {
		return ev, err
	}
	if ev.Mission, err = rs.db.Mission(ctx, ev.Event.MissionID); err != nil {
		return ev, err
	}
	ev.Zone = mission.Zone(ev.Mission.TimeZone)
	return ev, nil
}

// ManageLink is the path of a registration's private manage page.
func ManageLink(reference, token string) string {
	return "/registrations/" + url.PathEscape(reference) + "?token=" + url.QueryEscape(token)
}

// mailOf is what a registration's mail tells of its event.
func (ev Registrable) mailOf() outbox.Event {
	return outbox.Event{Title: ev.Record.Title, Event: ev.Event, Mission: ev.Mission}
}

// notifier returns what changes to the event's registrations send, for
// the store to enqueue in the change's transaction; link gives the
// manage link of a person who joins (nil when nobody does).
func (rs *Registrations) notifier(ev Registrable, link func(events.Registration) string) store.RegistrationNotify {
	return func(c events.Change, r events.Registration) ([]store.Message, error) {
		manage := ""
		if c == events.Joined && link != nil {
			manage = link(r)
		}
		m, err := rs.mail.RegistrationMail(c, r, ev.mailOf(), manage)
		if err != nil {
			return nil, err
		}
		return []store.Message{m}, nil
	}
}

// Request is a request to register, as the event's form and the API carry it.
type Request struct {
	Name  string
	Email string
	Lang  string // the registrant's language for mail; not one we speak: ReaderLang
	appointments.Origin
	// Render is the answer to keep with an idempotency key, given the
	// registration and its manage token.
	Render func(r events.Registration, token string) (status int, body []byte, err error)
}

// Registered is the outcome of a registration request.
type Registered struct {
	Registration events.Registration
	Token        string        // the manage link's token, known only now
	Replay       *store.Replay // the first answer to a repeated idempotency key
}

// Register checks a registration request for the event and makes it,
// counted against the booking rate limits (per address and per person),
// with its mail queued in the same transaction. With an idempotency key,
// the answer is stored with the registration, and a retry gets it back.
func (rs *Registrations) Register(ctx context.Context, ev Registrable, req Request) (res Registered, err error) {
	defer func() { rs.appts.Metrics.Attempt("registration", err, res.Replay != nil) }()
	p := events.Registrant{Name: req.Name, Email: req.Email, Lang: req.Lang}.Normalized()
	if !rs.mail.Speaks(p.Lang) {
		p.Lang = req.ReaderLang
	}
	if err := p.Validate(); err != nil {
		return res, err
	}
	if err := ev.Event.Accepting(rs.db.Now()); err != nil && req.IdempotencyKey == "" {
		// Refused with a read; with a key the transaction decides, so that a
		// retry after the last place went still meets its first answer.
		return res, err
	}
	token, hash := booking.NewToken()
	base := rs.appts.Base()
	in := store.RegisterInput{EventID: ev.Event.ID, Registrant: p, Reference: booking.NewReference(), TokenHash: hash,
		Notify:      rs.notifier(ev, func(reg events.Registration) string { return base + ManageLink(reg.Reference, token) }),
		Limits:      appointments.Limits(req.IP, p.Email),
		LimitWindow: appointments.LimitWindow}
	if req.IdempotencyKey != "" {
		sum := sha256.Sum256([]byte(strings.Join([]string{"event", ev.Event.ID, p.Name, booking.NormalizeEmail(p.Email), p.Lang}, "\x00")))
		in.IdempotencyKey, in.RequestHash = "event:"+req.IdempotencyKey, hex.EncodeToString(sum[:])
		if req.Render != nil {
			in.Render = func(reg events.Registration) (int, []byte, error) { return req.Render(reg, token) }
		}
	}
	reg, replay, err := rs.db.Register(ctx, in)
	if err != nil || replay != nil {
		res.Replay = replay
		return res, err
	}
	res.Registration, res.Token = reg, token
	return res, nil
}

// Cancel cancels a registration for the holder of its token and, in the
// same transaction, promotes the first in line, queueing the mail of both.
func (rs *Registrations) Cancel(ctx context.Context, ref, token string) (events.Registration, error) {
	reg, err := rs.db.RegistrationByToken(ctx, ref, token)
	if err != nil {
		return reg, err
	}
	ev, err := rs.Registrable(ctx, reg.EventID)
	if err != nil {
		return reg, err
	}
	return rs.db.CancelRegistration(ctx, ref, token, rs.notifier(ev, nil))
}

// SaveEvent opens or changes an event's registration; when the event took
// registration already, the places a raised capacity frees promote people
// from the waiting list, mailed like a cancellation's promotions.
func (rs *Registrations) SaveEvent(ctx context.Context, who store.Actor, e events.Event) error {
	var notify store.RegistrationNotify
	if _, err := rs.db.EventRegistration(ctx, e.ID); err == nil {
		ev, err := rs.Registrable(ctx, e.ID)
		if err != nil {
			return err
		}
		ev.Event.Start, ev.Event.End, ev.Event.Venue = e.Start, e.End, e.Venue
		notify = rs.notifier(ev, nil)
	}
	_, err := rs.db.SaveEventRegistration(ctx, who, e, notify)
	return err
}

// Calendar is a registration's calendar entry, the one its mail carries:
// the event as REQUEST while it holds a place, its CANCEL once cancelled.
// A place on the waiting list has none yet (ok false).
func (rs *Registrations) Calendar(ctx context.Context, reg events.Registration) (cal []byte, method string, ok bool, err error) {
	change := events.Joined
	switch reg.Status {
	case events.Waitlisted:
		return nil, "", false, nil
	case events.Cancelled:
		change = events.Withdrawn
	}
	ev, err := rs.Registrable(ctx, reg.EventID)
	if err != nil {
		return nil, "", false, err
	}
	m, err := rs.mail.RegistrationMail(change, reg, ev.mailOf(), "")
	if err != nil {
		return nil, "", false, err
	}
	return []byte(m.ICS), m.ICSMethod, true, nil
}

// Resend sends a registration's confirmation again, for staff whose
// registrant lost it: a new manage link replaces the old one, and the
// mail of a person who joins (a place, or the waiting list) goes out with
// it, queued in the same transaction. It is audited.
func (rs *Registrations) Resend(ctx context.Context, who store.Actor, reference string) (events.Registration, error) {
	reg, err := rs.db.Registration(ctx, reference)
	if err != nil {
		return reg, err
	}
	ev, err := rs.Registrable(ctx, reg.EventID)
	if err != nil {
		return reg, err
	}
	token, hash := booking.NewToken()
	base := rs.appts.Base()
	notify := rs.notifier(ev, func(r events.Registration) string { return base + ManageLink(r.Reference, token) })
	return rs.db.ReissueRegistrationLink(ctx, who, reference, hash, func(r events.Registration) ([]store.Message, error) {
		return notify(events.Joined, r)
	})
}
