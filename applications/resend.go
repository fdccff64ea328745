package applications

import (
	"context"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/appointments"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/store"
)

// The limits of "send me my link again", as for "find my booking": a
// client may ask a few times an hour, and one reference is asked for at
// most as often, from anywhere, so that nobody can try address after
// address against it.
const (
	resendsPerIP        = 10
	resendsPerReference = 5
)

// ResendLink sends the private link of application reference again, for
// an applicant who lost it, when email is the address it was started
// with: a new link (the old one stops working) and, while the address is
// unconfirmed, a new code confirming it, go to that address. Whether or
// not they match, the answer is the same (nil), so it tells nobody
// whether an application exists or whose it is; only a rate limit or a
// fault is an error. ip is the client's key (ui.ClientKey).
func (as *Applications) ResendLink(ctx context.Context, ip, reference, email string) error {
	reference = appointments.NormalizeReference(reference)
	if len(reference) > 16 {
		reference = reference[:16]
	}
	ok, retry, err := as.db.HitAll(ctx, []store.Limit{{Bucket: "apply-find-ip:" + ip, Max: resendsPerIP},
		{Bucket: "apply-find-ref:" + reference, Max: resendsPerReference}}, appointments.LimitWindow)
	if err != nil {
		return err
	}
	if !ok {
		return chancery.TooMany("error.find_rate_limited", retry)
	}
	token, tokenHash := booking.NewToken()
	code, codeHash := booking.NewToken()
	err = as.db.ResendApplicationLink(ctx, reference, email, tokenHash, codeHash,
		func(a casework.Application, t casework.CaseType, confirm bool) ([]store.Message, error) {
			m, err := as.db.Mission(ctx, a.Mission)
			if err != nil {
				return nil, err
			}
			confirmURL := ""
			if confirm {
				confirmURL = as.appts.Base() + ConfirmLink(a.Reference, token, code)
			}
			return []store.Message{as.mail.ApplicationLinkMail(a, t, m, as.appts.Base()+ManageLink(a.Reference, token), confirmURL)}, nil
		})
	if code := chancery.ErrorCode(err); code == chancery.ENOTFOUND || code == chancery.ECONFLICT {
		return nil
	}
	return err
}
