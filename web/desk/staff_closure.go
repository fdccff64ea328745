package desk

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/web/ui"
)

// closuresPage lists the days a mission is closed beyond its holidays,
// with forms to close another day or reopen one.
type closuresPage struct {
	Mission  mission.Mission
	Closures []store.Closure
	Day      string // refilled after an error
	Reason   string
	Saved    string
	Errors   ui.FormErrors // every problem of the form sent
	// Cancelled is how many appointments the last closure cancelled.
	Cancelled int
	// CancelBookings refills the form's choice after an error.
	CancelBookings bool
}

func (s *Server) closureList(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.URL.Query().Get("cancelled"))
	s.renderClosures(w, r, http.StatusOK, closuresPage{Saved: r.URL.Query().Get("saved"), Cancelled: max(n, 0)})
}

func (s *Server) renderClosures(w http.ResponseWriter, r *http.Request, status int, p closuresPage) {
	m, err := s.DB.Mission(r.Context(), r.PathValue("id"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	cs, err := s.DB.Closures(r.Context(), m.ID)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p.Mission, p.Closures = m, cs
	s.RenderStatus(w, r, status, "staff_closures", p)
}

// closureFields map the fields a closure's rules name to the inputs of the
// form that closes a day; a reopening's problems are the page's.
var closureFields = ui.FormFields{"day": "closure-day", "reason": "closure-reason"}

func (s *Server) closureFormError(w http.ResponseWriter, r *http.Request, err error) {
	errs, status, ok := s.FormErrorsOf(ui.VisitOf(r).Lang, err, closureFields)
	if !ok {
		s.Fail(w, r, err)
		return
	}
	s.renderClosures(w, r, status, closuresPage{Day: r.PostFormValue("day"), Reason: r.PostFormValue("reason"),
		CancelBookings: r.PostFormValue("cancel_bookings") == "yes", Errors: errs})
}

func (s *Server) closureCreate(w http.ResponseWriter, r *http.Request) {
	c := store.Closure{MissionID: r.PathValue("id"), Day: r.PostFormValue("day"), Reason: r.PostFormValue("reason")}
	n, err := s.Appts.CloseDay(r.Context(), actor(r), c, r.PostFormValue("cancel_bookings") == "yes")
	if err != nil {
		if chancery.ErrorCode(err) == chancery.ENOTFOUND {
			s.Fail(w, r, err)
			return
		}
		s.closureFormError(w, r, err)
		return
	}
	staffRedirect(w, r, "/staff/missions/"+url.PathEscape(c.MissionID)+"/closures",
		url.Values{"saved": {"closure"}, "cancelled": {strconv.Itoa(n)}})
}

func (s *Server) closureDelete(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if err := confirmed(r); err != nil {
		s.closureFormError(w, r, err)
		return
	}
	if err := s.DB.DeleteClosure(r.Context(), actor(r), id, strings.TrimSpace(r.PostFormValue("day"))); err != nil {
		s.closureFormError(w, r, err)
		return
	}
	staffRedirect(w, r, "/staff/missions/"+url.PathEscape(id)+"/closures", url.Values{"saved": {"deleted"}})
}
