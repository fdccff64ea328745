package cooperation

import (
	"cmp"
	"slices"

	"github.com/chancery-platform/chancery/mission"
)

// PeriodFigures are the statements of one figure (one area, period and
// flow) from every source that gives it, so a table lists each period once:
// the values they state, the changes on the year before, the wordings, and
// the citations behind them.
type PeriodFigures struct {
	Area, Period, Flow string
	Figures            []TradeFigure
}

// ByPeriod groups trade figures by area, period and flow (Key), in period
// order.
func ByPeriod(figs []TradeFigure) []PeriodFigures {
	var out []PeriodFigures
	at := map[string]int{}
	for _, f := range figs {
		i, ok := at[f.Key()]
		if !ok {
			i = len(out)
			at[f.Key()] = i
			out = append(out, PeriodFigures{Area: f.Area, Period: f.Period, Flow: f.Flow})
		}
		out[i].Figures = append(out[i].Figures, f)
	}
	slices.SortStableFunc(out, func(a, b PeriodFigures) int {
		return cmp.Or(cmp.Compare(a.Period, b.Period), cmp.Compare(a.Area, b.Area), cmp.Compare(a.Flow, b.Flow))
	})
	return out
}

// Values are the distinct absolute values the statements give, in the
// order of the statements; several when sources disagree.
func (p PeriodFigures) Values() []Money {
	var out []Money
	for _, f := range p.Figures {
		if f.Value != nil && !slices.ContainsFunc(out, func(m Money) bool {
			return m.Currency == f.Value.Currency && m.Rat().Cmp(f.Value.Rat()) == 0
		}) {
			out = append(out, *f.Value)
		}
	}
	return out
}

// Changes are the distinct changes on the year before, in percent.
func (p PeriodFigures) Changes() []string {
	var out []string
	for _, f := range p.Figures {
		if f.Change != "" && !slices.Contains(out, f.Change) {
			out = append(out, f.Change)
		}
	}
	return out
}

// Wordings are the distinct ways the sources put the figure where they
// give no number ("more than doubled").
func (p PeriodFigures) Wordings() []mission.Text {
	var out []mission.Text
	for _, f := range p.Figures {
		if len(f.Wording) > 0 && !slices.ContainsFunc(out, func(t mission.Text) bool { return t.In("en") == f.Wording.In("en") }) {
			out = append(out, f.Wording)
		}
	}
	return out
}

// Citations are the statements' citations, each once.
func (p PeriodFigures) Citations() []mission.Citation {
	var out []mission.Citation
	for _, f := range p.Figures {
		if !slices.ContainsFunc(out, func(c mission.Citation) bool {
			return c.SourceID == f.Citation.SourceID && c.Quote == f.Citation.Quote
		}) {
			out = append(out, f.Citation)
		}
	}
	return out
}
