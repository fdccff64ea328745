// Package appointments holds the workflows of a booking's life: book,
// move, cancel, verify the email, expire when it is not verified, remind,
// draw a lottery release, close a day. Each is written once here and
// called by the public pages, the JSON API, the staff desk and the
// background jobs alike, so they cannot drift apart; each queues its mail
// in the same transaction as its change.
package appointments

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/monitor"
	"github.com/chancery-platform/chancery/outbox"
	"github.com/chancery-platform/chancery/store"
)

// Booking rate limits, counted in the database so that every instance
// shares them: per client (its address, an IPv6 client by its /64), and
// per person (normalized email) from that client, so that requests in
// someone else's name from elsewhere never lock that person out. An
// attempt refused because its slot or day is full counts against the
// client only. Registrations for events count against the same limits.
const (
	bookingsPerIP     = 30
	bookingsPerPerson = 5
	// LimitWindow is the span over which the booking rate limits count.
	LimitWindow = time.Hour
)

// Appointments runs the booking workflows over one database.
type Appointments struct {
	db        *store.DB
	mail      *outbox.Writer
	publicURL string
	// Metrics counts the outcome of each booking request and refusals by
	// the rate limits; nil counts nothing.
	Metrics *monitor.Metrics
	// listings keeps the availability last listed (see Availability).
	listings listings
}

// New returns the workflows over db, composing mail with w; publicURL is
// the site's configured address (https://consulate.example), the one base
// of every link in mail. A request's Host header never makes a link: a
// client could put another site's name there and have the manage link,
// with its token, point at it.
func New(db *store.DB, w *outbox.Writer, publicURL string) *Appointments {
	return &Appointments{db: db, mail: w, publicURL: strings.TrimRight(publicURL, "/")}
}

// Base is the address every link in mail starts with: the configured
// public URL.
func (a *Appointments) Base() string { return a.publicURL }

// Limits are the rate limits a booking or a registration from the
// client ip (its key, see ui.ClientKey) by the person at email counts
// against.
func Limits(ip, email string) []store.Limit { return limits("book", ip, email) }

// limits are the rate limits of one kind of request (prefix) from the
// client ip by the person at email.
func limits(prefix, ip, email string) []store.Limit {
	return []store.Limit{{Bucket: prefix + "-ip:" + ip, Max: bookingsPerIP},
		{Bucket: prefix + "-who:" + ip + " " + booking.NormalizeEmail(email), Max: bookingsPerPerson, NotWhenFull: true}}
}

// clientLimits are those of limits a full slot or day counts against.
func clientLimits(limits []store.Limit) []store.Limit {
	return slices.DeleteFunc(slices.Clone(limits), func(l store.Limit) bool { return l.NotWhenFull })
}

// RateLimited is the answer to a booking request over a rate limit.
func RateLimited(retry time.Duration) error {
	return chancery.TooMany("error.booking_rate_limited", retry)
}

// ManageLink is the path of a booking's private manage page.
func ManageLink(reference, token string) string {
	return "/bookings/" + url.PathEscape(reference) + "?token=" + url.QueryEscape(token)
}

// VerifyLink is the path of the page confirming a pending booking's
// email: the manage link's token proves the booking, the code the email.
func VerifyLink(reference, token, code string) string {
	return "/bookings/" + url.PathEscape(reference) + "/verify?token=" + url.QueryEscape(token) + "&code=" + url.QueryEscape(code)
}

// bookAgainLink is where a new booking of b's service starts.
func bookAgainLink(b booking.Booking) string {
	return "/missions/" + url.PathEscape(b.MissionID) + "/book/" + url.PathEscape(b.ServiceID)
}

// MissionService loads a service of a mission with the mission's
// calendar; a service of another mission, or one no longer offered, is
// not found.
func (a *Appointments) MissionService(ctx context.Context, missionID, serviceID string) (booking.Service, calendar.Calendar, error) {
	rev, err := a.db.Revision(ctx)
	if err != nil {
		return booking.Service{}, calendar.Calendar{}, err
	}
	return a.missionServiceAt(ctx, rev, missionID, serviceID)
}

// missionServiceAt is MissionService at the data revision rev, read
// before this call.
func (a *Appointments) missionServiceAt(ctx context.Context, rev int64, missionID, serviceID string) (booking.Service, calendar.Calendar, error) {
	svc, err := a.db.ServiceAt(ctx, rev, serviceID)
	if err == nil && (svc.MissionID != missionID || !svc.Active) {
		err = chancery.Errorf(chancery.ENOTFOUND, "error.service_not_found", "ID", chancery.Echo(serviceID))
	}
	if err != nil {
		return svc, calendar.Calendar{}, err
	}
	cal, err := a.db.MissionCalendarAt(ctx, rev, missionID)
	return svc, cal, err
}

// parseStart reads the start of a slot as RFC 3339.
func parseStart(start string) (time.Time, error) {
	at, err := time.Parse(time.RFC3339, strings.TrimSpace(start))
	if err != nil {
		return at, chancery.Errorf(chancery.EINVALID, "error.start_invalid", "Field", "start")
	}
	return at, nil
}
