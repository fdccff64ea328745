package web

import (
	"net/http"
	"net/url"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/matchmaking"
)

// maxStaffSuggestions bounds the suggestions the staff page lists.
const maxStaffSuggestions = 500

// suggestionRow is one suggested pair as staff see it: the rule's reasons,
// in the reader's language, and staff's decision on it.
type suggestionRow struct {
	Pair    matchmaking.Pair
	A, B    string // names
	Reasons []string
	Score   int
	Mutual  bool
	Status  matchmaking.Status
	By, At  string
	Stale   bool // decided on, but the profiles no longer meet
}

// ID is the row's anchor on the page.
func (row suggestionRow) ID() string { return "pair-" + row.Pair.A + "--" + row.Pair.B }

// matchSuggestionsPage lists suggestions, optionally of one status, with
// word of the last decision and a way to undo it.
type matchSuggestionsPage struct {
	Rows     []suggestionRow
	Status   string
	For      string // only this organisation's suggestions, when set
	ForName  string
	Statuses []matchmaking.Status
	Done     *suggestionRow
	Error    string
}

// reasonText explains one reason in a language: "Belarus offers section
// IV (prepared foodstuffs), which Chongqing seeks".
func (s *Server) reasonText(lang string, es map[string]cooperation.Entity, r matchmaking.Reason) string {
	return s.translate(lang, "match.reason", map[string]any{"Offerer": entityName(es, r.Offerer, lang), "Seeker": entityName(es, r.Seeker, lang),
		"Section": r.Section.String(), "Name": r.Section.Name(lang)})
}

func (s *Server) matchSuggestionList(w http.ResponseWriter, r *http.Request) {
	s.renderSuggestions(w, r, http.StatusOK, "")
}

func (s *Server) renderSuggestions(w http.ResponseWriter, r *http.Request, status int, msg string) {
	ctx, lang, q := r.Context(), visitOf(r).lang, r.URL.Query()
	p := matchSuggestionsPage{Status: q.Get("status"), For: q.Get("for"), Statuses: matchmaking.Statuses, Error: msg}
	ps, err := s.db.MatchProfiles(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	decisions, err := s.db.Decisions(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	suggestions := matchmaking.Suggest(ps, matchmaking.Query{For: p.For, Limit: maxStaffSuggestions})
	ids := append(pairIDs(suggestions), p.For)
	for pair := range decisions {
		ids = append(ids, pair.A, pair.B)
	}
	es, err := s.db.CoopEntities(ctx, ids)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	name := func(id string) string { return entityName(es, id, lang) }
	row := func(pair matchmaking.Pair) suggestionRow {
		out := suggestionRow{Pair: pair, A: name(pair.A), B: name(pair.B), Status: matchmaking.Suggested, Stale: true}
		if d, ok := decisions[pair]; ok {
			out.Status, out.By, out.At = d.Status, d.By, d.At.Format("2006-01-02 15:04 UTC")
		}
		return out
	}
	seen := map[matchmaking.Pair]bool{}
	var all []suggestionRow
	for _, sg := range suggestions {
		out := row(sg.Pair)
		out.Stale, out.Score, out.Mutual = false, sg.Score, sg.Mutual
		for _, reason := range sg.Reasons {
			out.Reasons = append(out.Reasons, s.reasonText(lang, es, reason))
		}
		seen[sg.Pair] = true
		all = append(all, out)
	}
	p.ForName = entityName(es, p.For, lang)
	for pair, d := range decisions {
		if !seen[pair] && d.Status != matchmaking.Suggested && (p.For == "" || pair.A == p.For || pair.B == p.For) {
			all = append(all, row(pair))
		}
	}
	for _, row := range all {
		if p.Status == "" || string(row.Status) == p.Status {
			p.Rows = append(p.Rows, row)
		}
		if row.Pair.A == q.Get("a") && row.Pair.B == q.Get("b") && q.Get("done") != "" {
			done := row
			p.Done = &done
		}
	}
	s.renderStatus(w, r, status, "staff_match_suggestions", p)
}

// matchErrorText translates a matchmaking error, naming statuses and
// outcomes in the reader's language.
func (s *Server) matchErrorText(lang string, err error) string {
	key, data := chancery.ErrorKey(err)
	named := map[string]any{}
	for k, v := range data {
		named[k] = v
	}
	if st, ok := data["Status"].(string); ok {
		named["Status"] = s.translate(lang, "match.status."+st, nil)
	}
	if o, ok := data["Outcome"].(string); ok {
		named["Outcome"] = s.translate(lang, "match.outcome."+o, nil)
	}
	return s.translate(lang, key, named)
}

func (s *Server) matchDecide(w http.ResponseWriter, r *http.Request) {
	pair := matchmaking.Pair{A: r.PathValue("a"), B: r.PathValue("b")}
	to := matchmaking.Status(r.PostFormValue("to"))
	from := matchmaking.Status(r.PostFormValue("from"))
	if from == "" {
		from = matchmaking.Suggested
	}
	_, err := s.db.Decide(r.Context(), actor(r), pair, from, to)
	if err != nil {
		code := chancery.ErrorCode(err)
		if code == chancery.EINTERNAL {
			s.fail(w, r, err)
			return
		}
		s.renderSuggestions(w, r, statusOf(code), s.matchErrorText(visitOf(r).lang, err))
		return
	}
	q := url.Values{"done": {string(to)}, "a": {pair.A}, "b": {pair.B}}
	for _, k := range []string{"status", "for"} {
		if v := r.PostFormValue(k); v != "" {
			q.Set(k, v)
		}
	}
	http.Redirect(w, r, "/staff/match/suggestions?"+q.Encode()+"#"+suggestionRow{Pair: pair}.ID(), http.StatusSeeOther)
}
