package site

import (
	"context"
	"fmt"
	"math/big"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/web/ui"
)

// relationsPage is the public overview of the relationship: its timeline,
// trade figures, partnerships and agreements, each statement with its
// source, and a search box.
type relationsPage struct {
	Timeline      []cooperation.Milestone
	Trade         []cooperation.TradeFigure
	Chart         tradeChart
	Disagreements [][]cooperation.TradeFigure
	Partnerships  []partnershipRow
	Agreements    []cooperation.Agreement
	Entities      map[string]cooperation.Entity
	Sources       map[string]mission.Source
	Registrable   []cooperation.Event // events that take registration at /events/{id}, by start
	Registers     map[string]bool     // their IDs, for the timeline's links
}

// partnershipRow is a partnership with its parties.
type partnershipRow struct {
	cooperation.Partnership
	A, B cooperation.Entity
}

func (s *Server) relations(w http.ResponseWriter, r *http.Request) {
	p, err := s.relationsData(r.Context(), ui.VisitOf(r).Lang)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	s.Render(w, r, "relations", p)
}

func (s *Server) relationsData(ctx context.Context, lang string) (relationsPage, error) {
	var p relationsPage
	entities, err := ui.CoopRecords[cooperation.Entity](ctx, s.DB, cooperation.KindEntity)
	if err != nil {
		return p, err
	}
	p.Entities = make(map[string]cooperation.Entity, len(entities))
	for _, e := range entities {
		p.Entities[e.ID] = e
	}
	events, err := ui.CoopRecords[cooperation.Event](ctx, s.DB, cooperation.KindEvent)
	if err != nil {
		return p, err
	}
	if p.Agreements, err = ui.CoopRecords[cooperation.Agreement](ctx, s.DB, cooperation.KindAgreement); err != nil {
		return p, err
	}
	partnerships, err := ui.CoopRecords[cooperation.Partnership](ctx, s.DB, cooperation.KindPartnership)
	if err != nil {
		return p, err
	}
	corridors, err := ui.CoopRecords[cooperation.Corridor](ctx, s.DB, cooperation.KindCorridor)
	if err != nil {
		return p, err
	}
	if p.Trade, err = ui.CoopRecords[cooperation.TradeFigure](ctx, s.DB, cooperation.KindTrade); err != nil {
		return p, err
	}
	for _, pt := range partnerships {
		p.Partnerships = append(p.Partnerships, partnershipRow{pt, p.Entities[pt.A], p.Entities[pt.B]})
	}
	p.Timeline = cooperation.Timeline(events, p.Agreements, partnerships, corridors, func(pt cooperation.Partnership) mission.Text {
		return s.partnershipTitle(pt, p.Entities)
	})
	if err := s.registrableEvents(ctx, &p, events); err != nil {
		return p, err
	}
	p.Disagreements = cooperation.Disagreements(p.Trade)
	p.Chart = s.changeChart(lang, p.Trade)
	srcs, err := s.DB.Sources(ctx)
	if err != nil {
		return p, err
	}
	p.Sources = make(map[string]mission.Source, len(srcs))
	for _, src := range srcs {
		p.Sources[src.ID] = src
	}
	cite := func(cs []mission.Citation) {
		for i := range cs {
			if src, ok := p.Sources[cs[i].SourceID]; ok {
				cs[i].Source = &src
			}
		}
	}
	for i := range p.Timeline {
		cite(p.Timeline[i].Citations)
	}
	for i := range p.Trade {
		if src, ok := p.Sources[p.Trade[i].Citation.SourceID]; ok {
			p.Trade[i].Citation.Source = &src
		}
	}
	for i := range p.Agreements {
		cite(p.Agreements[i].Citations)
	}
	for i := range p.Partnerships {
		cite(p.Partnerships[i].Citations)
	}
	return p, nil
}

// partnershipTitle names a partnership by its parties in every language:
// "Chongqing – Minsk Region".
func (s *Server) partnershipTitle(pt cooperation.Partnership, entities map[string]cooperation.Entity) mission.Text {
	out := mission.Text{}
	for _, lang := range []string{"en", "zh", "ru", "be"} {
		a, b := entities[pt.A].Name.In(lang), entities[pt.B].Name.In(lang)
		if a == "" {
			a = pt.A
		}
		if b == "" {
			b = pt.B
		}
		out[lang] = a + " – " + b + " (" + s.Translate(lang, "relations.partnership."+pt.Kind, nil) + ")"
	}
	return out
}

// tradeChart is a bar chart of year-on-year changes, drawn on the server
// as SVG; the table beside it holds the same figures for screen readers.
type tradeChart struct {
	Width, Height int
	Zero          int // the y of 0 %
	Bars          []tradeBar
	Ticks         []tradeTick
}

type tradeBar struct {
	X, Y, W, H int
	Label      string // the period
	Value      string // "+100.9 %"
	LabelY     int
}

type tradeTick struct {
	Y     int
	Label string
}

// changeChart draws the trade figures that give a year-on-year change as
// bars, one per statement, in period order.
func (s *Server) changeChart(lang string, figures []cooperation.TradeFigure) tradeChart {
	// One bar per figure and change: sources that state a figure alike
	// make one bar; sources that disagree make one bar each.
	var withChange []cooperation.TradeFigure
	seen := map[string]bool{}
	for _, f := range figures {
		if f.Change != "" && !seen[f.Key()+" "+f.Change] {
			seen[f.Key()+" "+f.Change] = true
			withChange = append(withChange, f)
		}
	}
	sort.SliceStable(withChange, func(i, j int) bool { return withChange[i].Period < withChange[j].Period })
	c := tradeChart{Width: 640, Height: 280}
	if len(withChange) == 0 {
		return c
	}
	top, bottom := 0.0, 0.0
	vals := make([]float64, len(withChange))
	for i, f := range withChange {
		v, _ := new(big.Rat).SetString(f.Change)
		vals[i], _ = v.Float64()
		top, bottom = max(top, vals[i]), min(bottom, vals[i])
	}
	// Round the scale up to the next 50 %.
	top = float64(int(top/50)+1) * 50
	if bottom < 0 {
		bottom = -float64(int(-bottom/50)+1) * 50
	}
	const left, right, upper, lower = 56, 16, 16, 40
	plotH := float64(c.Height - upper - lower)
	y := func(v float64) int { return upper + int((top-v)/(top-bottom)*plotH+0.5) }
	c.Zero = y(0)
	for v := bottom; v <= top; v += 50 {
		c.Ticks = append(c.Ticks, tradeTick{Y: y(v), Label: ui.Percent(fmt.Sprintf("%.0f", v))})
	}
	slot := (c.Width - left - right) / len(withChange)
	for i, f := range withChange {
		b := tradeBar{X: left + i*slot + slot/5, W: slot * 3 / 5, Label: s.PeriodName(lang, f.Period),
			Value: ui.Percent(f.Change), LabelY: c.Height - lower + 18}
		if strings.HasPrefix(f.Change, "-") {
			b.Y, b.H = c.Zero, y(vals[i])-c.Zero
		} else {
			b.Y, b.H = y(vals[i]), c.Zero-y(vals[i])
		}
		c.Bars = append(c.Bars, b)
	}
	return c
}

// relationsSearch finds records by any spelling of their names.
func (s *Server) relationsSearch(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	p := relationsSearchPage{Query: q}
	var after *store.CoopKey
	var err error
	if a := r.URL.Query().Get("after"); a != "" {
		after, err = ui.ParseSearchCursor(a)
	}
	switch {
	case q == "":
	case utf8.RuneCountInString(q) > ui.MaxSearchRunes || !utf8.ValidString(q):
		err = chancery.Errorf(chancery.EINVALID, "error.search_too_long", "Max", ui.MaxSearchRunes)
	case err == nil:
		var recs []store.CoopRecord
		var more bool
		recs, more, err = s.Searches.Page(r.Context(), ui.VisitOf(r).IP, store.CoopSearchQuery{Text: q, Limit: searchPageSize, After: after})
		for _, rec := range recs {
			p.Results = append(p.Results, searchResult{Kind: rec.Kind, ID: rec.ID, Doc: rec})
		}
		if more && len(recs) > 0 {
			p.Next = "/relations/search?" + url.Values{"q": {q}, "after": {ui.SearchCursor(recs[len(recs)-1].Key())}}.Encode()
		}
		p.Later = after != nil
		p.Searched = true
		p.Count = strconv.Itoa(len(recs))
		if p.Next != "" {
			p.Count += "+"
		}
	}
	if chancery.ErrorCode(err) == chancery.EINVALID {
		key, data := chancery.ErrorKey(err)
		p.Error = s.Translate(ui.VisitOf(r).Lang, key, data)
	} else if err != nil {
		s.Fail(w, r, err)
		return
	}
	status := http.StatusOK
	if p.Error != "" {
		status = http.StatusBadRequest
	}
	s.RenderStatus(w, r, status, "relations_search", p)
}

// relationsSearchPage is the search form and what it found.
type relationsSearchPage struct {
	Query    string
	Searched bool
	Results  []searchResult
	Next     string // the page of the results after these, "" for none
	Later    bool   // these are not the first results
	Count    string // how many are shown, with a + when more follow
	Error    string
}

// searchPageSize is how many results a page of the search shows.
const searchPageSize = 50

// searchResult is one record found, decoded for its title.
type searchResult struct {
	Kind, ID string
	Doc      store.CoopRecord
}

// Title is the record's name or title in its own words.
func (r searchResult) Title() mission.Text {
	var v struct {
		Name    mission.Text `json:"name"`
		Title   mission.Text `json:"title"`
		Wording mission.Text `json:"wording"`
		Period  string       `json:"period"`
	}
	if err := r.Doc.Decode(&v); err != nil {
		return mission.Text{"en": r.ID}
	}
	for _, t := range []mission.Text{v.Name, v.Title, v.Wording} {
		if len(t) > 0 {
			return t
		}
	}
	return mission.Text{"en": r.ID}
}
