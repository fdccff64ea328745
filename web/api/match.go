package api

import (
	"net/http"
	"strconv"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/matchmaking"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/web/ui"
)

// apiSection is an HS section as the API gives it.
type apiSection struct {
	Section  string       `json:"section"` // Roman numeral
	Number   int          `json:"number"`
	Chapters string       `json:"chapters"` // e.g. "16-24"
	Name     string       `json:"name"`     // in the reader's language
	Names    mission.Text `json:"names"`
}

func (s *Server) apiMatchSections(w http.ResponseWriter, r *http.Request) {
	lang := ui.VisitOf(r).Lang
	out := []apiSection{}
	for _, info := range matchmaking.Sections() {
		chapters := strconv.Itoa(info.First)
		if info.Last != info.First {
			chapters += "-" + strconv.Itoa(info.Last)
		}
		out = append(out, apiSection{Section: info.Roman, Number: int(info.Section), Chapters: chapters,
			Name: info.Name.In(lang), Names: info.Name})
	}
	ui.WriteJSON(w, http.StatusOK, map[string]any{"items": out})
}

// apiProfile is a profile with its entity's name.
type apiProfile struct {
	matchmaking.Profile
	Name mission.Text `json:"name"`
}

// sectionsParam reads a query parameter listing sections ("IV, IX").
func sectionsParam(r *http.Request, name string) (matchmaking.Set, error) {
	set, err := matchmaking.ParseSections(r.URL.Query().Get(name))
	if err != nil {
		key, data := chancery.ErrorKey(err)
		return 0, chancery.Errorf(chancery.EINVALID, key, "Value", data["Value"], "Param", name)
	}
	return set, nil
}

// apiMatchProfiles lists the profiles, optionally of one country and only
// those offering or seeking any of the given sections.
func (s *Server) apiMatchProfiles(w http.ResponseWriter, r *http.Request) {
	country := r.URL.Query().Get("country")
	offers, err := sectionsParam(r, "offers")
	var seeks matchmaking.Set
	if err == nil {
		seeks, err = sectionsParam(r, "seeks")
	}
	if err == nil && country != "" && country != "BY" && country != "CN" {
		err = chancery.Errorf(chancery.EINVALID, "error.match_country", "Value", bounded(country, 10))
	}
	ps, err := s.profilesUnless(r, err)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	var picked []matchmaking.Profile
	for _, p := range ps {
		if (country == "" || p.Country == country) && (offers == 0 || p.Offers&offers != 0) && (seeks == 0 || p.Seeks&seeks != 0) {
			picked = append(picked, p)
		}
	}
	es, err := s.DB.CoopEntities(r.Context(), ui.ProfileIDs(picked))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	out := []apiProfile{}
	for _, p := range picked {
		out = append(out, apiProfile{Profile: p, Name: es[p.EntityID].Name})
	}
	ui.WriteJSON(w, http.StatusOK, map[string]any{"total": len(out), "items": out})
}

// apiReason is one reason of a suggestion, with its explanation in the
// reader's language.
type apiReason struct {
	matchmaking.Reason
	Section string `json:"section"`
	Text    string `json:"text"`
}

// apiSuggestion is a suggestion as the API gives it: the rule's, from the
// public profiles; staff's decisions on it are not published.
type apiSuggestion struct {
	A       string      `json:"a"`
	B       string      `json:"b"`
	Score   int         `json:"score"`
	Mutual  bool        `json:"mutual"`
	Reasons []apiReason `json:"reasons"`
}

// apiMatchSuggestions lists the rule's suggestions, best first: all, or
// one organisation's (for), or those meeting in one section, a page at a
// time.
func (s *Server) apiMatchSuggestions(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	limit, offset, err := pageParams(q)
	query := matchmaking.Query{For: q.Get("for"), Limit: offset + limit}
	if err == nil && q.Get("section") != "" {
		query.Section, err = matchmaking.ParseSection(q.Get("section"))
	}
	ps, err := s.profilesUnless(r, err)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if query.For != "" && !hasProfile(ps, query.For) {
		s.Fail(w, r, chancery.Errorf(chancery.ENOTFOUND, "error.match_no_profile", "ID", bounded(query.For, 80)))
		return
	}
	all := matchmaking.Suggest(ps, query)
	page := all[min(offset, len(all)):]
	es, err := s.DB.CoopEntities(r.Context(), ui.PairIDs(page))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	lang := ui.VisitOf(r).Lang
	out := []apiSuggestion{}
	for _, sg := range page {
		as := apiSuggestion{A: sg.A, B: sg.B, Score: sg.Score, Mutual: sg.Mutual, Reasons: []apiReason{}}
		for _, reason := range sg.Reasons {
			as.Reasons = append(as.Reasons, apiReason{Reason: reason, Section: reason.Section.String(), Text: s.ReasonText(lang, es, reason)})
		}
		out = append(out, as)
	}
	ui.WriteJSON(w, http.StatusOK, map[string]any{"limit": limit, "offset": offset, "items": out})
}

// profilesUnless reads the profiles unless the request already failed.
func (s *Server) profilesUnless(r *http.Request, err error) ([]matchmaking.Profile, error) {
	if err != nil {
		return nil, err
	}
	return s.DB.MatchProfiles(r.Context())
}

func hasProfile(ps []matchmaking.Profile, id string) bool {
	for _, p := range ps {
		if p.EntityID == id {
			return true
		}
	}
	return false
}

// bounded cuts a value quoted back in an error message to n runes.
func bounded(v string, n int) string {
	if r := []rune(v); len(r) > n {
		return string(r[:n]) + "…"
	}
	return v
}
