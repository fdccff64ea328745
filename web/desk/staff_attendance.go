package desk

import (
	"net/http"
	"net/url"
	"time"

	"github.com/chancery-platform/chancery/events"
	"github.com/chancery-platform/chancery/registrations"
)

// attendanceGroup is the registrations of one status, in order of arrival.
type attendanceGroup struct {
	Status        events.Status
	Registrations []events.Registration
}

// attendancePage is an event's registration and check-in list, printable.
type attendancePage struct {
	registrations.Registrable
	Groups []attendanceGroup
	Now    time.Time
	Saved  string
	// Marked is the registration just checked in, mailed or undone, for
	// the message that names it.
	Marked *events.Registration
}

// attendanceOrder is the order of the list's groups: who is expected
// first, then who came, who waits and who cancelled.
var attendanceOrder = []events.Status{events.Registered, events.CheckedIn, events.Waitlisted, events.Cancelled}

func (s *Server) attendanceList(w http.ResponseWriter, r *http.Request) {
	ev, err := s.Regs.Registrable(r.Context(), r.PathValue("id"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	regs, err := s.DB.Registrations(r.Context(), ev.Event.ID)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := attendancePage{Registrable: ev, Now: s.DB.Now(), Saved: r.URL.Query().Get("saved")}
	for i := range regs {
		if regs[i].Reference == r.URL.Query().Get("ref") {
			p.Marked = &regs[i]
		}
	}
	for _, st := range attendanceOrder {
		g := attendanceGroup{Status: st}
		for _, reg := range regs {
			if reg.Status == st {
				g.Registrations = append(g.Registrations, reg)
			}
		}
		p.Groups = append(p.Groups, g)
	}
	s.Render(w, r, "staff_registrations", p)
}

// registrationCheckIn checks a registered person in, and goes back to the list.
func (s *Server) registrationCheckIn(w http.ResponseWriter, r *http.Request) {
	reg, err := s.DB.CheckIn(r.Context(), actor(r), r.PathValue("reference"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	backToRegistrations(w, r, reg, "checked_in")
}

// backToRegistrations answers a change to registration reg with its
// event's list, saying what was saved.
func backToRegistrations(w http.ResponseWriter, r *http.Request, reg events.Registration, saved string) {
	staffRedirect(w, r, "/staff/events/"+url.PathEscape(reg.EventID)+"/registrations",
		url.Values{"saved": {saved}, "ref": {reg.Reference}})
}
