package events_test

import (
	"testing"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/events"
	"github.com/chancery-platform/chancery/mission"
)

var (
	cst   = time.FixedZone("CST", 8*3600)
	start = time.Date(2030, 5, 20, 14, 0, 0, 0, cst)
)

// forum is a valid event with 3 places and a waiting list.
func forum() events.Event {
	return events.Event{ID: "forum", MissionID: "by-cg-chongqing", Start: start, End: start.Add(3 * time.Hour),
		Venue: mission.Text{"en": "Chongqing Expo Centre"}, Capacity: 3, Waitlist: true,
		Opens: start.AddDate(0, -1, 0), Closes: start.Add(-24 * time.Hour), Open: true}
}

func TestValidate(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(*events.Event)
		field string // "" when valid
	}{
		{"a complete event", func(*events.Event) {}, ""},
		{"no mission", func(e *events.Event) { e.MissionID = "" }, "mission"},
		{"ends before it starts", func(e *events.Event) { e.End = e.Start.Add(-time.Hour) }, "end"},
		{"ends as it starts", func(e *events.Event) { e.End = e.Start }, "end"},
		{"no venue in English", func(e *events.Event) { e.Venue = mission.Text{"zh": "重庆"} }, "venue_en"},
		{"no places", func(e *events.Event) { e.Capacity = 0 }, "capacity"},
		{"too many places", func(e *events.Event) { e.Capacity = events.MaxCapacity + 1 }, "capacity"},
		{"registration closes before it opens", func(e *events.Event) { e.Closes = e.Opens.Add(-time.Minute) }, "closes"},
		{"registration closes after the start", func(e *events.Event) { e.Closes = e.Start.Add(time.Minute) }, "closes"},
		{"registration closes as it starts", func(e *events.Event) { e.Closes = e.Start }, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := forum()
			c.edit(&e)
			err := e.Validate()
			if c.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			_, data := chancery.ErrorKey(err)
			if chancery.ErrorCode(err) != chancery.EINVALID || data["Field"] != c.field {
				t.Fatalf("got %v (field %v), want EINVALID about %s", err, data["Field"], c.field)
			}
		})
	}
}

func TestAccepting(t *testing.T) {
	e := forum()
	cases := []struct {
		name string
		edit func(*events.Event)
		at   time.Time
		key  string // "" when accepting
	}{
		{"open, with places", func(*events.Event) {}, start.Add(-48 * time.Hour), ""},
		{"full, with a waiting list", func(e *events.Event) { e.Registered = 3 }, start.Add(-48 * time.Hour), ""},
		{"full, no waiting list", func(e *events.Event) { e.Registered, e.Waitlist = 3, false }, start.Add(-48 * time.Hour), "error.event_full"},
		{"before it opens", func(*events.Event) {}, e.Opens.Add(-time.Second), "error.registration_not_open"},
		{"the moment it opens", func(*events.Event) {}, e.Opens, ""},
		{"the moment it closes", func(*events.Event) {}, e.Closes, "error.registration_closed"},
		{"closed by staff", func(e *events.Event) { e.Open = false }, start.Add(-48 * time.Hour), "error.registration_closed"},
		{"after the start", func(e *events.Event) { e.Closes = e.Start }, start.Add(time.Minute), "error.registration_closed"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ev := forum()
			c.edit(&ev)
			err := ev.Accepting(c.at)
			key, _ := chancery.ErrorKey(err)
			if c.key == "" && err != nil || c.key != "" && (key != c.key || chancery.ErrorCode(err) != chancery.ECONFLICT) {
				t.Fatalf("got %v, want %q", err, c.key)
			}
		})
	}
}

func TestOutcome(t *testing.T) {
	cases := []struct {
		name                string
		registered, waiting int
		waitlist            bool
		want                events.Status
		full                bool
	}{
		{"a free place", 0, 0, true, events.Registered, false},
		{"the last place", 2, 0, false, events.Registered, false},
		{"full, to the waiting list", 3, 0, true, events.Waitlisted, false},
		{"full, no waiting list", 3, 0, false, "", true},
		{"a place free but people waiting: nobody jumps the queue", 2, 1, true, events.Waitlisted, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := forum()
			e.Registered, e.Waiting, e.Waitlist = c.registered, c.waiting, c.waitlist
			got, err := e.Outcome()
			if c.full {
				if key, _ := chancery.ErrorKey(err); key != "error.event_full" {
					t.Fatalf("got %v, %v; want the event full", got, err)
				}
				return
			}
			if err != nil || got != c.want {
				t.Fatalf("got %v, %v; want %v", got, err, c.want)
			}
		})
	}
}

func TestRegistrationRules(t *testing.T) {
	e := forum()
	before, during, after := start.Add(-time.Hour), start.Add(time.Hour), e.End.Add(time.Minute)
	cases := []struct {
		name       string
		status     events.Status
		at         time.Time
		cancel     bool
		checkInKey string // "" when check-in is allowed
	}{
		{"registered, before the event", events.Registered, before, true, ""},
		{"registered, during the event", events.Registered, during, false, ""},
		{"registered, after the event", events.Registered, after, false, "error.event_over"},
		{"waiting", events.Waitlisted, before, true, "error.registration_not_holding"},
		{"cancelled", events.Cancelled, before, false, "error.registration_not_holding"},
		{"checked in already", events.CheckedIn, during, false, "error.registration_checked_in"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := events.Registration{Status: c.status}
			if got := r.Cancellable(e, c.at); got != c.cancel {
				t.Errorf("cancellable %v, want %v", got, c.cancel)
			}
			key, _ := chancery.ErrorKey(r.CheckInAllowed(e, c.at))
			if err := r.CheckInAllowed(e, c.at); c.checkInKey == "" && err != nil || c.checkInKey != "" && key != c.checkInKey {
				t.Errorf("check-in: %v, want %q", err, c.checkInKey)
			}
		})
	}
}

func TestStatuses(t *testing.T) {
	for _, c := range []struct {
		s             events.Status
		holds, active bool
	}{
		{events.Registered, true, true}, {events.CheckedIn, true, true},
		{events.Waitlisted, false, true}, {events.Cancelled, false, false},
	} {
		if c.s.Holds() != c.holds || c.s.Active() != c.active {
			t.Errorf("%s: holds %v active %v", c.s, c.s.Holds(), c.s.Active())
		}
	}
}

func TestRegistrant(t *testing.T) {
	cases := []struct {
		name  string
		in    events.Registrant
		field string
	}{
		{"a name and an address", events.Registrant{Name: "  Li   Wei ", Email: " li.wei@example.com "}, ""},
		{"Cyrillic name", events.Registrant{Name: "Алеся Пташук", Email: "alesia@example.by"}, ""},
		{"no name", events.Registrant{Email: "li.wei@example.com"}, "name"},
		{"no address", events.Registrant{Name: "Li Wei"}, "email"},
		{"not an address", events.Registrant{Name: "Li Wei", Email: "li.wei"}, "email"},
		{"an address with a display name", events.Registrant{Name: "Li Wei", Email: "Li <li@example.com>"}, "email"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := c.in.Normalized()
			err := r.Validate()
			_, data := chancery.ErrorKey(err)
			if c.field == "" && err != nil || c.field != "" && data["Field"] != c.field {
				t.Fatalf("got %v, want a problem with %q", err, c.field)
			}
			if c.field == "" && (r.Name != "Li Wei" && r.Name != "Алеся Пташук") {
				t.Errorf("normalized name %q", r.Name)
			}
		})
	}
}
