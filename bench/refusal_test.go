package bench

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
)

// BenchmarkRefusal measures a booking refused with 409 and its
// next_free_slots, through the API: "slot" when only the requested slot
// is full (the next free slots are on its day), "window" when every slot
// of the booking window is (there are none to offer). "unchanged" is a
// release's usual case, nothing booked since the last refusal; "changed"
// has a place taken elsewhere before each request (outside the timer), so
// the listings are read afresh. Each request comes from an address and a
// person of its own, so no rate limit answers in place of the refusal.
func BenchmarkRefusal(b *testing.B) {
	app := eventServer(b)
	for _, full := range []string{"slot", "window"} {
		svc, start := refusalService(b, full)
		for _, changed := range []bool{false, true} {
			name := full + "/unchanged"
			if changed {
				name = full + "/changed"
			}
			b.Run(name, func(b *testing.B) {
				refuse := func() {
					n := eventFixture.people.Add(1)
					body := fmt.Appendf(nil, `{"service":%q,"start":%q,"name":"Loser %d","email":"loser%d@example.com","phone":"+86 138 0000 0000"}`,
						svc, start, n, n)
					status, err := post(app+"/api/v1/bookings", body, n)
					if err != nil || status != http.StatusConflict {
						b.Fatalf("refusal: %d %v", status, err)
					}
				}
				refuse() // outside the timer: the first reads the listings
				b.ReportAllocs()
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					if changed {
						b.StopTimer()
						touchAvailability(b)
						b.StartTimer()
					}
					refuse()
				}
			})
		}
	}
}

// refusalService makes a service of its own for one case of
// BenchmarkRefusal, fills its first slot ("slot") or its whole booking
// window ("window") with held places, and returns its ID and the first
// slot's start.
func refusalService(b *testing.B, full string) (string, string) {
	b.Helper()
	ctx := context.Background()
	db, who := eventFixture.db, store.Actor{Name: "bench"}
	svc := booking.Service{ID: fmt.Sprintf("bench-full-%s-%d", full, eventFixture.events.Add(1)), MissionID: "by-cg-chongqing",
		Name: mission.Text{"en": "Refusals"}, Duration: 30, Capacity: 2, WindowDays: 30, Mode: booking.FirstCome, Active: true}
	if _, err := db.SaveService(ctx, who, svc); err != nil {
		b.Fatal(err)
	}
	cal, err := db.MissionCalendar(ctx, svc.MissionID)
	if err != nil {
		b.Fatal(err)
	}
	first, last := booking.Window(svc, cal, db.Now())
	slots := booking.Bookable(svc, cal, first, last, db.Now())
	if len(slots) < 2 {
		b.Fatal("no slots in the window")
	}
	if full == "slot" {
		if _, err := db.HoldPlaces(ctx, who, svc, slots[0], svc.Capacity); err != nil {
			b.Fatal(err)
		}
	} else {
		for d := first; !last.Before(d); d = d.AddDays(1) {
			if day := booking.Slots(svc, cal, d); len(day) > 0 {
				if _, err := db.HoldDay(ctx, who, svc, d.String(), day, svc.Capacity); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	return svc.ID, slots[0].Start.In(cal.Zone).Format("2006-01-02T15:04:05Z07:00")
}

// touchAvailability changes the places of a slot of another service, as
// a booking elsewhere would, so that every listing is read afresh.
func touchAvailability(b *testing.B) {
	ctx := context.Background()
	db := eventFixture.db
	svc, err := db.Service(ctx, "cq-visa")
	if err != nil {
		b.Fatal(err)
	}
	cal, err := db.MissionCalendar(ctx, svc.MissionID)
	if err != nil {
		b.Fatal(err)
	}
	first, last := booking.Window(svc, cal, db.Now())
	slots := booking.Bookable(svc, cal, first.AddDays(2), last, db.Now())
	held := int(eventFixture.people.Load() % 2)
	if _, err := db.HoldPlaces(ctx, store.Actor{Name: "bench"}, svc, slots[len(slots)-1], held); err != nil {
		b.Fatal(err)
	}
}
