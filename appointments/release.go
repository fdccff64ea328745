package appointments

import (
	"context"
	"net/url"
	"strconv"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/store"
)

// EntryLink is the path of the page confirming the address of a request
// in a lottery release, with the code mailed to it.
func EntryLink(releaseID, requestID int64, code string) string {
	return "/releases/" + strconv.FormatInt(releaseID, 10) + "/requests/" + strconv.FormatInt(requestID, 10) +
		"/verify?code=" + url.QueryEscape(code)
}

// RequestPlace enters a request for a place in an open lottery release of
// the service svc, counted against rate limits of its own, and mails a
// code to the address given: the request counts in the draw only once
// that code is confirmed (VerifyEntry) before the release closes, and a
// person counts once however their address is spelled. Requests are
// collected until the release closes, then drawn (DrawDue): sending early
// or often does not help. It returns the request's id.
func (a *Appointments) RequestPlace(ctx context.Context, rel store.Release, svc booking.Service, req Request) (int64, error) {
	ap := booking.Applicant{Name: req.Name, Email: req.Email, Phone: req.Phone, Passport: req.Passport, Lang: req.Lang}.Normalized()
	if !a.mail.Speaks(ap.Lang) {
		ap.Lang = req.ReaderLang
	}
	if err := ap.Validate(svc); err != nil {
		return 0, err
	}
	m, err := a.db.Mission(ctx, svc.MissionID)
	if err != nil {
		return 0, err
	}
	ok, retry, err := a.db.HitAll(ctx, limits("release", req.IP, ap.Email), LimitWindow)
	if err != nil {
		return 0, err
	}
	if !ok {
		a.Metrics.RateLimited("release")
		return 0, RateLimited(retry)
	}
	code, hash := booking.NewToken()
	base := a.Base()
	return a.db.RequestPlace(ctx, rel.ID, store.Entry{Applicant: ap, VerifyHash: hash,
		Notify: func(requestID int64) ([]store.Message, error) {
			return []store.Message{a.mail.EntryMail(ap, svc, m, rel, base+EntryLink(rel.ID, requestID, code))}, nil
		}})
}

// VerifyEntry confirms the address of a request in a lottery release for
// whoever holds the code mailed to it: from then on it counts in the draw.
func (a *Appointments) VerifyEntry(ctx context.Context, releaseID, requestID int64, code string) error {
	return a.db.VerifyRequest(ctx, releaseID, requestID, code)
}
