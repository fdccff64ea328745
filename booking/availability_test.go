package booking

import (
	"errors"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/calendar"
)

// TestAbuse19AvailabilityRule: the listing refuses what the booking's
// transaction would refuse (a full slot, a day whose quota is used up,
// under the quota the day was first booked with), and nothing else.
func TestAbuse19AvailabilityRule(t *testing.T) {
	cal := chongqing()
	tue := calendar.Date{Year: 2026, Month: 12, Day: 1}
	now := time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)
	svc := Service{ID: "cq-visa", Duration: 20, Capacity: 2, WindowDays: 30, MinNotice: 24, DailyQuota: 3, Active: true}
	first := Bookable(svc, cal, tue, tue, now)
	if len(first) < 3 {
		t.Fatalf("%d slots on a working Tuesday", len(first))
	}
	at := first[1].Start.UnixMilli()
	for _, c := range []struct {
		name      string
		quota     int // the service's quota now
		slot      Slot
		day       Day
		want      error
		available int
	}{
		{"untouched", 3, Slot{}, Day{}, nil, 2},
		{"one place taken", 3, Slot{Capacity: 2, Booked: 1}, Day{Quota: 3, Booked: 1}, nil, 1},
		{"slot full", 3, Slot{Capacity: 2, Held: 1, Booked: 1}, Day{Quota: 3, Booked: 1}, ErrSlotFull, 0},
		{"day full", 3, Slot{}, Day{Quota: 3, Booked: 3}, ErrDayFull, 0},
		{"day full under the quota it was booked with", 5, Slot{}, Day{Quota: 3, Booked: 3}, ErrDayFull, 0},
		{"quota since removed", 0, Slot{}, Day{Quota: 3, Booked: 3}, nil, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := svc
			s.DailyQuota = c.quota
			u := Usage{Slots: map[int64]Slot{}, Days: map[calendar.Date]Day{}}
			if c.slot.Capacity > 0 {
				u.Slots[at] = c.slot
			}
			if c.day.Quota > 0 {
				u.Days[tue] = c.day
			}
			got := u.Apply(s, cal, Bookable(s, cal, tue, tue, now))[1]
			if !errors.Is(got.Refused, c.want) || (c.want == nil && got.Refused != nil) || got.Available() != c.available {
				t.Errorf("refused %v with %d places; want %v with %d", got.Refused, got.Available(), c.want, c.available)
			}
			if c.want != nil {
				for _, n := range NextFree(u.Apply(s, cal, Bookable(s, cal, tue, tue.AddDays(1), now)), 3) {
					if errors.Is(c.want, ErrDayFull) && calendar.DateOf(n.Start, cal.Zone) == tue {
						t.Errorf("next free offers %s on the full day", n.Start)
					}
				}
			}
		})
	}
}
