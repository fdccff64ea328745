package appointments

import (
	"context"
	"strings"
	"unicode"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/store"
)

// The limits of "find my booking": a client may ask a few times an hour,
// and one reference is asked for at most as often, from anywhere, so that
// nobody can try address after address against it.
const (
	findsPerIP        = 10
	findsPerReference = 5
)

// NormalizeReference is a booking reference as a person may type it
// ("7f3k 9qxa", "7F3K9QXA") written as issued ("7F3K-9QXA"); what cannot be
// one comes back as given, trimmed.
func NormalizeReference(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch {
		case r == '-' || unicode.IsSpace(r): // as TrimSpace reads space
		case strings.ContainsRune("0123456789ABCDEFGHJKMNPQRSTVWXYZ", r):
			b.WriteRune(r)
		default:
			return strings.TrimSpace(s)
		}
	}
	if t := b.String(); len(t) == 8 {
		return t[:4] + "-" + t[4:]
	}
	return strings.TrimSpace(s)
}

// FindMyBooking sends the manage link of booking reference again, for a
// person who lost it, when email is the address the booking was made with
// (compared as addresses are, by booking.NormalizeEmail) and the booking
// holds its place: a new link goes to that address (Resend; the old link
// stops working). Whether or not they match, the answer is the same (nil),
// so it tells nobody whether a booking exists or whose it is; only a rate
// limit or a fault is an error. ip is the client's key (ui.ClientKey).
func (a *Appointments) FindMyBooking(ctx context.Context, ip, reference, email string) error {
	reference = NormalizeReference(reference)
	if len(reference) > 16 {
		reference = reference[:16]
	}
	ok, retry, err := a.db.HitAll(ctx, []store.Limit{{Bucket: "find-ip:" + ip, Max: findsPerIP},
		{Bucket: "find-ref:" + reference, Max: findsPerReference}}, LimitWindow)
	if err != nil {
		return err
	}
	if !ok {
		a.Metrics.RateLimited("find")
		return chancery.TooMany("error.find_rate_limited", retry)
	}
	b, err := a.db.Booking(ctx, reference)
	if chancery.ErrorCode(err) == chancery.ENOTFOUND {
		return nil
	}
	if err != nil {
		return err
	}
	if b.Status != booking.Confirmed || booking.NormalizeEmail(b.Applicant.Email) != booking.NormalizeEmail(email) {
		return nil
	}
	_, err = a.Resend(ctx, store.Actor{Name: "applicant (find my booking)"}, reference)
	if code := chancery.ErrorCode(err); code == chancery.ECONFLICT || code == chancery.ENOTFOUND {
		return nil // it stopped holding its place meanwhile
	}
	return err
}

// ResendHeld sends the manage link of the appointment a person already
// holds for a service again, to the address it was booked with, when a
// new booking met it (booking.ErrAlreadyBooked): by the address or the
// passport number given. Like FindMyBooking it answers the same (nil)
// whether or not one was found, and reveals nothing of it: the link goes
// only to the address on file, which may not be the one given.
func (a *Appointments) ResendHeld(ctx context.Context, ip, service string, ap booking.Applicant) error {
	ap = ap.Normalized()
	email := booking.NormalizeEmail(ap.Email)
	ok, retry, err := a.db.HitAll(ctx, []store.Limit{{Bucket: "find-ip:" + ip, Max: findsPerIP},
		{Bucket: "find-held:" + service + " " + email, Max: findsPerReference}}, LimitWindow)
	if err != nil {
		return err
	}
	if !ok {
		a.Metrics.RateLimited("find")
		return chancery.TooMany("error.find_rate_limited", retry)
	}
	ref, err := a.db.HeldBooking(ctx, service, email, ap.Passport)
	if chancery.ErrorCode(err) == chancery.ENOTFOUND {
		return nil
	}
	if err != nil {
		return err
	}
	_, err = a.Resend(ctx, store.Actor{Name: "applicant (already booked)"}, ref)
	if code := chancery.ErrorCode(err); code == chancery.ECONFLICT || code == chancery.ENOTFOUND {
		return nil
	}
	return err
}
