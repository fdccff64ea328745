package cooperation

import (
	"sort"

	"github.com/chancery-platform/chancery/mission"
)

// Milestone is one dated step of the relationship, as the timeline shows
// it: an event, an agreement, a partnership or a corridor's start.
type Milestone struct {
	Date      string // partial date
	Kind      string // "event", "agreement", "partnership", "corridor"
	Ref       string // the record's ID
	Title     mission.Text
	Citations []mission.Citation
}

// Timeline puts the dated records in order, earliest first; records of the
// same date keep the order they are given in. Undated records are left out.
func Timeline(events []Event, agreements []Agreement, partnerships []Partnership, corridors []Corridor, titles func(Partnership) mission.Text) []Milestone {
	var out []Milestone
	for _, c := range corridors {
		if c.Since != "" {
			out = append(out, Milestone{c.Since, "corridor", c.ID, c.Name, c.Citations})
		}
	}
	for _, p := range partnerships {
		if p.Since != "" {
			out = append(out, Milestone{p.Since, "partnership", p.ID, titles(p), p.Citations})
		}
	}
	for _, a := range agreements {
		if a.Date != "" {
			out = append(out, Milestone{a.Date, "agreement", a.ID, a.Title, a.Citations})
		}
	}
	for _, e := range events {
		if e.Start != "" {
			out = append(out, Milestone{e.Start, "event", e.ID, e.Title, e.Citations})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out
}

// Disagreements groups the trade figures that state the same figure (the
// same Key) differently: a different value, currency, change or wording.
// Each group lists every statement with its source, in the order given;
// figures stated alike by several sources are not a disagreement.
func Disagreements(figures []TradeFigure) [][]TradeFigure {
	byKey := map[string][]TradeFigure{}
	var keys []string
	for _, f := range figures {
		k := f.Key()
		if _, ok := byKey[k]; !ok {
			keys = append(keys, k)
		}
		byKey[k] = append(byKey[k], f)
	}
	var out [][]TradeFigure
	for _, k := range keys {
		group := byKey[k]
		for _, f := range group[1:] {
			if !sameStatement(f, group[0]) {
				out = append(out, group)
				break
			}
		}
	}
	return out
}

func sameStatement(a, b TradeFigure) bool {
	if (a.Value == nil) != (b.Value == nil) || a.Change != b.Change || a.Wording["en"] != b.Wording["en"] {
		return false
	}
	return a.Value == nil || (a.Value.Currency == b.Value.Currency && a.Value.Rat().Cmp(b.Value.Rat()) == 0)
}
