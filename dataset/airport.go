package dataset

import (
	"fmt"
	"regexp"

	"go.yaml.in/yaml/v3"

	"github.com/chancery-platform/chancery/mission"
)

// AirportList is one dated version of the nationalities that may enter
// Belarus visa-free through Minsk National Airport: in force from From
// until the next list's From. The list changes by decree, so each change is
// a new list rather than an edit of the old one.
type AirportList struct {
	From          string   `yaml:"from"`          // first day of entry covered, YYYY-MM-DD; "" = no date recorded (the old flat form)
	Nationalities []string `yaml:"nationalities"` // ISO 3166-1 alpha-2 codes
}

// airportLists is the visa_free_airport section as written: dated lists,
// or (the form before lists were dated) one flat list of codes, which is
// read as one list without a date.
type airportLists struct {
	Present bool // the file has the section (even empty)
	Flat    []string
	Dated   []AirportList
}

// UnmarshalYAML reads either form of the section.
func (a *airportLists) UnmarshalYAML(n *yaml.Node) error {
	a.Present = true
	if n.Kind == yaml.SequenceNode && len(n.Content) > 0 && n.Content[0].Kind == yaml.ScalarNode {
		return n.Decode(&a.Flat)
	}
	return n.Decode(&a.Dated)
}

var countryCode = regexp.MustCompile(`^[A-Z]{2}$`)

// lists checks the section and returns its lists: codes new within each
// list, dates real and each list's date given once. Without the section it
// returns nil; with an empty one, an empty non-nil list.
func (a airportLists) lists() ([]AirportList, error) {
	if !a.Present {
		return nil, nil
	}
	dated := a.Dated
	if len(a.Flat) > 0 {
		dated = []AirportList{{Nationalities: a.Flat}}
	}
	out := []AirportList{}
	days := map[string]bool{}
	for i, l := range dated {
		where := fmt.Sprintf("visa_free_airport[%d]", i)
		if len(a.Flat) == 0 && !mission.ValidDay(l.From) {
			return nil, problem(where, "from must be a date YYYY-MM-DD")
		}
		if days[l.From] {
			return nil, problem(where, "a second list from "+l.From)
		}
		days[l.From] = true
		seen := map[string]bool{}
		for j, n := range l.Nationalities {
			if !countryCode.MatchString(n) || seen[n] {
				at := fmt.Sprintf("%s.nationalities[%d]", where, j)
				if len(a.Flat) > 0 {
					at = fmt.Sprintf("visa_free_airport[%d]", j)
				}
				return nil, problem(at, "not a new ISO 3166-1 alpha-2 code: "+n)
			}
			seen[n] = true
		}
		out = append(out, l)
	}
	return out, nil
}
