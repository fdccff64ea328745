package appointments

import (
	"context"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/ics"
	"github.com/chancery-platform/chancery/outbox"
	"github.com/chancery-platform/chancery/store"
)

// Changeable reports whether the holder may still move or cancel b at
// now: it holds a place and its time is to come. A booking that no longer
// holds a place is left to the store, which knows a repeated cancel.
func Changeable(b booking.Booking, now time.Time) bool {
	return b.Status.Holds() && b.Start.After(now)
}

// Reschedule moves a booking, found by its reference and its holder's
// token, to the slot of its service that starts at start (RFC 3339), and
// queues word of the new time with the updated calendar entry (same UID,
// higher SEQUENCE); the mail written for the old time is withdrawn.
func (a *Appointments) Reschedule(ctx context.Context, ref, token, start string) (booking.Booking, error) {
	cur, err := a.db.BookingByToken(ctx, ref, token)
	if err != nil {
		return cur, err
	}
	now := a.db.Now()
	if cur.Status.Holds() && !Changeable(cur, now) {
		return cur, chancery.Errorf(chancery.ECONFLICT, "error.booking_not_reschedulable")
	}
	svc, cal, err := a.MissionService(ctx, cur.MissionID, cur.ServiceID)
	if err != nil {
		return cur, err
	}
	at, err := parseStart(start)
	if err != nil {
		return cur, err
	}
	slot, err := booking.Offered(svc, cal, at, now)
	if err != nil {
		return cur, err
	}
	base := a.Base()
	notify, err := a.serviceNotifier(ctx, outbox.Moved, svc, func(b booking.Booking) string {
		return base + ManageLink(b.Reference, token)
	})
	if err != nil {
		return cur, err
	}
	return a.db.Reschedule(ctx, store.RescheduleInput{Reference: ref, Token: token, Service: svc, Slot: slot,
		Day: calendar.DateOf(slot.Start, cal.Zone).String(), Notify: notify})
}

// Cancel cancels a booking for the holder of its token and queues the
// cancellation (METHOD:CANCEL) in the same transaction. Cancelling twice
// is harmless and sends nothing more; an appointment whose time has come
// can no longer be cancelled.
func (a *Appointments) Cancel(ctx context.Context, ref, token string) (booking.Booking, error) {
	cur, err := a.db.BookingByToken(ctx, ref, token)
	if err != nil {
		return cur, err
	}
	if cur.Status.Holds() && !Changeable(cur, a.db.Now()) {
		return cur, chancery.Errorf(chancery.ECONFLICT, "error.booking_not_cancellable")
	}
	notify, err := a.bookingNotifier(ctx, outbox.Cancellation, cur.ServiceID, nil)
	if err != nil {
		return cur, err
	}
	return a.db.CancelBookingWith(ctx, ref, token, notify)
}

// Verify confirms a pending booking for the holder of its token and the
// code mailed to them, and queues its confirmation with the calendar
// entry.
func (a *Appointments) Verify(ctx context.Context, ref, token, code string) (booking.Booking, error) {
	cur, err := a.db.BookingByToken(ctx, ref, token)
	if err != nil {
		return cur, err
	}
	base := a.Base()
	notify, err := a.bookingNotifier(ctx, outbox.Confirmation, cur.ServiceID, func(b booking.Booking) string {
		return base + ManageLink(b.Reference, token)
	})
	if err != nil {
		return cur, err
	}
	return a.db.VerifyBooking(ctx, ref, token, code, notify)
}

// CloseDay closes a day of a mission; with cancel it also cancels the
// day's appointments and tells each applicant where to book again. It
// returns how many appointments it cancelled.
func (a *Appointments) CloseDay(ctx context.Context, who store.Actor, c store.Closure, cancel bool) (int, error) {
	var notify notifier
	if cancel {
		base := a.Base()
		var err error
		notify, err = a.missionNotifier(ctx, outbox.Closure, c.MissionID, func(b booking.Booking) string {
			return base + bookAgainLink(b)
		})
		if err != nil {
			return 0, err
		}
	}
	return a.db.AddClosure(ctx, who, c, notify)
}

// Calendar is a booking's calendar entry as its mail carries it: a
// REQUEST while it stands, a CANCEL once it is cancelled. A booking
// still waiting for its email to be confirmed has none yet.
func (a *Appointments) Calendar(ctx context.Context, b booking.Booking) ([]byte, string, error) {
	if b.Status == booking.Pending {
		return nil, "", chancery.Errorf(chancery.ECONFLICT, "error.booking_unverified")
	}
	svc, err := a.db.Service(ctx, b.ServiceID)
	if err != nil {
		return nil, "", err
	}
	m, err := a.db.Mission(ctx, b.MissionID)
	if err != nil {
		return nil, "", err
	}
	method := ics.Request
	if b.Status == booking.Cancelled {
		method = ics.Cancel
	}
	cal, err := a.mail.BookingICS(method, b, svc, m)
	return cal, string(method), err
}
