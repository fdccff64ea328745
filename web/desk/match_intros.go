package desk

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/matchmaking"
	"github.com/chancery-platform/chancery/web/ui"
)

// matchIntrosPage lists the introductions staff recorded, with the form to
// record another (refilled after an error, or from a suggestion's link).
type matchIntrosPage struct {
	Intros   []matchmaking.Introduction
	Profiles []matchmaking.Profile
	Entities map[string]cooperation.Entity
	Outcomes []matchmaking.Outcome
	A, B     string
	Date     string
	Note     string
	Saved    bool
	Errors   ui.FormErrors // every problem of the form sent
}

// introFields map the fields an introduction's rules name to the inputs of
// the form recording one; an outcome's problems are the page's.
var introFields = ui.FormFields{"pair": "intro-b", "date": "intro-date", "note": "intro-note"}

func (s *Server) matchIntroList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	s.renderIntros(w, r, http.StatusOK, matchIntrosPage{A: q.Get("a"), B: q.Get("b"), Date: s.Today(ui.MissionZone), Saved: q.Get("saved") != ""})
}

func (s *Server) renderIntros(w http.ResponseWriter, r *http.Request, status int, p matchIntrosPage) {
	ctx := r.Context()
	var err error
	if p.Intros, err = s.DB.Introductions(ctx); err == nil {
		if p.Profiles, err = s.DB.MatchProfiles(ctx); err == nil {
			p.Entities, err = s.DB.CoopEntities(ctx, ui.ProfileIDs(p.Profiles))
		}
	}
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p.Outcomes = matchmaking.Outcomes
	s.RenderStatus(w, r, status, "staff_match_intros", p)
}

// introFormError shows the introductions page again with the error in the
// reader's language and the form as it was sent.
func (s *Server) introFormError(w http.ResponseWriter, r *http.Request, err error) {
	_, recording := r.PostForm["date"] // else an outcome's form: the new introduction's stays as it was
	fields := ui.FormFields{}
	if recording {
		fields = introFields
	}
	errs, status, ok := s.matchErrorsOf(ui.VisitOf(r).Lang, err, fields)
	if !ok {
		s.Fail(w, r, err)
		return
	}
	p := matchIntrosPage{A: r.PostFormValue("a"), B: r.PostFormValue("b"), Date: r.PostFormValue("date"),
		Note: r.PostFormValue("note"), Errors: errs}
	if !recording {
		p.Date = s.Today(ui.MissionZone)
	}
	s.renderIntros(w, r, status, p)
}

func (s *Server) matchIntroCreate(w http.ResponseWriter, r *http.Request) {
	a, b := strings.TrimSpace(r.PostFormValue("a")), strings.TrimSpace(r.PostFormValue("b"))
	in := matchmaking.Introduction{Pair: matchmaking.PairOf(a, b), Date: strings.TrimSpace(r.PostFormValue("date")),
		Note: strings.TrimSpace(r.PostFormValue("note")), Outcome: matchmaking.Pending}
	if _, _, err := s.DB.Introduce(r.Context(), actor(r), in); err != nil {
		s.introFormError(w, r, err)
		return
	}
	staffRedirect(w, r, "/staff/match/introductions", url.Values{"saved": {"1"}})
}

func (s *Server) matchIntroOutcome(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	to, from := matchmaking.Outcome(r.PostFormValue("outcome")), matchmaking.Outcome(r.PostFormValue("from"))
	if _, err := s.DB.SetOutcome(r.Context(), actor(r), id, from, to); err != nil {
		if chancery.ErrorCode(err) == chancery.ENOTFOUND {
			s.Fail(w, r, err)
			return
		}
		s.introFormError(w, r, err)
		return
	}
	staffRedirect(w, r, "/staff/match/introductions", url.Values{"saved": {"1"}})
}
