package desk

import (
	"net/http"
	"net/url"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/matchmaking"
	"github.com/chancery-platform/chancery/web/ui"
)

// maxStaffSuggestions bounds the suggestions the staff page lists.
const maxStaffSuggestions = 500

// matchSuggestionsPage lists suggestions, optionally of one status, with
// word of the last decision and a way to undo it.
type matchSuggestionsPage struct {
	Rows     []ui.SuggestionRow
	Status   string
	For      string // only this organisation's suggestions, when set
	ForName  string
	Statuses []matchmaking.Status
	Done     *ui.SuggestionRow
	Errors   ui.FormErrors // why the last decision was refused
}

func (s *Server) matchSuggestionList(w http.ResponseWriter, r *http.Request) {
	s.renderSuggestions(w, r, http.StatusOK, nil)
}

func (s *Server) renderSuggestions(w http.ResponseWriter, r *http.Request, status int, errs ui.FormErrors) {
	ctx, lang, q := r.Context(), ui.VisitOf(r).Lang, r.URL.Query()
	p := matchSuggestionsPage{Status: q.Get("status"), For: q.Get("for"), Statuses: matchmaking.Statuses, Errors: errs}
	ps, err := s.DB.MatchProfiles(ctx)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	decisions, err := s.DB.Decisions(ctx)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	suggestions := matchmaking.Suggest(ps, matchmaking.Query{For: p.For, Limit: maxStaffSuggestions})
	ids := append(ui.PairIDs(suggestions), p.For)
	for pair := range decisions {
		ids = append(ids, pair.A, pair.B)
	}
	es, err := s.DB.CoopEntities(ctx, ids)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	name := func(id string) string { return ui.EntityName(es, id, lang) }
	row := func(pair matchmaking.Pair) ui.SuggestionRow {
		out := ui.SuggestionRow{Pair: pair, A: name(pair.A), B: name(pair.B), Status: matchmaking.Suggested, Stale: true}
		if d, ok := decisions[pair]; ok {
			out.Status, out.By, out.At = d.Status, d.By, d.At.Format("2006-01-02 15:04 UTC")
		}
		return out
	}
	seen := map[matchmaking.Pair]bool{}
	var all []ui.SuggestionRow
	for _, sg := range suggestions {
		out := row(sg.Pair)
		out.Stale, out.Score, out.Mutual = false, sg.Score, sg.Mutual
		for _, reason := range sg.Reasons {
			out.Reasons = append(out.Reasons, s.ReasonText(lang, es, reason))
		}
		seen[sg.Pair] = true
		all = append(all, out)
	}
	p.ForName = ui.EntityName(es, p.For, lang)
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
	s.RenderStatus(w, r, status, "staff_match_suggestions", p)
}

// matchErrorsOf are the problems of a matchmaking error in lang, naming
// statuses and outcomes in words, each at the input fields maps it to.
func (s *Server) matchErrorsOf(lang string, err error, fields ui.FormFields) (ui.FormErrors, int, bool) {
	return s.FormErrorsOf(lang, s.matchWords(lang, err), fields)
}

// matchWords is err with the statuses and outcomes its errors name written
// in lang's words.
func (s *Server) matchWords(lang string, err error) error {
	return chancery.EditData(err, func(data map[string]any) {
		if st, ok := data["Status"].(string); ok {
			data["Status"] = s.Translate(lang, "match.status."+st, nil)
		}
		if o, ok := data["Outcome"].(string); ok {
			data["Outcome"] = s.Translate(lang, "match.outcome."+o, nil)
		}
	})
}

func (s *Server) matchDecide(w http.ResponseWriter, r *http.Request) {
	pair := matchmaking.Pair{A: r.PathValue("a"), B: r.PathValue("b")}
	to := matchmaking.Status(r.PostFormValue("to"))
	from := matchmaking.Status(r.PostFormValue("from"))
	if from == "" {
		from = matchmaking.Suggested
	}
	_, err := s.DB.Decide(r.Context(), actor(r), pair, from, to)
	if err != nil {
		errs, status, ok := s.matchErrorsOf(ui.VisitOf(r).Lang, err, nil)
		if !ok {
			s.Fail(w, r, err)
			return
		}
		s.renderSuggestions(w, r, status, errs)
		return
	}
	q := url.Values{"done": {string(to)}, "a": {pair.A}, "b": {pair.B}}
	for _, k := range []string{"status", "for"} {
		if v := r.PostFormValue(k); v != "" {
			q.Set(k, v)
		}
	}
	http.Redirect(w, r, "/staff/match/suggestions?"+q.Encode()+"#"+ui.SuggestionRow{Pair: pair}.ID(), http.StatusSeeOther)
}
