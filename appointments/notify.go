package appointments

import (
	"context"
	"fmt"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/store"
)

// notifier is what a change to a booking sends, for the store to enqueue
// in the change's transaction.
type notifier = func(booking.Booking) ([]store.Message, error)

// bookingNotifier returns what a change to a booking of a service sends.
// The service and its mission are read here, before the transaction: a
// callback running inside it must not wait for another connection of the
// pool.
func (a *Appointments) bookingNotifier(ctx context.Context, kind, serviceID string, link func(booking.Booking) string) (notifier, error) {
	svc, err := a.db.Service(ctx, serviceID)
	if err != nil {
		return nil, err
	}
	return a.serviceNotifier(ctx, kind, svc, link)
}

// serviceNotifier is bookingNotifier for a service read already.
func (a *Appointments) serviceNotifier(ctx context.Context, kind string, svc booking.Service, link func(booking.Booking) string) (notifier, error) {
	m, err := a.db.Mission(ctx, svc.MissionID)
	if err != nil {
		return nil, err
	}
	return func(b booking.Booking) ([]store.Message, error) {
		manage := ""
		if link != nil {
			manage = link(b)
		}
		msg, err := a.mail.BookingMail(kind, b, svc, m, manage)
		if err != nil {
			return nil, err
		}
		return []store.Message{msg}, nil
	}, nil
}

// missionNotifier is bookingNotifier for the bookings of every service of
// a mission, read before the transaction likewise.
func (a *Appointments) missionNotifier(ctx context.Context, kind, missionID string, link func(booking.Booking) string) (notifier, error) {
	m, err := a.db.Mission(ctx, missionID)
	if err != nil {
		return nil, err
	}
	svcs, err := a.db.Services(ctx, missionID)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]booking.Service, len(svcs))
	for _, svc := range svcs {
		byID[svc.ID] = svc
	}
	return func(b booking.Booking) ([]store.Message, error) {
		svc, ok := byID[b.ServiceID]
		if !ok {
			return nil, fmt.Errorf("booking %s: service %q is not one of mission %s's", b.Reference, b.ServiceID, missionID)
		}
		msg, err := a.mail.BookingMail(kind, b, svc, m, link(b))
		if err != nil {
			return nil, err
		}
		return []store.Message{msg}, nil
	}, nil
}
