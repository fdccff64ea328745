package cooperation

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/place"
)

// The kinds a record may take: the domain keeps them to a list so that one
// thing is not called two names.
var (
	EntityKinds      = []string{string(Person), string(Organisation), string(Place)}
	PartnershipKinds = []string{SisterRegions, SisterCities, SisterMemorandum, Cooperation}
	AgreementKinds   = []string{"statement", "agreement", "programme", "memorandum", "contract"}
	EventKinds       = []string{"opening", "conference", "forum", "fair", "exhibition", "festival", "performance", "screening",
		"visit", "press_tour", "award", "donation", "commemoration", "session", "theme_year", "accession"}
	Flows = []string{Total, Imports, Exports}
)

var langPattern = regexp.MustCompile(`^[a-z]{2,3}$`)

// Lookup tells the checks what the rest of the record holds: the kind of
// an entity by its identifier, and whether a source is known.
type Lookup struct {
	Entity func(id string) (Kind, bool)
	Source func(id string) bool
}

// Check checks one record as staff edit or import it: its identifier and
// kind, its dates, amounts and texts, the entities it names (a person
// where a person is meant, a place or organisation elsewhere) and its
// citations (at least one, each with a known source and a quote). Every
// problem found is returned, each naming its field, joined in the record's
// order (chancery.Errors lists them; errors.As finds the first).
func Check(rec Record, l Lookup) error {
	switch r := rec.(type) {
	case Entity:
		return r.check(l)
	case Role:
		return r.check(l)
	case Partnership:
		return r.check(l)
	case Agreement:
		return r.check(l)
	case Event:
		return r.check(l)
	case Corridor:
		return r.check(l)
	case TradeFigure:
		return r.check(l)
	}
	return invalid("kind", "error.coop_kind", "Value", fmt.Sprintf("%T", rec), "Allowed", strings.Join(RecordKinds, ", "))
}

// allErrors joins the problems of errs that are not nil.
func allErrors(errs ...error) error { return errors.Join(errs...) }

func oneOf(field, v string, allowed []string) error {
	if !slices.Contains(allowed, v) {
		return invalid(field, "error.coop_kind", "Value", v, "Allowed", strings.Join(allowed, ", "))
	}
	return nil
}

// checkText checks a text in several languages; required asks for English.
func checkText(field string, t mission.Text, required bool) error {
	if required && strings.TrimSpace(t["en"]) == "" {
		return invalid(field+".en", "error.coop_required")
	}
	for lang, s := range t {
		if !langPattern.MatchString(lang) {
			return invalid(field, "error.coop_lang", "Value", lang)
		}
		if len(s) > 4000 {
			return invalid(field+"."+lang, "error.coop_too_long", "Max", 4000)
		}
	}
	return nil
}

// entity checks a reference to an entity of the record.
func (l Lookup) entity(field, id string, person bool) error {
	if id == "" {
		return invalid(field, "error.coop_required")
	}
	kind, ok := l.Entity(id)
	switch {
	case !ok:
		return invalid(field, "error.coop_unknown_entity", "Value", id)
	case person && kind != Person:
		return invalid(field, "error.coop_not_person", "Value", id)
	case !person && kind == Person:
		return invalid(field, "error.coop_is_person", "Value", id)
	}
	return nil
}

// placeOrName checks a place given either as an entity identifier (written
// like one: lower-case letters, digits, hyphens) or as a name the source
// writes.
func (l Lookup) placeOrName(field, v string) error {
	if v == "" || CheckID(field, v) != nil {
		return nil
	}
	return l.entity(field, v, false)
}

func (l Lookup) citations(cs []mission.Citation) error {
	if len(cs) == 0 {
		return invalid("citations", "error.coop_citation_required")
	}
	var errs []error
	for i, c := range cs {
		errs = append(errs, l.citation(fmt.Sprintf("citations[%d]", i), c))
	}
	return errors.Join(errs...)
}

func (l Lookup) citation(field string, c mission.Citation) error {
	if c.SetByMission {
		if err := c.Validate(); err != nil {
			return invalid(field+".note", "error.coop_required")
		}
		return nil
	}
	var errs []error
	switch {
	case c.SourceID == "":
		errs = append(errs, invalid(field+".source", "error.coop_required"))
	case !l.Source(c.SourceID):
		errs = append(errs, invalid(field+".source", "error.source_not_found", "ID", c.SourceID))
	}
	if strings.TrimSpace(c.Quote) == "" {
		errs = append(errs, invalid(field+".quote", "error.coop_quote_required"))
	}
	return errors.Join(errs...)
}

// span checks an optional pair of partial dates, the second not before the first.
func span(fromField, from, toField, to string) error {
	if err := allErrors(CheckDate(fromField, from, true), CheckDate(toField, to, true)); err != nil {
		return err
	}
	if from != "" && to != "" && to < from[:min(len(to), len(from))] {
		return invalid(toField, "error.coop_span", "Value", to, "From", from)
	}
	return nil
}

func (e Entity) check(l Lookup) error {
	var country error
	if e.Country != "" && !place.IsCountry(e.Country) {
		country = invalid("country", "error.coop_country", "Value", e.Country)
	}
	errs := []error{CheckID("id", e.ID), oneOf("kind", string(e.Kind), EntityKinds), country,
		checkText("name", e.Name, true), checkText("about", e.About, false)}
	for i, a := range e.Aliases {
		f := fmt.Sprintf("aliases[%d]", i)
		if strings.TrimSpace(a.Text) == "" {
			errs = append(errs, invalid(f+".text", "error.coop_required"))
		}
		if a.Lang != "" && !langPattern.MatchString(a.Lang) {
			errs = append(errs, invalid(f+".lang", "error.coop_lang", "Value", a.Lang))
		}
	}
	return allErrors(append(errs, l.citations(e.Citations))...)
}

func (r Role) check(l Lookup) error {
	return allErrors(l.entity("person", r.Person, true), l.entity("organisation", r.Organisation, false),
		checkText("title", r.Title, true), span("from", r.From, "to", r.To), l.citations(r.Citations))
}

func (p Partnership) check(l Lookup) error {
	var same error
	if p.A != "" && p.A == p.B {
		same = invalid("b", "error.coop_same_parties", "Value", p.B)
	}
	return allErrors(CheckID("id", p.ID), oneOf("kind", p.Kind, PartnershipKinds),
		l.entity("a", p.A, false), l.entity("b", p.B, false), same, CheckDate("since", p.Since, true), l.citations(p.Citations))
}

func (a Agreement) check(l Lookup) error {
	errs := []error{CheckID("id", a.ID), oneOf("kind", a.Kind, AgreementKinds), checkText("title", a.Title, true),
		CheckDate("date", a.Date, true), l.placeOrName("place", a.Place)}
	named := map[string]bool{}
	for i, p := range a.Parties {
		f := fmt.Sprintf("parties[%d]", i)
		if _, ok := l.Entity(p); !ok {
			errs = append(errs, invalid(f, "error.coop_unknown_entity", "Value", p))
		} else if named[p] {
			errs = append(errs, invalid(f, "error.coop_same_parties", "Value", p))
		}
		named[p] = true
	}
	if a.Value != nil {
		errs = append(errs, a.Value.Check("value"))
	}
	if a.Count < 0 {
		errs = append(errs, invalid("count", "error.coop_negative", "Value", a.Count))
	}
	return allErrors(append(errs, l.citations(a.Citations))...)
}

func (e Event) check(l Lookup) error {
	var noStart error
	if e.End != "" && e.Start == "" {
		noStart = invalid("start", "error.coop_required")
	}
	return allErrors(CheckID("id", e.ID), oneOf("kind", e.Kind, EventKinds), checkText("title", e.Title, true), noStart,
		span("start", e.Start, "end", e.End), l.placeOrName("place", e.Place), checkText("outcome", e.Outcome, false),
		l.citations(e.Citations))
}

func (c Corridor) check(l Lookup) error {
	errs := []error{CheckID("id", c.ID), checkText("name", c.Name, true), CheckDate("since", c.Since, true),
		checkText("about", c.About, false)}
	for i, stop := range c.Route {
		f := fmt.Sprintf("route[%d]", i)
		if strings.TrimSpace(stop) == "" {
			errs = append(errs, invalid(f, "error.coop_required"))
		} else {
			errs = append(errs, l.placeOrName(f, stop))
		}
	}
	return allErrors(append(errs, l.citations(c.Citations))...)
}

// CheckArea checks a trade area: two places, each a country (ISO 3166-1)
// or a known subdivision (ISO 3166-2), joined by a slash.
func CheckArea(field, a string) error {
	sides := strings.Split(a, "/")
	if len(sides) != 2 {
		return invalid(field, "error.coop_area", "Value", a)
	}
	for _, s := range sides {
		if _, ok := place.ByCode(s); !place.IsCountry(s) && !(ok && s == strings.ToUpper(s)) {
			return invalid(field, "error.coop_area", "Value", a)
		}
	}
	return nil
}

func (t TradeFigure) check(l Lookup) error {
	var flow, nothing, value error
	if !slices.Contains(Flows, t.Flow) {
		flow = invalid("flow", "error.coop_flow", "Value", t.Flow)
	}
	if t.Value == nil && t.Change == "" && len(t.Wording) == 0 {
		nothing = invalid("value.amount", "error.coop_figure_empty")
	}
	if t.Value != nil {
		value = t.Value.Check("value")
	}
	return allErrors(CheckID("id", t.ID), CheckArea("area", t.Area), CheckPeriod("period", t.Period), flow, value,
		CheckChange("change", t.Change), checkText("wording", t.Wording, len(t.Wording) > 0), nothing,
		l.citation("citation", t.Citation))
}

// namedEntities lists the entities a record names: a role's person or
// organisation, a partnership's sides, an agreement's parties and place, an
// event's place, the stops of a corridor's route (places and stops only
// when written as identifiers: otherwise they are names the source writes).
func namedEntities(rec Record) []string {
	idLike := func(vs ...string) []string {
		var out []string
		for _, v := range vs {
			if CheckID("", v) == nil {
				out = append(out, v)
			}
		}
		return out
	}
	switch r := rec.(type) {
	case Role:
		return idLike(r.Person, r.Organisation)
	case Partnership:
		return idLike(r.A, r.B)
	case Agreement:
		return idLike(append(slices.Clone(r.Parties), r.Place)...)
	case Event:
		return idLike(r.Place)
	case Corridor:
		return idLike(r.Route...)
	}
	return nil
}
