package dataset

import (
	"fmt"

	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/place"
)

// Each reader checks one list of the cooperation section and appends it to
// c. Entities come first: every other list refers to them. The checks of a
// record's fields are independent, so each reader runs them all and reports
// the first that fails, in the order of the fields.

func first(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func (chk coopCheck) readEntities(fc *fileCooperation, c *Cooperation) error {
	seen := map[string]bool{}
	kinds := []string{string(cooperation.Person), string(cooperation.Organisation), string(cooperation.Place)}
	for i, fe := range fc.Entities {
		where := fmt.Sprintf("cooperation.entities[%d]", i)
		var country error
		if fe.Country != "" && !place.IsCountry(fe.Country) {
			country = problem(where+".country", "not an ISO 3166-1 alpha-2 code: "+fe.Country)
		}
		if err := first(chk.id(where, fe.ID, seen), oneOf(where+".kind", fe.Kind, kinds), country,
			checkText(where+".name", fe.Name, true), checkText(where+".about", fe.About, false)); err != nil {
			return err
		}
		e := cooperation.Entity{ID: fe.ID, Kind: cooperation.Kind(fe.Kind), Country: fe.Country, Name: fe.Name, About: fe.About}
		for j, a := range fe.Aliases {
			w := fmt.Sprintf("%s.aliases[%d]", where, j)
			if a.Text == "" {
				return problem(w+".text", "an alias needs its text")
			}
			if a.Lang != "" && !langPattern.MatchString(a.Lang) {
				return problem(w+".lang", "not a language code: "+a.Lang)
			}
			e.Aliases = append(e.Aliases, cooperation.Alias{Text: a.Text, Lang: a.Lang, Note: a.Note.text()})
		}
		var err error
		if e.Citations, err = chk.citations(where, fe.Citations); err != nil {
			return err
		}
		chk.entities[e.ID] = e.Kind
		c.Entities = append(c.Entities, e)
	}
	return nil
}

func (chk coopCheck) readRoles(fc *fileCooperation, c *Cooperation) error {
	seen := map[string]bool{}
	for i, fr := range fc.Roles {
		where := fmt.Sprintf("cooperation.roles[%d]", i)
		if err := first(chk.entity(where+".person", fr.Person, true), chk.entity(where+".organisation", fr.Organisation, false),
			checkText(where+".title", fr.Title, true), span(where, "from", fr.From, "to", fr.To)); err != nil {
			return err
		}
		// A role has no id: the same post of the same person from the same
		// date twice is one record written twice.
		key := fr.Person + "|" + fr.Organisation + "|" + fr.Title["en"] + "|" + fr.From
		if seen[key] {
			return problem(where, "duplicate role: "+fr.Person+" as "+fr.Title["en"]+" of "+fr.Organisation)
		}
		seen[key] = true
		r := cooperation.Role{Person: fr.Person, Organisation: fr.Organisation, Title: fr.Title, From: fr.From, To: fr.To}
		var err error
		if r.Citations, err = chk.citations(where, fr.Citations); err != nil {
			return err
		}
		c.Roles = append(c.Roles, r)
	}
	return nil
}

func (chk coopCheck) readPartnerships(fc *fileCooperation, c *Cooperation) error {
	seen := map[string]bool{}
	for i, fp := range fc.Partnerships {
		where := fmt.Sprintf("cooperation.partnerships[%d]", i)
		var same error
		if fp.A == fp.B {
			same = problem(where+".b", "a partnership ties two different entities")
		}
		if err := first(chk.id(where, fp.ID, seen), oneOf(where+".kind", fp.Kind, partnershipKinds),
			chk.entity(where+".a", fp.A, false), chk.entity(where+".b", fp.B, false), same,
			date(where+".since", fp.Since)); err != nil {
			return err
		}
		p := cooperation.Partnership{ID: fp.ID, Kind: fp.Kind, A: fp.A, B: fp.B, Since: fp.Since}
		var err error
		if p.Citations, err = chk.citations(where, fp.Citations); err != nil {
			return err
		}
		c.Partnerships = append(c.Partnerships, p)
	}
	return nil
}

func (chk coopCheck) readAgreements(fc *fileCooperation, c *Cooperation) error {
	seen := map[string]bool{}
	for i, fa := range fc.Agreements {
		where := fmt.Sprintf("cooperation.agreements[%d]", i)
		var count error
		if fa.Count < 0 {
			count = problem(where+".count", "a count cannot be negative")
		}
		value, valueErr := money(where+".value", fa.Value)
		if err := first(chk.id(where, fa.ID, seen), oneOf(where+".kind", fa.Kind, agreementKinds),
			checkText(where+".title", fa.Title, true), date(where+".date", fa.Date),
			chk.placeOrName(where+".place", fa.Place), chk.parties(where, fa.Parties), valueErr, count); err != nil {
			return err
		}
		a := cooperation.Agreement{ID: fa.ID, Kind: fa.Kind, Title: fa.Title, Date: fa.Date, Place: fa.Place,
			Parties: fa.Parties, Value: value, Count: fa.Count}
		var err error
		if a.Citations, err = chk.citations(where, fa.Citations); err != nil {
			return err
		}
		c.Agreements = append(c.Agreements, a)
	}
	return nil
}

func (chk coopCheck) readEvents(fc *fileCooperation, c *Cooperation) error {
	seen := map[string]bool{}
	for i, fe := range fc.Events {
		where := fmt.Sprintf("cooperation.events[%d]", i)
		var noStart error
		if fe.End != "" && fe.Start == "" {
			noStart = problem(where+".start", "an event with an end needs a start")
		}
		if err := first(chk.id(where, fe.ID, seen), oneOf(where+".kind", fe.Kind, eventKinds),
			checkText(where+".title", fe.Title, true), noStart, span(where, "start", fe.Start, "end", fe.End),
			chk.placeOrName(where+".place", fe.Place), checkText(where+".outcome", fe.Outcome, false)); err != nil {
			return err
		}
		e := cooperation.Event{ID: fe.ID, Kind: fe.Kind, Title: fe.Title, Start: fe.Start, End: fe.End,
			Place: fe.Place, Outcome: fe.Outcome}
		var err error
		if e.Citations, err = chk.citations(where, fe.Citations); err != nil {
			return err
		}
		c.Events = append(c.Events, e)
	}
	return nil
}

func (chk coopCheck) readCorridors(fc *fileCooperation, c *Cooperation) error {
	seen := map[string]bool{}
	for i, fr := range fc.Corridors {
		where := fmt.Sprintf("cooperation.corridors[%d]", i)
		if err := first(chk.id(where, fr.ID, seen), checkText(where+".name", fr.Name, true),
			date(where+".since", fr.Since), chk.route(where, fr.Route), checkText(where+".about", fr.About, false)); err != nil {
			return err
		}
		r := cooperation.Corridor{ID: fr.ID, Name: fr.Name, Since: fr.Since, Route: fr.Route, About: fr.About}
		var err error
		if r.Citations, err = chk.citations(where, fr.Citations); err != nil {
			return err
		}
		c.Corridors = append(c.Corridors, r)
	}
	return nil
}

func (chk coopCheck) readTrade(fc *fileCooperation, c *Cooperation) error {
	seen := map[string]bool{}
	for i, ft := range fc.Trade {
		where := fmt.Sprintf("cooperation.trade[%d]", i)
		value, valueErr := money(where+".value", ft.Value)
		var nothing error
		if ft.Value == nil && ft.Change == "" && len(ft.Wording) == 0 {
			nothing = problem(where, "a figure needs a value, a change or the source's wording")
		}
		if err := first(chk.id(where, ft.ID, seen), area(where+".area", ft.Area), period(where+".period", ft.Period),
			oneOf(where+".flow", ft.Flow, flows), valueErr, change(where+".change", ft.Change),
			checkText(where+".wording", ft.Wording, len(ft.Wording) > 0), nothing); err != nil {
			return err
		}
		t := cooperation.TradeFigure{ID: ft.ID, Area: ft.Area, Period: ft.Period, Flow: ft.Flow, Value: value,
			Change: ft.Change, Wording: ft.Wording}
		var err error
		if t.Citation, err = chk.citation(where+".citation", ft.Citation); err != nil {
			return err
		}
		c.Trade = append(c.Trade, t)
	}
	return nil
}
