package site

import (
	"context"
	"net/http"
	"net/url"
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
	Periods       []cooperation.PeriodFigures // the trade figures, a row a period
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
	p.Periods = cooperation.ByPeriod(p.Trade)
	p.Chart = s.valueChart(lang, p.Periods)
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

// tradeChart is a bar chart of the trade figures' absolute values, drawn on
// the server as SVG, a slot a period: the bars are the values the sources
// state in one currency (a value in another currency, or in none, is
// written in its slot, not drawn against the others), and the changes on
// the year before are written under each period, never drawn as values.
// The table beside it holds the same figures for screen readers.
type tradeChart struct {
	Width, Height int
	Base          int    // the y of the value 0
	Currency      string // the currency of the bars
	Slots         []tradeSlot
}

// tradeSlot is one period of the chart: its bars and, under the period's
// name, what it says in words.
type tradeSlot struct {
	X      int // the slot's centre
	Label  string
	Bars   []tradeBar
	Notes  []tradeNote
	LabelY int
}

type tradeBar struct {
	X, Y, W, H int
	Value      string // "1 020 000 000 CNY"
}

type tradeNote struct {
	Y    int
	Text string // "+128 % year on year", "620 000 000 (currency not stated)"
}

// Bars counts the chart's bars.
func (c tradeChart) Bars() int {
	n := 0
	for _, s := range c.Slots {
		n += len(s.Bars)
	}
	return n
}

// valueChart draws the trade figures, a slot a period in period order.
func (s *Server) valueChart(lang string, rows []cooperation.PeriodFigures) tradeChart {
	c := tradeChart{Height: 300}
	if len(rows) == 0 {
		return c
	}
	// The bars' currency is the one most values are in.
	count := map[string]int{}
	top := 0.0
	for _, r := range rows {
		for _, v := range r.Values() {
			if v.Currency != "" {
				count[v.Currency]++
				if count[v.Currency] > count[c.Currency] {
					c.Currency = v.Currency
				}
			}
		}
	}
	for _, r := range rows {
		for _, v := range r.Values() {
			if v.Currency == c.Currency && c.Currency != "" {
				f, _ := v.Rat().Float64()
				top = max(top, f)
			}
		}
	}
	const slotW, upper, lineH = 200, 24, 18
	notes := 0
	for _, r := range rows {
		notes = max(notes, len(s.slotNotes(lang, r, c.Currency)))
	}
	lower := lineH * (2 + notes)
	c.Width = slotW * len(rows)
	c.Height = 220 + lower
	c.Base = c.Height - lower
	plotH := float64(c.Base - upper)
	for i, r := range rows {
		slot := tradeSlot{X: i*slotW + slotW/2, Label: s.PeriodName(lang, r.Period), LabelY: c.Base + lineH}
		var drawn []cooperation.Money
		for _, v := range r.Values() {
			if v.Currency == c.Currency && c.Currency != "" {
				drawn = append(drawn, v)
			}
		}
		for j, v := range drawn {
			w := (slotW * 3 / 5) / len(drawn)
			f, _ := v.Rat().Float64()
			h := int(f/top*plotH + 0.5)
			slot.Bars = append(slot.Bars, tradeBar{X: i*slotW + slotW/5 + j*w, Y: c.Base - h, W: w - 2, H: h, Value: s.Money(lang, v)})
		}
		for j, text := range s.slotNotes(lang, r, c.Currency) {
			slot.Notes = append(slot.Notes, tradeNote{Y: slot.LabelY + (j+1)*lineH, Text: text})
		}
		c.Slots = append(c.Slots, slot)
	}
	return c
}

// slotNotes are what a period of the chart says in words: the values not
// drawn (in another currency or none), the changes on the year before,
// and the sources' wordings.
func (s *Server) slotNotes(lang string, r cooperation.PeriodFigures, currency string) []string {
	var out []string
	for _, v := range r.Values() {
		if v.Currency != currency || currency == "" {
			out = append(out, s.Money(lang, v))
		}
	}
	for _, ch := range r.Changes() {
		out = append(out, s.Translate(lang, "relations.change_yoy", map[string]any{"Change": ui.Percent(ch)}))
	}
	for _, w := range r.Wordings() {
		out = append(out, w.In(lang))
	}
	var lines []string
	for _, n := range out {
		lines = append(lines, wrapLine(n, noteWidth)...)
	}
	return lines
}

// noteWidth is how wide a line of a chart's slot may be, in widths of a
// Latin letter (a Chinese character is two).
const noteWidth = 28

// wrapLine breaks a text into lines of at most width, at spaces where it
// has them, else (Chinese) between any two characters.
func wrapLine(text string, width int) []string {
	var lines []string
	var line []rune
	w, lastSpace := 0, -1
	for _, r := range text {
		rw := 1
		if r >= 0x2E80 {
			rw = 2
		}
		if w+rw > width && len(line) > 0 {
			if lastSpace > 0 {
				lines = append(lines, string(line[:lastSpace]))
				line = append([]rune{}, line[lastSpace+1:]...)
			} else {
				lines = append(lines, string(line))
				line = line[:0]
			}
			w, lastSpace = 0, -1
			for i, q := range line {
				if q == ' ' {
					lastSpace = i
				}
				w++
				if q >= 0x2E80 {
					w++
				}
			}
		}
		if r == ' ' {
			lastSpace = len(line)
		}
		line = append(line, r)
		w += rw
	}
	if len(line) > 0 {
		lines = append(lines, string(line))
	}
	return lines
}

// relationsSearch finds records by any spelling of their names and by the
// words of their descriptions, each result a link to the record's page.
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

// Path is the address of the record's page.
func (r searchResult) Path() string { return ui.RecordPath(r.Kind, r.ID) }

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
