package appointments

import (
	"context"
	"sync"
	"time"

	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/store"
)

// Listing is the availability of a service over some days: the slots a
// person may book now, each with its places and, when a limit refuses it,
// that limit (booking.Usage.Apply). A Listing is shared by every caller
// that asks for the same days while nothing it depends on changes, and
// must not be modified.
type Listing struct {
	Slots []booking.Slot

	revs      store.Revisions // the store's revisions it was read at
	at, until time.Time       // when it was read, and when the clock alone changes it (booking.Steady)

	once     sync.Once
	rendered any
}

// Rendered is render(l.Slots), computed once per Listing: callers that
// answer with the same rendering (the API's JSON, with its compressed
// form) share it while the listing lasts. A Listing has one rendering:
// every caller must pass a render of the same type.
func Rendered[T any](l *Listing, render func([]booking.Slot) T) T {
	l.once.Do(func() { l.rendered = render(l.Slots) })
	return l.rendered.(T)
}

// listingKey names a listing: a service's days.
type listingKey struct {
	service  string
	from, to calendar.Date
}

// The listings kept are bounded in number and in slots (each slot kept
// costs about 250 bytes with its share of the rendered answer): the days
// of a listing are chosen by clients, so without a bound they could fill
// memory. 50,000 slots are about 12 MB.
const (
	maxListings    = 512
	maxListedSlots = 50_000
)

// listings keeps the listings last read, each valid while the store's
// revisions are those it was read at and the clock has not passed its
// until. The revisions are read from the database for every request, so
// a change made through any instance is seen at once by all: nothing
// here is state another instance needs.
type listings struct {
	mu    sync.Mutex
	m     map[listingKey]*Listing
	slots int // the slots of the listings in m
}

func (c *listings) get(k listingKey, revs store.Revisions, now time.Time) *Listing {
	c.mu.Lock()
	defer c.mu.Unlock()
	l := c.m[k]
	if l == nil || l.revs != revs || now.Before(l.at) || !now.Before(l.until) {
		return nil
	}
	return l
}

func (c *listings) put(k listingKey, l *Listing) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[listingKey]*Listing{}
	}
	if old := c.m[k]; old != nil {
		c.slots -= len(old.Slots)
		delete(c.m, k)
	}
	for victim, v := range c.m {
		if len(c.m) < maxListings && c.slots+len(l.Slots) <= maxListedSlots {
			break
		}
		c.slots -= len(v.Slots)
		delete(c.m, victim) // any one: the map's order is random enough
	}
	if len(l.Slots) <= maxListedSlots {
		c.m[k] = l
		c.slots += len(l.Slots)
	}
}

// Availability lists the slots of a service from day from to day to that
// a person may book now, with their places and the limit, if any, that
// refuses each (a full slot, a day whose quota is used up): the rule
// booking.Usage.Apply states, which the check before a booking applies
// too. It costs one small read of the store's revisions when nothing has
// changed since the same days were last listed.
func (a *Appointments) Availability(ctx context.Context, svc booking.Service, cal calendar.Calendar, from, to calendar.Date) (*Listing, error) {
	// The revisions are read before anything else, so a listing is at
	// least as new as the revisions that key it.
	revs, err := a.db.Revisions(ctx)
	if err != nil {
		return nil, err
	}
	return a.availabilityAt(ctx, revs, svc.MissionID, svc.ID, from, to)
}

// ServiceAvailability is Availability of a mission's service (see
// MissionService) over the days that days chooses for it: the API's
// listing, whose default days depend on the service, in one read of the
// revisions when nothing has changed.
func (a *Appointments) ServiceAvailability(ctx context.Context, missionID, serviceID string,
	days func(booking.Service, calendar.Calendar) (from, to calendar.Date, err error)) (*Listing, booking.Service, calendar.Calendar, error) {
	revs, err := a.db.Revisions(ctx)
	if err != nil {
		return nil, booking.Service{}, calendar.Calendar{}, err
	}
	svc, cal, err := a.missionServiceAt(ctx, revs.Data, missionID, serviceID)
	if err != nil {
		return nil, svc, cal, err
	}
	from, to, err := days(svc, cal)
	if err != nil {
		return nil, svc, cal, err
	}
	l, err := a.availabilityAt(ctx, revs, missionID, serviceID, from, to)
	return l, svc, cal, err
}

// availabilityAt is Availability at the revisions revs, read before this
// call.
func (a *Appointments) availabilityAt(ctx context.Context, revs store.Revisions, missionID, serviceID string, from, to calendar.Date) (*Listing, error) {
	now := a.db.Now()
	k := listingKey{service: serviceID, from: from, to: to}
	if l := a.listings.get(k, revs, now); l != nil {
		return l, nil
	}
	svc, cal, err := a.missionServiceAt(ctx, revs.Data, missionID, serviceID)
	if err != nil {
		return nil, err
	}
	slots := booking.Bookable(svc, cal, from, to, now)
	l := &Listing{Slots: slots, revs: revs, at: now, until: booking.Steady(svc, cal, slots, now)}
	if len(slots) > 0 {
		u, err := a.db.Usage(ctx, svc, cal, from, to)
		if err != nil {
			return nil, err
		}
		u.Apply(svc, cal, slots)
	}
	a.listings.put(k, l)
	return l, nil
}

// nextFreeFirst is how many days the next free slots are first looked
// for in; the rest of the booking window is read at once when they hold
// too few.
const nextFreeFirst = 7

// NextFree lists up to n of the first slots of a service a place can be
// taken in now, for an answer that offers other times. It reads the first
// week of the booking window and, only if that has too few, the rest in
// one more read: a refusal costs at most two listings however full the
// window is, and none beyond the revisions when they are unchanged.
func (a *Appointments) NextFree(ctx context.Context, svc booking.Service, cal calendar.Calendar, n int) ([]booking.Slot, error) {
	first, last := booking.Window(svc, cal, a.db.Now())
	var out []booking.Slot
	for from, to := first, earlier(first.AddDays(nextFreeFirst-1), last); len(out) < n && !last.Before(from); from, to = to.AddDays(1), last {
		l, err := a.Availability(ctx, svc, cal, from, to)
		if err != nil {
			return nil, err
		}
		out = append(out, booking.NextFree(l.Slots, n-len(out))...)
	}
	return out, nil
}

// earlier is the earlier of two days.
func earlier(a, b calendar.Date) calendar.Date {
	if b.Before(a) {
		return b
	}
	return a
}

// Place is slot sl of a service (one that booking.Offered gave) with its
// places and the limit that refuses it, if any, from its day's listing.
func (a *Appointments) Place(ctx context.Context, svc booking.Service, cal calendar.Calendar, sl booking.Slot) (booking.Slot, error) {
	day := calendar.DateOf(sl.Start, cal.Zone)
	l, err := a.Availability(ctx, svc, cal, day, day)
	if err != nil {
		return sl, err
	}
	for _, s := range l.Slots {
		if s.Start.Equal(sl.Start) {
			return s, nil
		}
	}
	return sl, nil // not listed: Offered and the booking's transaction decide
}
