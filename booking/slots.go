package booking

import (
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/calendar"
)

// clock parses "HH:MM" into minutes after midnight.
func clock(s string) (int, bool) {
	if len(s) != 5 || s[2] != ':' {
		return 0, false
	}
	h, m := int(s[0]-'0')*10+int(s[1]-'0'), int(s[3]-'0')*10+int(s[4]-'0')
	for _, c := range []byte{s[0], s[1], s[3], s[4]} {
		if c < '0' || c > '9' {
			return 0, false
		}
	}
	if h > 23 || m > 59 {
		return 0, false
	}
	return h*60 + m, true
}

// Slots lists the slots of a service on one day of the mission's calendar:
// each office-hours interval cut into pieces of the service's duration
// (a piece that would run past closing is not offered). A closed day has
// none. Held and Booked are zero: the store adds what it holds.
func Slots(svc Service, cal calendar.Calendar, d calendar.Date) []Slot {
	if svc.Duration <= 0 {
		return nil
	}
	var out []Slot
	midnight := d.In(cal.Zone)
	for _, iv := range cal.HoursOn(d) {
		from, ok1 := clock(iv.Start)
		to, ok2 := clock(iv.End)
		if !ok1 || !ok2 {
			continue
		}
		for m := from; m+svc.Duration <= to; m += svc.Duration {
			// Wall-clock arithmetic in the mission's zone, so a DST change
			// (none in China) would still give the right local times.
			start := time.Date(midnight.Year(), midnight.Month(), midnight.Day(), m/60, m%60, 0, 0, cal.Zone)
			end := time.Date(midnight.Year(), midnight.Month(), midnight.Day(), (m+svc.Duration)/60, (m+svc.Duration)%60, 0, 0, cal.Zone)
			out = append(out, Slot{ServiceID: svc.ID, Start: start, End: end, Capacity: svc.Capacity})
		}
	}
	return out
}

// Window is the first and last day a person may book on, seen at now.
func Window(svc Service, cal calendar.Calendar, now time.Time) (first, last calendar.Date) {
	today := calendar.DateOf(now, cal.Zone)
	return today, today.AddDays(svc.WindowDays)
}

// Offered finds the slot of a service that starts at start, or says why
// there is none a person may book now: the service is closed to booking,
// the time is past, too soon or too far ahead, the day is closed, or the
// time is not one of the day's slots. Errors are *chancery.Error values
// with code EINVALID (ENOTFOUND for an inactive service).
func Offered(svc Service, cal calendar.Calendar, start, now time.Time) (Slot, error) {
	if !svc.Active {
		return Slot{}, chancery.Errorf(chancery.ENOTFOUND, "error.service_not_found", "ID", svc.ID)
	}
	if !start.After(now) {
		return Slot{}, chancery.Errorf(chancery.EINVALID, "error.slot_past")
	}
	if start.Before(now.Add(time.Duration(svc.MinNotice) * time.Hour)) {
		return Slot{}, chancery.Errorf(chancery.EINVALID, "error.slot_too_soon", "Hours", svc.MinNotice)
	}
	day := calendar.DateOf(start, cal.Zone)
	if _, last := Window(svc, cal, now); last.Before(day) {
		return Slot{}, chancery.Errorf(chancery.EINVALID, "error.slot_too_far", "Days", svc.WindowDays, "Last", last.String())
	}
	if open, why := cal.Open(day); !open {
		e := chancery.Errorf(chancery.EINVALID, "error.slot_day_closed", "Day", day.String())
		if len(why) > 0 {
			e.Data["Reason"] = why[0].Key
			for k, v := range why[0].Data {
				e.Data[k] = v
			}
		}
		return Slot{}, e
	}
	for _, s := range Slots(svc, cal, day) {
		if s.Start.Equal(start) {
			return s, nil
		}
	}
	return Slot{}, chancery.Errorf(chancery.EINVALID, "error.slot_not_offered", "Time", start.In(cal.Zone).Format("2006-01-02 15:04"))
}
