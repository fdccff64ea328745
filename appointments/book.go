package appointments

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/outbox"
	"github.com/chancery-platform/chancery/store"
)

// Request is a request to book, as the booking form and the API carry it.
type Request struct {
	Service  string
	Start    string // RFC 3339
	Name     string
	Email    string
	Phone    string
	Passport string
	Lang     string // the applicant's language for mail; not one we speak: ReaderLang
	Origin
	// Render is the answer to keep with an idempotency key, given the
	// booking, its manage token and its mission's time zone; a retry gets
	// it back as it was. It runs inside the booking's transaction.
	Render func(b booking.Booking, token string, zone *time.Location) (status int, body []byte, err error)
}

// Origin is what a workflow needs to know of the request it serves.
type Origin struct {
	ReaderLang     string // the language the request was read in
	IP             string // the client's address, for the rate limits
	IdempotencyKey string // "" for none
}

// Booked is the outcome of a booking request.
type Booked struct {
	Service booking.Service
	Cal     calendar.Calendar // set once the service and its calendar are read
	Booking booking.Booking
	Token   string        // the manage link's token, known only now
	Replay  *store.Replay // the first answer to a repeated idempotency key
}

// Book checks a booking request and makes it, counted against the rate
// limits, with its confirmation (or, for a service that verifies emails,
// the code to confirm) queued in the same transaction. With an
// idempotency key the answer is stored with the booking, and a retry
// gets it back.
func (a *Appointments) Book(ctx context.Context, req Request) (res Booked, err error) {
	defer func() { a.Metrics.Attempt("booking", err, res.Replay != nil) }()
	svc, err := a.db.Service(ctx, req.Service)
	if err != nil {
		return res, err
	}
	cal, err := a.db.MissionCalendar(ctx, svc.MissionID)
	if err != nil {
		return res, err
	}
	start, err := parseStart(req.Start)
	if err != nil {
		return res, err
	}
	ap := booking.Applicant{Name: req.Name, Email: req.Email, Phone: req.Phone, Passport: req.Passport, Lang: req.Lang}.Normalized()
	if !a.mail.Speaks(ap.Lang) {
		ap.Lang = req.ReaderLang
	}
	if err := ap.Validate(svc); err != nil {
		return res, err
	}
	slot, err := booking.Offered(svc, cal, start, a.db.Now())
	if err != nil {
		return res, err
	}
	res.Service, res.Cal = svc, cal
	limits := Limits(req.IP, ap.Email)
	// A slot already full, on a day whose quota is used up, or given out
	// by a lottery only, is refused with a read before any booking write:
	// in a release most requests lose. The attempt still counts against
	// the client's rate limit (not the person's), and the booking
	// transaction still decides for the others.
	if req.IdempotencyKey == "" {
		place, err := a.Place(ctx, svc, cal, slot)
		if err != nil {
			return res, err
		}
		if place.Refused != nil {
			ok, retry, err := a.db.HitAll(ctx, clientLimits(limits), LimitWindow)
			if err != nil {
				return res, err
			}
			if !ok {
				return res, RateLimited(retry)
			}
			return res, place.Refused
		}
	}
	token, hash := booking.NewToken()
	base := a.Base()
	in := store.BookInput{Service: svc, Slot: slot, Day: calendar.DateOf(slot.Start, cal.Zone).String(), Applicant: ap,
		Reference: booking.NewReference(), TokenHash: hash, Status: booking.Confirmed, Limits: limits, LimitWindow: LimitWindow}
	kind, link := outbox.Confirmation, func(b booking.Booking) string { return base + ManageLink(b.Reference, token) }
	if svc.VerifyEmail {
		// The booking holds its place while the applicant confirms the
		// code mailed to them, which only the owner of the address reads.
		code, codeHash := booking.NewToken()
		in.Status, in.VerifyHash, in.VerifyBy = booking.Pending, codeHash, a.db.Now().Add(booking.VerifyWithin)
		kind, link = outbox.Verification, func(b booking.Booking) string { return base + VerifyLink(b.Reference, token, code) }
	}
	if in.Notify, err = a.serviceNotifier(ctx, kind, svc, link); err != nil {
		return res, err
	}
	if req.IdempotencyKey != "" {
		sum := sha256.Sum256([]byte(strings.Join([]string{svc.ID, slot.Start.UTC().Format(time.RFC3339), ap.Name,
			booking.NormalizeEmail(ap.Email), ap.Phone, ap.Passport}, "\x00")))
		in.IdempotencyKey, in.RequestHash = req.IdempotencyKey, hex.EncodeToString(sum[:])
		if req.Render != nil {
			in.Render = func(b booking.Booking) (int, []byte, error) { return req.Render(b, token, cal.Zone) }
		}
	}
	b, replay, err := a.db.Book(ctx, in)
	if err != nil || replay != nil {
		res.Replay = replay
		return res, err
	}
	res.Booking, res.Token = b, token
	return res, nil
}
