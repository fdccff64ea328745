package desk

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/matchmaking"
	"github.com/chancery-platform/chancery/web/ui"
)

// allEntities reads every entity of the record by id, to offer those
// without a profile.
func (s *Server) allEntities(ctx context.Context) (map[string]cooperation.Entity, error) {
	es, err := ui.CoopRecords[cooperation.Entity](ctx, s.DB, cooperation.KindEntity)
	if err != nil {
		return nil, err
	}
	out := make(map[string]cooperation.Entity, len(es))
	for _, e := range es {
		out[e.ID] = e
	}
	return out, nil
}

// matchProfilesPage lists the profiles, and the organisations and places
// of Belarus and China that have none yet.
type matchProfilesPage struct {
	Profiles   []matchmaking.Profile
	Entities   map[string]cooperation.Entity
	Candidates []cooperation.Entity
}

func (s *Server) matchProfileList(w http.ResponseWriter, r *http.Request) {
	if id := r.URL.Query().Get("entity"); id != "" {
		http.Redirect(w, r, "/staff/match/profiles/"+url.PathEscape(id), http.StatusSeeOther)
		return
	}
	ps, err := s.DB.MatchProfiles(r.Context())
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	es, err := s.allEntities(r.Context())
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := matchProfilesPage{Profiles: ps, Entities: es}
	has := map[string]bool{}
	for _, pr := range ps {
		has[pr.EntityID] = true
	}
	for _, e := range es {
		if !has[e.ID] && profileable(e) {
			p.Candidates = append(p.Candidates, e)
		}
	}
	lang := ui.VisitOf(r).Lang
	sort.Slice(p.Candidates, func(i, j int) bool { return p.Candidates[i].Name.In(lang) < p.Candidates[j].Name.In(lang) })
	s.Render(w, r, "staff_match", p)
}

// matchProfilePage is one organisation's profile with the form to edit it.
type matchProfilePage struct {
	Entity   cooperation.Entity
	Profile  matchmaking.Profile
	Exists   bool
	Version  int64 // of the stored profile, which the form sends back
	Sections []matchmaking.SectionInfo
	Saved    bool
	Errors   ui.FormErrors // every problem of the form sent; a stale edit is the form's
}

// profileFields map the fields a profile's rules name to the form's
// inputs: the sections to the first box offered.
var profileFields = func() ui.FormFields {
	out := ui.FormFields{"sections": "offer-I"}
	for _, l := range ui.Languages {
		out["detail_"+l.Code] = "detail-" + l.Code
	}
	return out
}()

func (s *Server) matchProfileShow(w http.ResponseWriter, r *http.Request) {
	s.renderMatchProfile(w, r, http.StatusOK, nil, nil)
}

// renderMatchProfile shows the profile page: the stored profile, or the
// one a failed form gave (refill) with its problems.
func (s *Server) renderMatchProfile(w http.ResponseWriter, r *http.Request, status int, refill *matchmaking.Profile, errs ui.FormErrors) {
	ctx := r.Context()
	p := matchProfilePage{Sections: matchmaking.Sections(), Saved: r.URL.Query().Get("saved") != "", Errors: errs}
	e, err := s.profileEntity(ctx, r.PathValue("entity"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p.Entity = e
	p.Profile, err = s.DB.MatchProfile(ctx, e.ID)
	switch {
	case err == nil:
		p.Exists = true
	case chancery.ErrorCode(err) == chancery.ENOTFOUND:
		p.Profile = matchmaking.Profile{EntityID: e.ID, Country: e.Country}
	default:
		s.Fail(w, r, err)
		return
	}
	if p.Version, err = s.DB.ProfileVersion(ctx, e.ID); err != nil {
		s.Fail(w, r, err)
		return
	}
	if refill != nil {
		p.Profile = *refill
	}
	s.RenderStatus(w, r, status, "staff_match_profile", p)
}

// profileEntity reads the entity a profile page is about, which must be an
// organisation or place of Belarus or China.
func (s *Server) profileEntity(ctx context.Context, id string) (cooperation.Entity, error) {
	var e cooperation.Entity
	rec, err := s.DB.CoopRecord(ctx, cooperation.KindEntity, id)
	if err != nil {
		return e, chancery.Errorf(chancery.ENOTFOUND, "error.match_unknown_entity", "ID", id)
	}
	if err := rec.Decode(&e); err != nil {
		return e, err
	}
	if err := (matchmaking.Profile{EntityID: e.ID, Country: e.Country}).Entity(e); err != nil {
		return e, err
	}
	if !profileable(e) {
		return e, chancery.Errorf(chancery.EINVALID, "error.match_country", "Value", e.Country)
	}
	return e, nil
}

// profileable reports whether an entity may have a profile: an
// organisation or place of Belarus or China.
func profileable(e cooperation.Entity) bool {
	return e.Kind != cooperation.Person && slices.Contains(matchmaking.Countries, e.Country)
}

// sectionsOf reads the sections ticked in a form field.
func sectionsOf(r *http.Request, field string) (matchmaking.Set, error) {
	var set matchmaking.Set
	for _, v := range r.PostForm[field] {
		sec, err := matchmaking.ParseSection(v)
		if err != nil {
			return 0, err
		}
		set = set.With(sec)
	}
	return set, nil
}

func (s *Server) matchProfileSave(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	e, err := s.profileEntity(ctx, r.PathValue("entity"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p := matchmaking.Profile{EntityID: e.ID, Country: e.Country, Detail: formText(r, "detail")}
	if old, err := s.DB.MatchProfile(ctx, e.ID); err == nil {
		p.Citations = old.Citations // the sources behind the profile stay with it
	}
	if p.Offers, err = sectionsOf(r, "offer"); err == nil {
		p.Seeks, err = sectionsOf(r, "seek")
	}
	err = chancery.AtField("sections", err)
	if err == nil {
		seen, perr := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
		if perr != nil || seen < 0 {
			seen = -1 // a request without the form's version is not checked
		}
		_, err = s.DB.EditProfile(ctx, actor(r), p, seen)
	}
	if err != nil {
		errs, status, ok := s.FormErrorsOf(ui.VisitOf(r).Lang, err, profileFields)
		if !ok {
			s.Fail(w, r, err)
			return
		}
		s.renderMatchProfile(w, r, status, &p, errs)
		return
	}
	staffRedirect(w, r, "/staff/match/profiles/"+url.PathEscape(e.ID), url.Values{"saved": {"1"}})
}
