package site

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/applications"
	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/uploads"
	"github.com/chancery-platform/chancery/web/ui"
)

// The applicant's pages of a consular case, over the applications
// workflows the API calls too: start (an address, no account), confirm
// the address from the first mail, answer and save, submit, withdraw.

// applyStartPage starts an application of one case type.
type applyStartPage struct {
	Mission mission.Mission
	Type    casework.CaseType
	Email   string
	Lang    string
	CSRF    string
	Sent    string // the address the first mail went to, once started
	Errors  ui.FormErrors
}

// LanguageForm is the form a language switch carries (ui.LanguageForm).
func (p applyStartPage) LanguageForm() string {
	if p.Sent != "" {
		return ""
	}
	return "apply-form"
}

// applyCaseType reads the mission and its case type the path names; a
// retired case type is not found.
func (s *Server) applyCaseType(r *http.Request) (mission.Mission, casework.CaseType, error) {
	m, err := s.DB.Mission(r.Context(), r.PathValue("id"))
	if err != nil {
		return m, casework.CaseType{}, err
	}
	t, err := s.DB.CaseType(r.Context(), m.ID, r.PathValue("type"), 0)
	if err == nil && t.Retired {
		err = chancery.Errorf(chancery.ENOTFOUND, "error.casetype_not_found", "ID", chancery.Echo(t.ID))
	}
	return m, t, err
}

func (s *Server) applyStartShow(w http.ResponseWriter, r *http.Request) {
	m, t, err := s.applyCaseType(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := applyStartPage{Mission: m, Type: t, Lang: ui.VisitOf(r).Lang, CSRF: s.JourneyCSRF(w, r), Sent: r.URL.Query().Get("sent")}
	if typed, ok := s.Typed(r); ok && p.Sent == "" {
		p.Email, p.Lang = typed.Get("email"), typed.Get("msg_lang")
	}
	s.Render(w, r, "application_start", p)
}

// applyStart starts the application and answers with a redirect to the
// page saying where the first mail went (post/redirect/get).
func (s *Server) applyStart(w http.ResponseWriter, r *http.Request) {
	m, t, err := s.applyCaseType(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if !s.JourneyPOSTAllowed(r) {
		s.Fail(w, r, chancery.Errorf(chancery.EFORBIDDEN, "error.csrf"))
		return
	}
	here := "/missions/" + url.PathEscape(m.ID) + "/apply/" + url.PathEscape(t.ID)
	if to := ui.SwitchingTo(r); to != "" {
		s.KeepTyped(w, r, to, here)
		return
	}
	p := applyStartPage{Mission: m, Type: t, Email: strings.TrimSpace(r.PostFormValue("email")), Lang: r.PostFormValue("msg_lang"), CSRF: s.JourneyCSRF(w, r)}
	st, err := s.Apps.Start(r.Context(), applications.Start{Mission: m.ID, CaseType: t.ID, Email: p.Email, Lang: p.Lang, IP: ui.VisitOf(r).IP})
	if err != nil {
		code := chancery.ErrorCode(err)
		if code != chancery.EINVALID && code != chancery.ERATELIMIT {
			s.Fail(w, r, err)
			return
		}
		key, data := chancery.ErrorKey(err)
		field := ""
		if code == chancery.EINVALID {
			field = "email"
		}
		p.Errors = ui.FormErrors{{Field: field, Message: s.Translate(ui.VisitOf(r).Lang, key, data)}}
		s.RenderStatus(w, r, ui.StatusFor(w, err), "application_start", p)
		return
	}
	s.ForgetTyped(w, r)
	http.Redirect(w, r, here+"?sent="+url.QueryEscape(st.Email), http.StatusSeeOther)
}

// applicationPage is an application for its applicant: where it stands,
// the questions its answers make the type ask, with the answers given,
// its checklist and what it lacks.
type applicationPage struct {
	applications.View
	Mission mission.Mission
	Zone    *time.Location
	Token   string
	CSRF    string
	Answers casework.Answers // as typed, when the page shows faults
	Typed   *string          // the machine-readable zone as typed, when the page shows faults
	Saved   bool
	Errors  ui.FormErrors
	File    casework.Document // the file a removal asks about
	limits  uploads.Limits    // the upload limits in force
	scans   bool              // whether files are scanned for viruses
}

// URL is the page's own address, with its token.
func (p applicationPage) URL() string {
	return applications.ManageLink(p.Application.Reference, p.Token)
}

// ActionURL is the address a form of the page posts to.
func (p applicationPage) ActionURL(action string) string {
	return "/applications/" + url.PathEscape(p.Application.Reference) + "/" + action + "?token=" + url.QueryEscape(p.Token)
}

// Answer is the answer to show for a question.
func (p applicationPage) Answer(id string) string {
	if p.Answers != nil {
		return p.Answers[id]
	}
	return p.Application.Answers[id]
}

// MRZText is the machine-readable zone to show in its field.
func (p applicationPage) MRZText() string {
	if p.Typed != nil {
		return *p.Typed
	}
	return p.Application.MRZ
}

// TypedLabel is the label of the choice a difference's answer picked (a
// sex, a nationality), empty when the question offers no choices.
func (p applicationPage) TypedLabel(m casework.Mismatch) mission.Text {
	for _, q := range p.Type.Questions {
		for _, c := range q.Choices {
			if q.ID == m.Question && c.Value == m.Typed {
				return c.Label
			}
		}
	}
	return nil
}

// StatusName is the application's status as its case type names it.
func (p applicationPage) StatusName() mission.Text {
	st, _ := p.Type.Stage(p.Application.Stage)
	return st.Name
}

// StageName names any stage as the case type does.
func (p applicationPage) StageName(stage string) mission.Text {
	st, _ := p.Type.Stage(stage)
	return st.Name
}

// Lacks reports whether a checklist item has no file yet.
func (p applicationPage) Lacks(doc string) bool {
	for _, d := range p.Missing.Documents {
		if d == doc {
			return true
		}
	}
	return false
}

// LanguageForm is the form a language switch carries (ui.LanguageForm).
func (p applicationPage) LanguageForm() string {
	if p.Application.Editable() {
		return "answers-form"
	}
	return ""
}

func (s *Server) applicationPage(w http.ResponseWriter, r *http.Request, v applications.View, token string) (applicationPage, error) {
	m, err := s.DB.Mission(r.Context(), v.Application.Mission)
	if err != nil {
		return applicationPage{}, err
	}
	return applicationPage{View: v, Mission: m, Zone: mission.Zone(m.TimeZone), Token: token, CSRF: s.JourneyCSRF(w, r),
		limits: s.Apps.Limits(), scans: s.Apps.Scans()}, nil
}

func (s *Server) applicationShow(w http.ResponseWriter, r *http.Request) {
	s.showApplication(w, r, http.StatusOK, "application", func(p *applicationPage) {
		p.Saved = r.URL.Query().Get("saved") == "1"
		if typed, ok := s.Typed(r); ok && p.Application.Editable() {
			p.Answers = answersOfForm(typed)
			zone := typed.Get("mrz")
			p.Typed = &zone
		}
	})
}

// showApplication renders one of the application's pages for whoever
// holds its token; fill adds what the page shows beside the application.
func (s *Server) showApplication(w http.ResponseWriter, r *http.Request, status int, page string, fill func(*applicationPage)) {
	token := ui.BookingToken(r)
	v, err := s.Apps.Show(r.Context(), r.PathValue("reference"), token)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p, err := s.applicationPage(w, r, v, token)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if fill != nil {
		fill(&p)
	}
	s.RenderStatus(w, r, status, page, p)
}

// answersOfForm reads the answers a form carries, in fields "q-ID".
func answersOfForm(form url.Values) casework.Answers {
	a := casework.Answers{}
	for k, v := range form {
		if id, ok := strings.CutPrefix(k, "q-"); ok && len(v) > 0 {
			a[id] = v[0]
		}
	}
	return a
}

// applicationAction runs one of the applicant's steps from the page's
// forms and answers with a redirect to the page; faults in the answers,
// or what a submission lacks, show the page again with every one named.
func (s *Server) applicationAction(step func(r *http.Request, reference, token string) (applications.View, error), saved bool) http.HandlerFunc {
	return s.applicationActionOn("application", step, saved)
}

// applicationActionOn is applicationAction showing a refusal on page.
func (s *Server) applicationActionOn(page string, step func(r *http.Request, reference, token string) (applications.View, error), saved bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.JourneyPOSTAllowed(r) {
			s.Fail(w, r, chancery.Errorf(chancery.EFORBIDDEN, "error.csrf"))
			return
		}
		ref, token := r.PathValue("reference"), ui.BookingToken(r)
		if to := ui.SwitchingTo(r); to != "" {
			s.KeepTyped(w, r, to, applications.ManageLink(ref, token))
			return
		}
		_, err := step(r, ref, token)
		if err == nil {
			s.ForgetTyped(w, r)
			to := applications.ManageLink(ref, token)
			if saved {
				to += "&saved=1"
			}
			http.Redirect(w, r, to, http.StatusSeeOther)
			return
		}
		faults := chancery.Errors(err)
		if len(faults) == 0 || (faults[0].Code != chancery.EINVALID && faults[0].Code != chancery.ECONFLICT) {
			s.Fail(w, r, err)
			return
		}
		lang := ui.VisitOf(r).Lang
		s.showApplication(w, r, ui.StatusFor(w, err), page, func(p *applicationPage) {
			if saved {
				p.Answers = answersOfForm(r.PostForm)
				zone := r.PostForm.Get("mrz")
				p.Typed = &zone
			}
			for _, f := range faults {
				field, _ := f.Data["Field"].(string)
				switch {
				case strings.HasPrefix(field, "document:"):
					field = "doc-" + strings.TrimPrefix(field, "document:")
				case field == "mrz", field == "declaration":
				case field != "":
					field = "q-" + field
				}
				p.Errors = append(p.Errors, ui.FormError{Field: field, Message: s.Translate(lang, f.Key, f.Data)})
			}
		})
	}
}

func (s *Server) applicationSave(r *http.Request, ref, token string) (applications.View, error) {
	_ = r.ParseForm()
	return s.Apps.SaveForm(r.Context(), ref, token, answersOfForm(r.PostForm), r.PostForm.Get("mrz"))
}

func (s *Server) applicationSubmit(r *http.Request, ref, token string) (applications.View, error) {
	return s.Apps.Submit(r.Context(), ref, token, r.PostFormValue("declaration") == "yes")
}

// applicationCheckShow is the last page before sending: every answer and
// file with a link to change it, and the declaration.
func (s *Server) applicationCheckShow(w http.ResponseWriter, r *http.Request) {
	s.showApplication(w, r, http.StatusOK, "application_check", nil)
}

func (s *Server) applicationWithdraw(r *http.Request, ref, token string) (applications.View, error) {
	return s.Apps.Withdraw(r.Context(), ref, token)
}

// applicationWithdrawShow asks before withdrawing: it cannot be undone.
func (s *Server) applicationWithdrawShow(w http.ResponseWriter, r *http.Request) {
	s.showApplication(w, r, http.StatusOK, "application_withdraw", nil)
}

// applicationConfirmPage confirms an application's address from the link
// of its first mail: only the form's POST confirms, since mail scanners
// follow links.
type applicationConfirmPage struct {
	Reference, Token, Code, CSRF string
	Error                        string
}

// ActionURL is the page's own address, with the token and the code.
func (p applicationConfirmPage) ActionURL() string {
	return applications.ConfirmLink(p.Reference, p.Token, p.Code)
}

func (s *Server) applicationConfirmShow(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	s.Render(w, r, "application_confirm", applicationConfirmPage{Reference: r.PathValue("reference"), Token: q.Get("token"), Code: q.Get("code"),
		CSRF: s.JourneyCSRF(w, r)})
}

func (s *Server) applicationConfirm(w http.ResponseWriter, r *http.Request) {
	if !s.JourneyPOSTAllowed(r) {
		s.Fail(w, r, chancery.Errorf(chancery.EFORBIDDEN, "error.csrf"))
		return
	}
	q := r.URL.Query()
	ref := r.PathValue("reference")
	if err := s.Apps.Confirm(r.Context(), ref, q.Get("code")); err != nil {
		if chancery.ErrorCode(err) != chancery.ENOTFOUND {
			s.Fail(w, r, err)
			return
		}
		key, data := chancery.ErrorKey(err)
		s.RenderStatus(w, r, http.StatusNotFound, "application_confirm", applicationConfirmPage{Reference: ref, Token: q.Get("token"),
			Code: q.Get("code"), CSRF: s.JourneyCSRF(w, r), Error: s.Translate(ui.VisitOf(r).Lang, key, data)})
		return
	}
	http.Redirect(w, r, applications.ManageLink(ref, q.Get("token"))+"&confirmed=1", http.StatusSeeOther)
}

// applyIndexPage lists the case types a mission takes applications for.
type applyIndexPage struct {
	Mission mission.Mission
	Types   []casework.CaseType
}

func (s *Server) applyIndex(w http.ResponseWriter, r *http.Request) {
	m, all, err := s.DB.MissionCaseTypes(r.Context(), r.PathValue("id"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := applyIndexPage{Mission: m}
	for _, t := range all {
		if !t.Retired {
			p.Types = append(p.Types, t)
		}
	}
	s.Render(w, r, "application_index", p)
}
