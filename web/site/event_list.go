package site

import (
	"net/http"
	"slices"
	"time"

	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/events"
	"github.com/chancery-platform/chancery/web/ui"
)

// eventListItem is one coming event that takes registration.
type eventListItem struct {
	Record cooperation.Event
	Event  events.Event
	Zone   *time.Location
	State  string // events.Event.State now
}

// eventListPage lists the events people may still register for or join
// the waiting list of, and those whose registration is to open or is
// closed but that have not yet taken place, soonest first.
type eventListPage struct {
	Items []eventListItem
}

// eventList is the public list of coming events with registration.
func (s *Server) eventList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	recs, err := ui.CoopRecords[cooperation.Event](ctx, s.DB, cooperation.KindEvent)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	regs, err := s.DB.EventRegistrations(ctx)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	byID := make(map[string]cooperation.Event, len(recs))
	for _, rec := range recs {
		byID[rec.ID] = rec
	}
	now := s.DB.Now()
	var p eventListPage
	for _, e := range regs { // by start
		rec, ok := byID[e.ID]
		if !ok || !now.Before(e.End) {
			continue
		}
		p.Items = append(p.Items, eventListItem{Record: rec, Event: e, Zone: s.ZoneOf(ctx, e.MissionID), State: e.State(now)})
	}
	// Those one may register for now come first, in order of start.
	slices.SortStableFunc(p.Items, func(a, b eventListItem) int {
		return boolOrder(a.State == "open" || a.State == "waitlist", b.State == "open" || b.State == "waitlist")
	})
	ui.NoStore(w) // places change by the minute
	s.Render(w, r, "events", p)
}

// boolOrder orders true before false.
func boolOrder(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return -1
	}
	return 1
}
