package place

import (
	"fmt"
	"strings"
)

// index maps name keys to the data they name. It is built once from the
// package's literals and never changed afterwards.
type index struct {
	codes        map[string]int // "CN-HB" -> position in subdivisionsCN
	gb           map[string]int // "420000" -> position in subdivisionsCN
	subdivisions map[string]int // name key -> position in subdivisionsCN
	cities       map[string]int // name key -> position in citiesCN
}

// lookup is the index of the package's data; clashes lists names that lead to
// two different places, which the tests require to be empty.
var lookup, clashes = newIndex(subdivisionsCN, citiesCN)

// newIndex indexes subs and cities. Where a key would lead to two different
// subdivisions the first one wins and the clash is reported; a city name that
// is also the name of its own subdivision (Chongqing, Jilin) is no clash.
func newIndex(subs []Subdivision, cities []City) (index, []string) {
	ix := index{
		codes:        map[string]int{},
		gb:           map[string]int{},
		subdivisions: map[string]int{},
		cities:       map[string]int{},
	}
	var clashes []string
	clash := func(what, name, a, b string) {
		if a != b {
			clashes = append(clashes, fmt.Sprintf("%s %q: %s and %s", what, name, a, b))
		}
	}
	for i, s := range subs {
		if _, ok := ix.codes[s.Code]; ok {
			clashes = append(clashes, fmt.Sprintf("code %s twice", s.Code))
		}
		ix.codes[s.Code] = i
		if j, ok := ix.gb[s.GB]; ok {
			clash("GB code", s.GB, subs[j].Code, s.Code)
		}
		ix.gb[s.GB] = i
		for _, name := range s.names() {
			k := nameKey(name)
			if k == "" {
				continue
			}
			if j, ok := ix.subdivisions[k]; ok {
				clash("subdivision name", name, subs[j].Code, s.Code)
				continue
			}
			ix.subdivisions[k] = i
		}
	}
	for i, c := range cities {
		for _, name := range c.names() {
			k := nameKey(name)
			if k == "" {
				continue
			}
			if j, ok := ix.subdivisions[k]; ok {
				clash("city name", name, subs[j].Code, c.Subdivision)
			}
			if j, ok := ix.cities[k]; ok {
				if cities[j].English != c.English {
					clashes = append(clashes, fmt.Sprintf("city name %q: %s and %s", name, cities[j].English, c.English))
				}
				continue
			}
			ix.cities[k] = i
		}
		if _, ok := ix.codes[c.Subdivision]; !ok {
			clashes = append(clashes, fmt.Sprintf("city %s: unknown subdivision %s", c.English, c.Subdivision))
		}
	}
	return ix, clashes
}

// find resolves a query that has been trimmed and checked.
func (ix index) find(q string) (Match, bool) {
	k := nameKey(q)
	if k == "" {
		return Match{}, false
	}
	if i, ok := ix.codes[codeOf(k)]; ok {
		return Match{Subdivision: subdivisionsCN[i].clone(), Via: ViaCode}, true
	}
	if i, ok := ix.gb[k]; ok {
		return Match{Subdivision: subdivisionsCN[i].clone(), Via: ViaGBCode}, true
	}
	for _, f := range keyForms(k) {
		if i, ok := ix.subdivisions[f]; ok {
			return Match{Subdivision: subdivisionsCN[i].clone(), Via: ViaSubdivision}, true
		}
		if i, ok := ix.cities[f]; ok {
			c := citiesCN[i]
			s := subdivisionsCN[ix.codes[c.Subdivision]]
			return Match{Subdivision: s.clone(), Via: ViaCity, City: c.English}, true
		}
	}
	return Match{}, false
}

// codeOf turns a name key such as "cnhb" into the ISO code "CN-HB" it would
// spell, or "" when it spells none: only the full code, country first, counts.
func codeOf(k string) string {
	if len(k) != 4 || !strings.HasPrefix(k, "cn") {
		return ""
	}
	for i := 2; i < 4; i++ {
		if k[i] < 'a' || k[i] > 'z' {
			return ""
		}
	}
	return "CN-" + strings.ToUpper(k[2:])
}

// names lists every name the subdivision is known by.
func (s Subdivision) names() []string {
	out := []string{s.Pinyin}
	for _, lang := range []string{"en", "zh", "ru", "be"} {
		out = append(out, s.Name[lang])
	}
	return append(out, s.Alt...)
}

// names lists every name the city is known by.
func (c City) names() []string {
	return append([]string{c.English, c.Chinese, c.Pinyin}, c.Alt...)
}
