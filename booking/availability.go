package booking

import (
	"time"

	"github.com/chancery-platform/chancery/calendar"
)

// Availability: which slots a person may book now, and which limit
// refuses the others. The listing (the API's slots, the booking pages'
// weeks, the next free slots offered after a refusal) and the check
// before a booking write use this one rule, so what is listed as free is
// what a booking can take; the store's conditional writes still decide
// races.

// Day is what the store counts of one day of a service against its daily
// quota: the quota in force when the day was first booked, and the
// bookings counted against it.
type Day struct {
	Quota, Booked int
}

// Usage is what the store holds of a service's places over some days: the
// places held and booked per slot, keyed by start in Unix milliseconds
// (a slot nobody has touched has no entry), and the bookings per day
// counted against the daily quota (a day nobody has booked has none).
type Usage struct {
	Slots map[int64]Slot
	Days  map[calendar.Date]Day
	// LotteryOnly holds the starts (Unix milliseconds) of the slots that
	// only a lottery draw gives out (see LotteryOnly): undrawn releases of
	// a service in lottery mode.
	LotteryOnly map[int64]bool
}

// Bookable lists the slots of a service from day from to day to that a
// person may book at now, as far as the calendar and the clock decide:
// inside the booking window, on an open day, on the day's grid, not past
// and not too soon. Their places are not filled in: see Usage.Apply.
func Bookable(svc Service, cal calendar.Calendar, from, to calendar.Date, now time.Time) []Slot {
	var out []Slot
	earliest := now.Add(time.Duration(svc.MinNotice) * time.Hour)
	_, last := Window(svc, cal, now)
	for d := from; !to.Before(d) && !last.Before(d); d = d.AddDays(1) {
		// Slots gives none on a closed day and only times on the day's
		// grid, so what is left to check is what Offered checks of the
		// time itself: not past and not too soon.
		for _, sl := range Slots(svc, cal, d) {
			if sl.Start.After(now) && !sl.Start.Before(earliest) {
				out = append(out, sl)
			}
		}
	}
	return out
}

// Apply fills in the places of slots from u and marks each slot that a
// limit will refuse with that limit's error (Refused), in place; it
// returns slots.
func (u Usage) Apply(svc Service, cal calendar.Calendar, slots []Slot) []Slot {
	for i := range slots {
		slots[i] = u.apply(svc, cal, slots[i])
	}
	return slots
}

// apply is Apply of one slot.
func (u Usage) apply(svc Service, cal calendar.Calendar, sl Slot) Slot {
	if s, ok := u.Slots[sl.Start.UnixMilli()]; ok {
		sl.Capacity, sl.Held, sl.Booked = s.Capacity, s.Held, s.Booked
	}
	sl.Refused = u.refusal(svc, cal, sl)
	return sl
}

// refusal is the limit that refuses a booking of sl (with its places
// filled in), nil when a place can be taken. Every limit the booking's
// transaction enforces has its case here; one more limit is one more case.
func (u Usage) refusal(svc Service, cal calendar.Calendar, sl Slot) error {
	if u.LotteryOnly[sl.Start.UnixMilli()] {
		return ErrLotteryOnly
	}
	if sl.Capacity-sl.Held-sl.Booked <= 0 {
		return ErrSlotFull
	}
	if svc.DailyQuota > 0 {
		day := calendar.DateOf(sl.Start, cal.Zone)
		// The quota a day was first booked under stays its quota, as the
		// store's conditional update counts it.
		if d, ok := u.Days[day]; ok && d.Booked >= d.Quota {
			return ErrDayFull.With("Day", day.String())
		}
	}
	return nil
}

// NextFree picks from slots (in time order, as Apply left them) the
// first n a place can be taken in.
func NextFree(slots []Slot, n int) []Slot {
	var out []Slot
	for _, sl := range slots {
		if len(out) == n {
			break
		}
		if sl.Available() > 0 {
			out = append(out, sl)
		}
	}
	return out
}

// Steady is until when the clock alone leaves what Bookable lists for
// [from, to] unchanged, given what it listed at now (bookable): the
// earliest listed slot stops being bookable once it is too soon, and the
// booking window moves on at midnight in the mission's zone. Changes of
// places, services and the calendar are the store's to report.
func Steady(svc Service, cal calendar.Calendar, bookable []Slot, now time.Time) time.Time {
	until := calendar.DateOf(now, cal.Zone).AddDays(1).In(cal.Zone)
	if len(bookable) > 0 {
		if t := bookable[0].Start.Add(-time.Duration(svc.MinNotice) * time.Hour); t.Before(until) {
			until = t
		}
	}
	return until
}
