package appointments

import (
	"context"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/outbox"
	"github.com/chancery-platform/chancery/store"
)

// Resend sends a confirmed booking's confirmation again, for staff whose
// applicant lost it: the booking gets a new manage link (the old one stops
// working, since only its hash is kept) and the confirmation, with the new
// link, is queued in the outbox in the same transaction. It is audited.
func (a *Appointments) Resend(ctx context.Context, who store.Actor, reference string) (booking.Booking, error) {
	cur, err := a.db.Booking(ctx, reference)
	if err != nil {
		return cur, err
	}
	token, hash := booking.NewToken()
	base := a.Base()
	compose, err := a.bookingNotifier(ctx, outbox.Confirmation, cur.ServiceID, func(b booking.Booking) string {
		return base + ManageLink(b.Reference, token)
	})
	if err != nil {
		return cur, err
	}
	return a.db.ReissueBookingLink(ctx, who, reference, hash, func(b booking.Booking) ([]store.Message, error) {
		msgs, err := compose(b)
		for i := range msgs {
			msgs[i].Kind = outbox.Resent
		}
		return msgs, err
	})
}
