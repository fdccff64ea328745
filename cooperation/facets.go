package cooperation

import (
	"slices"

	"github.com/chancery-platform/chancery/place"
)

// Facets are the values a list of records can be filtered by, by name:
// an entity's kind and country, the entities a record names, a
// partnership's, agreement's or event's kind, a trade figure's area and
// flow. FacetNames lists, for each kind, the facets it has.
type Facets map[string][]string

// FacetNames are each kind's facets, in the order the API documents them.
var FacetNames = map[string][]string{
	KindEntity:      {"kind", "country"},
	KindRole:        {"person", "organisation", "entity"},
	KindPartnership: {"kind", "entity"},
	KindAgreement:   {"kind", "party", "entity"},
	KindEvent:       {"kind", "place", "entity"},
	KindCorridor:    {"stop", "entity"},
	KindTrade:       {"area", "flow"},
}

// FacetsOf gives a record's facet values. "entity" holds every entity the
// record names (see namedEntities), whatever the field.
func FacetsOf(rec Record) Facets {
	f := facetsOf(rec)
	for _, e := range namedEntities(rec) {
		if !slices.Contains(f["entity"], e) {
			f["entity"] = append(f["entity"], e)
		}
	}
	return f
}

func facetsOf(rec Record) Facets {
	f := Facets{}
	add := func(name string, vs ...string) {
		for _, v := range vs {
			if v != "" && !slices.Contains(f[name], v) {
				f[name] = append(f[name], v)
			}
		}
	}
	switch r := rec.(type) {
	case Entity:
		add("kind", string(r.Kind))
		add("country", r.Country)
	case Role:
		add("person", r.Person)
		add("organisation", r.Organisation)
	case Partnership:
		add("kind", r.Kind)
	case Agreement:
		add("kind", r.Kind)
		add("party", r.Parties...)
	case Event:
		add("kind", r.Kind)
		add("place", r.Place)
	case Corridor:
		add("stop", r.Route...)
	case TradeFigure:
		add("area", r.Area)
		add("flow", r.Flow)
	}
	return f
}

// CheckFacet checks a value to filter a list of a kind by: a kind from its
// list, a country or area of ISO codes, a flow, or an entity identifier.
func CheckFacet(kind, name, v string) error {
	switch {
	case name == "kind" && kind == KindEntity:
		return oneOf(name, v, EntityKinds)
	case name == "kind" && kind == KindPartnership:
		return oneOf(name, v, PartnershipKinds)
	case name == "kind" && kind == KindAgreement:
		return oneOf(name, v, AgreementKinds)
	case name == "kind" && kind == KindEvent:
		return oneOf(name, v, EventKinds)
	case name == "country":
		if !place.IsCountry(v) {
			return invalid(name, "error.coop_country", "Value", v)
		}
	case name == "area":
		return CheckArea(name, v)
	case name == "flow":
		return oneOf(name, v, Flows)
	case name == "place" || name == "stop":
		if len(v) > 200 {
			return invalid(name, "error.coop_too_long", "Max", 200)
		}
	default:
		return CheckID(name, v)
	}
	return nil
}
