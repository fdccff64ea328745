package appointments

import (
	"context"

	"github.com/chancery-platform/chancery/booking"
)

// RequestPlace enters a request for a place in an open lottery release of
// the service svc, counted against rate limits of its own. Requests are
// collected until the release closes, then drawn (DrawDue): sending early
// or often does not help.
func (a *Appointments) RequestPlace(ctx context.Context, releaseID int64, svc booking.Service, req Request) error {
	ap := booking.Applicant{Name: req.Name, Email: req.Email, Phone: req.Phone, Passport: req.Passport, Lang: req.Lang}.Normalized()
	if !a.mail.Speaks(ap.Lang) {
		ap.Lang = req.ReaderLang
	}
	if err := ap.Validate(svc); err != nil {
		return err
	}
	ok, retry, err := a.db.HitAll(ctx, limits("release", req.IP, ap.Email), LimitWindow)
	if err != nil {
		return err
	}
	if !ok {
		a.Metrics.RateLimited("release")
		return RateLimited(retry)
	}
	return a.db.RequestPlace(ctx, releaseID, ap)
}
