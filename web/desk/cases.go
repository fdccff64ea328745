package desk

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/applications"
	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/mrz"
	"github.com/chancery-platform/chancery/seal"
	"github.com/chancery-platform/chancery/staff"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/web/ui"
)

// The desk's cases (issue 14 §5): a mission's workqueues, a case's page
// (each opening audited) and the steps on it, each a form. The workflows
// are applications.Applications'; a refused step shows the case again
// with the reason.

// caseRoutes adds the routes of the desk's cases.
func (s *Server) caseRoutes() {
	s.Handle("/staff/missions/{id}/cases", ui.Methods{"GET": s.StaffOnly(staff.ReadCases, s.caseQueue)})
	s.Handle("/staff/applications/{reference}", ui.Methods{"GET": s.StaffOnly(staff.ReadCases, s.caseShow)})
	s.Handle("/staff/applications/{reference}/counter", ui.Methods{"POST": s.StaffOnly(staff.ReadCases, s.caseCounter)})
	for _, st := range caseSteps {
		s.Handle("/staff/applications/{reference}/"+st.path, ui.Methods{"POST": s.StaffOnly(st.need, s.caseStep(st))})
	}
}

// caseQueuePage is a page of one of a mission's workqueues.
type caseQueuePage struct {
	Mission mission.Mission
	applications.Queue
	Queues []string
	Next   string // the next page's address, "" on the last
	Types  map[string]mission.Text
}

// TypeName names a case type as its latest version does, or by its id.
func (p caseQueuePage) TypeName(id string) mission.Text {
	if n, ok := p.Types[id]; ok {
		return n
	}
	return mission.Text{"en": id}
}

// Count is a queue's count as shown: "1000+" where counting stopped.
func (p caseQueuePage) Count(queue string) string {
	n := p.Counts[queue]
	if n >= store.MaxQueueCount {
		return strconv.Itoa(store.MaxQueueCount) + "+"
	}
	return strconv.Itoa(n)
}

func (s *Server) caseQueue(w http.ResponseWriter, r *http.Request) {
	u := ui.VisitOf(r).Session.User
	m, err := s.DB.Mission(r.Context(), r.PathValue("id"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	name := r.URL.Query().Get("queue")
	if name == "" {
		name = store.QueueNew
		if staff.Can(u.Role, staff.DecideCases) {
			name = store.QueueReady
		}
	}
	var after applications.Cursor
	if due, id, ok := strings.Cut(r.URL.Query().Get("after"), "."); ok {
		after.Due = due
		after.ID, _ = strconv.ParseInt(id, 10, 64)
	}
	q, err := s.Apps.Cases(r.Context(), u, m.ID, name, after, 50)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	types, err := s.DB.CaseTypes(r.Context(), m.ID)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := caseQueuePage{Mission: m, Queue: q, Queues: store.Queues, Types: map[string]mission.Text{}}
	for _, t := range types {
		p.Types[t.ID] = t.Name
	}
	if q.More && len(q.Rows) > 0 {
		last := q.Rows[len(q.Rows)-1]
		p.Next = "/staff/missions/" + url.PathEscape(m.ID) + "/cases?queue=" + url.QueryEscape(name) + "&after=" + url.QueryEscape(last.Due.String()+"."+strconv.FormatInt(last.ID, 10))
	}
	s.Render(w, r, "staff_cases", p)
}

// casePage is a case as the desk shows it, with the steps this staff
// member may take on it now.
type casePage struct {
	applications.View
	Mission mission.Mission
	User    staff.User
	Today   calendar.Date
	Done    string // the step just taken
	Errors  ui.FormErrors
	Posted  ui.Posted
	// Counter is the passport zone read at the counter, compared with the
	// answers (nil before one is read).
	Counter     *counterCheck
	CounterZone string // the zone as typed, shown again
	// Document is the decided case's document that stands (nil before a
	// decision and once revoked): the page leads to its record, where a
	// consul revokes it, and to its PDF.
	Document *seal.Document
}

// counterCheck is what a zone read at the counter says against the
// answers: each difference for the officer to judge.
type counterCheck struct {
	Document   mrz.Document
	Mismatches []casework.Mismatch
}

// Mine reports whether the reader works the case.
func (p casePage) Mine() bool { return p.Application.AssigneeID == p.User.ID }

// Can reports whether the reader's role allows an action ("work", "decide").
func (p casePage) Can(action string) bool {
	return staff.Can(p.User.Role, map[string]staff.Action{"work": staff.WorkCases, "decide": staff.DecideCases}[action])
}

// FilesFor are the files uploaded for a checklist item.
func (p casePage) FilesFor(item string) []casework.Document {
	return p.Application.DocumentsFor(item)
}

// CanDownload reports whether the reader may download the case's files.
func (p casePage) CanDownload() bool { return staff.Can(p.User.Role, staff.CaseFiles) }

// ReasonText is a refusal reason's text.
func (p casePage) ReasonText(id string) mission.Text {
	r, _ := p.Type.Reason(id)
	return r.Text
}

func (s *Server) caseShow(w http.ResponseWriter, r *http.Request) {
	s.renderCase(w, r, http.StatusOK, nil)
}

// caseCounter compares the passport zone a document reader typed at the
// counter with the case's answers (applications.IdentityCheck: names
// through the passport transliterations) and shows the case with the
// differences; it changes nothing.
func (s *Server) caseCounter(w http.ResponseWriter, r *http.Request) {
	s.renderCaseWith(w, r, func(p *casePage) error {
		p.CounterZone = r.PostFormValue("mrz")
		d, mismatches, err := applications.IdentityCheck(p.Type, p.Application, p.CounterZone, s.DB.Now())
		if err != nil {
			return err
		}
		p.Counter = &counterCheck{Document: d, Mismatches: mismatches}
		return nil
	})
}

func (s *Server) renderCase(w http.ResponseWriter, r *http.Request, status int, errs ui.FormErrors) {
	s.renderCaseAs(w, r, status, errs, nil)
}

// renderCaseWith shows the case with what fill adds; a fault fill reports
// is shown on the page, at the field it names.
func (s *Server) renderCaseWith(w http.ResponseWriter, r *http.Request, fill func(*casePage) error) {
	s.renderCaseAs(w, r, http.StatusOK, nil, fill)
}

func (s *Server) renderCaseAs(w http.ResponseWriter, r *http.Request, status int, errs ui.FormErrors, fill func(*casePage) error) {
	u := ui.VisitOf(r).Session.User
	v, err := s.Apps.Case(r.Context(), u, r.PathValue("reference"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	m, err := s.DB.Mission(r.Context(), v.Application.Mission)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := casePage{View: v, Mission: m, User: u, Today: calendar.DateOf(s.DB.Now(), mission.Zone(m.TimeZone)),
		Done: r.URL.Query().Get("done"), Errors: errs}
	if v.Application.Result != "" {
		d, err := s.Docs.Of(r.Context(), v.Application.Reference)
		switch {
		case err == nil:
			p.Document = &d
		case !errors.Is(err, seal.ErrNoDocument):
			s.Fail(w, r, err)
			return
		}
	}
	if fill != nil {
		if err := fill(&p); err != nil {
			var ok bool
			if errs, status, ok = s.FormErrorsOf(ui.VisitOf(r).Lang, err, counterFields); !ok {
				s.Fail(w, r, err)
				return
			}
			p.Errors = errs
		}
	}
	if p.Errors != nil {
		p.Posted = ui.Posted(r.PostForm)
	}
	s.RenderStatus(w, r, status, "staff_case", p)
}

// counterFields map the zone's faults to the counter form's field.
var counterFields = ui.FormFields{"mrz": "counter-mrz"}

// caseStepRoute is one step on a case: its path, the permission it needs
// and the workflow it runs with the form's fields.
type caseStepRoute struct {
	path   string
	need   staff.Action
	fields ui.FormFields
	run    func(s *Server, r *http.Request, u staff.User, ref string) (done string, err error)
}

var caseSteps = []caseStepRoute{
	{path: "take", need: staff.WorkCases, run: func(s *Server, r *http.Request, u staff.User, ref string) (string, error) {
		return "take", s.Apps.Take(r.Context(), u, ref)
	}},
	{path: "takeover", need: staff.DecideCases, run: func(s *Server, r *http.Request, u staff.User, ref string) (string, error) {
		return "takeover", s.Apps.TakeOver(r.Context(), u, ref)
	}},
	{path: "release", need: staff.WorkCases, run: func(s *Server, r *http.Request, u staff.User, ref string) (string, error) {
		return "release", s.Apps.Release(r.Context(), u, ref)
	}},
	{path: "check", need: staff.WorkCases, run: func(s *Server, r *http.Request, u staff.User, ref string) (string, error) {
		return "check", s.Apps.StartCheck(r.Context(), u, ref)
	}},
	{path: "request", need: staff.WorkCases, fields: ui.Fields("message", "deadline"), run: func(s *Server, r *http.Request, u staff.User, ref string) (string, error) {
		by, _ := calendar.ParseDate(strings.TrimSpace(r.PostFormValue("deadline")))
		return "request", s.Apps.RequestMore(r.Context(), u, ref, r.PostFormValue("message"), by)
	}},
	{path: "files/{id}/review", need: staff.WorkCases, run: func(s *Server, r *http.Request, u staff.User, ref string) (string, error) {
		id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
		if err != nil {
			return "", store.ErrDocumentNotFound
		}
		return "review", s.Apps.ReviewFile(r.Context(), u, ref, id, r.PostFormValue("status"), r.PostFormValue("reason"))
	}},
	{path: "complete", need: staff.WorkCases, run: func(s *Server, r *http.Request, u staff.User, ref string) (string, error) {
		return "complete", s.Apps.Complete(r.Context(), u, ref)
	}},
	{path: "fee", need: staff.WorkCases, fields: ui.Fields("receipt"), run: func(s *Server, r *http.Request, u staff.User, ref string) (string, error) {
		return "fee", s.Apps.RecordFee(r.Context(), u, ref, r.PostFormValue("receipt"))
	}},
	{path: "issue", need: staff.DecideCases, run: func(s *Server, r *http.Request, u staff.User, ref string) (string, error) {
		return "issue", s.Apps.Issue(r.Context(), u, ref)
	}},
	{path: "refuse", need: staff.DecideCases, fields: ui.Fields("reasons", "confirm"), run: func(s *Server, r *http.Request, u staff.User, ref string) (string, error) {
		if r.PostFormValue("confirm") != "yes" {
			return "", chancery.Errorf(chancery.EINVALID, "error.case_refusal_confirm", "Field", "confirm")
		}
		proposed, err := s.Apps.Refuse(r.Context(), u, ref, r.PostForm["reasons"])
		if proposed {
			return "propose", err
		}
		return "refuse", err
	}},
}

// caseStep runs a step and returns to the case, or shows the case again
// with what stood in the way.
func (s *Server) caseStep(st caseStepRoute) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ref := r.PathValue("reference")
		done, err := st.run(s, r, ui.VisitOf(r).Session.User, ref)
		if err != nil {
			errs, status, ok := s.FormErrorsOf(ui.VisitOf(r).Lang, err, st.fields)
			if !ok || status == http.StatusNotFound || status == http.StatusForbidden {
				s.Fail(w, r, err)
				return
			}
			s.renderCase(w, r, status, errs)
			return
		}
		http.Redirect(w, r, "/staff/applications/"+url.PathEscape(ref)+"?done="+done, http.StatusSeeOther)
	}
}
