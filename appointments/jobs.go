package appointments

import (
	"context"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/outbox"
	"github.com/chancery-platform/chancery/store"
)

// DrawDue draws every release whose window has closed, with a fresh seed
// that is recorded with the draw, and queues each winner's confirmation.
// Several instances may call it: a release is drawn once (the store
// refuses a second draw).
func (a *Appointments) DrawDue(ctx context.Context) (int, error) {
	ids, err := a.db.DueReleases(ctx)
	if err != nil {
		return 0, err
	}
	drawn := 0
	for _, id := range ids {
		rel, _, err := a.db.Release(ctx, id)
		if err != nil {
			return drawn, err
		}
		var failed error
		winner := func(ap booking.Applicant) (string, string, func(booking.Booking) ([]store.Message, error)) {
			token, hash := booking.NewToken()
			notify, err := a.bookingNotifier(ctx, outbox.Confirmation, rel.ServiceID, func(b booking.Booking) string {
				return a.Base() + ManageLink(b.Reference, token)
			})
			if err != nil {
				failed = err
			}
			return booking.NewReference(), hash, notify
		}
		_, err = a.db.Draw(ctx, store.Actor{Name: "lottery draw"}, id, booking.NewSeed(), winner)
		if err == nil && failed != nil {
			err = failed
		}
		switch {
		case err == nil:
			drawn++
		case chancery.ErrorCode(err) == chancery.ECONFLICT:
			// another instance drew it first
		default:
			return drawn, err
		}
	}
	return drawn, nil
}

// ExpireUnverified gives back the places of pending bookings whose email
// was not confirmed in time, tells their applicants, and returns how many
// it ended. Any instance may run it: each booking ends once.
func (a *Appointments) ExpireUnverified(ctx context.Context) (int, error) {
	due, err := a.db.Unverified(ctx)
	if err != nil {
		return 0, err
	}
	ended := 0
	for _, b := range due {
		notify, err := a.bookingNotifier(ctx, outbox.Expired, b.ServiceID, func(b booking.Booking) string {
			return a.Base() + bookAgainLink(b)
		})
		if err != nil {
			return ended, err
		}
		ok, err := a.db.ExpireBooking(ctx, b, notify)
		if err != nil {
			return ended, err
		}
		if ok {
			ended++
		}
	}
	return ended, nil
}

// QueueReminders queues a reminder for every confirmed appointment whose
// mission's previous working day is today, and returns how many it queued
// (a reminder already queued is not queued again). It reads only the
// appointments not reminded yet and writes the day's reminders in one
// transaction, so a run with nothing to do writes nothing.
func (a *Appointments) QueueReminders(ctx context.Context) (int, error) {
	now := a.db.Now()
	// Appointments up to three weeks ahead: enough for a long holiday
	// (Spring Festival, National Day) between the reminder and the visit.
	upcoming, err := a.db.Unreminded(ctx, now, now.Add(21*24*time.Hour))
	if err != nil {
		return 0, err
	}
	var due []store.Message
	calendars := map[string]calendar.Calendar{}
	for _, b := range upcoming {
		cal, ok := calendars[b.MissionID]
		if !ok {
			if cal, err = a.db.MissionCalendar(ctx, b.MissionID); err != nil {
				return 0, err
			}
			calendars[b.MissionID] = cal
		}
		day := calendar.DateOf(b.Start, cal.Zone)
		if cal.PrevWorkingDay(day) != calendar.DateOf(now, cal.Zone) {
			continue
		}
		notify, err := a.bookingNotifier(ctx, outbox.Reminder, b.ServiceID, nil)
		if err != nil {
			return 0, err
		}
		msgs, err := notify(b)
		if err != nil {
			return 0, err
		}
		due = append(due, msgs...)
	}
	return a.db.EnqueueAll(ctx, due)
}
