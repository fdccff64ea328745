package desk

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/events"
	"github.com/chancery-platform/chancery/registrations"
)

// attendanceGroup is the registrations of one status, in order of arrival.
type attendanceGroup struct {
	Status        events.Status
	Count         int // on every page
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
	Page   int    // this page of the list, from 1
	Pages  int    // how many pages the list has
	Prev   string // the previous page's address, "" on the first
	Next   string // the next page's address, "" on the last
}

// attendancePageSize is how many registrations a page of the list holds.
const attendancePageSize = 100

// attendanceOrder is the order of the list's groups: who is expected
// first, then who came, who waits and who cancelled.
var attendanceOrder = []events.Status{events.Registered, events.CheckedIn, events.Waitlisted, events.Cancelled}

func (s *Server) attendanceList(w http.ResponseWriter, r *http.Request) {
	ev, err := s.Regs.Registrable(r.Context(), r.PathValue("id"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	page, err := listPage(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	list, err := s.DB.RegistrationsPage(r.Context(), ev.Event.ID, attendancePageSize, (page-1)*attendancePageSize)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	total := 0
	for _, n := range list.Counts {
		total += n
	}
	p := attendancePage{Registrable: ev, Now: s.DB.Now(), Saved: r.URL.Query().Get("saved"), Page: page,
		Pages: max(1, (total+attendancePageSize-1)/attendancePageSize)}
	if page > p.Pages {
		s.Fail(w, r, chancery.Errorf(chancery.EINVALID, "error.bad_page"))
		return
	}
	base := "/staff/events/" + url.PathEscape(ev.Event.ID) + "/registrations"
	if page > 1 {
		p.Prev = base + "?page=" + strconv.Itoa(page-1)
	}
	if page < p.Pages {
		p.Next = base + "?page=" + strconv.Itoa(page+1)
	}
	if ref := r.URL.Query().Get("ref"); ref != "" {
		if reg, err := s.DB.Registration(r.Context(), ref); err == nil && reg.EventID == ev.Event.ID {
			p.Marked = &reg
		}
	}
	for _, st := range attendanceOrder {
		g := attendanceGroup{Status: st, Count: list.Counts[st]}
		for _, reg := range list.Registrations {
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
	q := url.Values{"saved": {saved}, "ref": {reg.Reference}}
	if page, err := listPage(r); err == nil && page > 1 {
		q.Set("page", strconv.Itoa(page))
	}
	staffRedirect(w, r, "/staff/events/"+url.PathEscape(reg.EventID)+"/registrations", q)
}

// listPage is the page of a staff list asked for: the form field or
// query parameter "page", 1 when absent.
func listPage(r *http.Request) (int, error) {
	v := r.FormValue("page")
	if v == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 1_000_000 {
		return 0, chancery.Errorf(chancery.EINVALID, "error.bad_page")
	}
	return n, nil
}
