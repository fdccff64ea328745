// Package place knows the host country's first-level subdivisions and a
// gazetteer of its cities, and reads a place name typed or pasted by a person
// (in English, Chinese, Russian, Belarusian or pinyin) as a subdivision.
package place

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chancery-platform/chancery"
)

// Categories of subdivision, as ISO 3166-2:CN names them.
const (
	Province                    = "province"
	Municipality                = "municipality"
	AutonomousRegion            = "autonomous_region"
	SpecialAdministrativeRegion = "special_administrative_region"
)

// Ways a query can be understood, reported in Match.Via.
const (
	ViaCode        = "code"        // an ISO 3166-2 code such as "CN-HB"
	ViaGBCode      = "gb_code"     // a GB/T 2260 code such as "420000"
	ViaSubdivision = "subdivision" // a subdivision's name in any language or pinyin
	ViaCity        = "city"        // the name of a city in the gazetteer
)

// MaxQueryBytes is the longest query Find accepts, after trimming.
const MaxQueryBytes = 100

// Subdivision is a first-level subdivision of a host country (ISO 3166-2).
type Subdivision struct {
	Code     string            // ISO 3166-2, e.g. "CN-SN"
	GB       string            // GB/T 2260 code, e.g. "610000"
	Category string            // "province", "municipality", "autonomous_region", "special_administrative_region"
	Name     map[string]string // keys "en", "zh" (Simplified Chinese), "ru", "be" (Belarusian, Cyrillic)
	Pinyin   string            // toneless pinyin, e.g. "Shaanxi"
	Alt      []string          // other names it is known by: full official names, older spellings
}

// City is a city, or a well-known district of a municipality, in the gazetteer.
type City struct {
	Subdivision string   // ISO 3166-2 code of the subdivision it lies in
	English     string   // the usual English name, e.g. "Xi'an"
	Chinese     string   // Simplified Chinese, e.g. "西安"
	Pinyin      string   // toneless pinyin, e.g. "Xi'an"
	Alt         []string // other spellings: older romanizations, Russian, traditional characters
}

// Match is how a query was understood.
type Match struct {
	Subdivision Subdivision
	Via         string // "code", "gb_code", "subdivision", "city"
	City        string // English name of the matched city when Via == "city"
}

// Subdivisions returns every first-level subdivision of country, sorted by
// code, or nil for a country the package does not know.
func Subdivisions(country string) []Subdivision {
	if !knownCountry(country) {
		return nil
	}
	out := make([]Subdivision, len(subdivisionsCN))
	for i, s := range subdivisionsCN {
		out[i] = s.clone()
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// ByCode returns the subdivision with the ISO 3166-2 code, in any letter case.
func ByCode(code string) (Subdivision, bool) {
	i, ok := lookup.codes[strings.ToUpper(strings.TrimSpace(code))]
	if !ok {
		return Subdivision{}, false
	}
	return subdivisionsCN[i].clone(), true
}

// Find reads query as a subdivision of country: its ISO or GB code, its name in
// any of the four languages or pinyin, or the name of a city in it. Case,
// spaces, hyphens, apostrophes, diacritics and a suffix such as "Province" or
// "市" do not matter. When a query names both a subdivision and a city, the
// subdivision wins.
func Find(country, query string) (Match, error) {
	if !knownCountry(country) {
		return Match{}, chancery.Errorf(chancery.ENOTFOUND, "error.country_unknown", "Country", country)
	}
	q := strings.TrimSpace(query)
	if q == "" {
		return Match{}, chancery.Errorf(chancery.EINVALID, "error.place_empty")
	}
	if len(q) > MaxQueryBytes || !utf8.ValidString(q) || strings.IndexFunc(q, unicode.IsControl) >= 0 {
		return Match{}, chancery.Errorf(chancery.EINVALID, "error.place_invalid")
	}
	if m, ok := lookup.find(q); ok {
		return m, nil
	}
	return Match{}, chancery.Errorf(chancery.ENOTFOUND, "error.place_not_found", "Query", q)
}

// knownCountry reports whether the package has data for country, an ISO
// 3166-1 alpha-2 code in any letter case.
func knownCountry(country string) bool {
	return strings.EqualFold(strings.TrimSpace(country), "CN")
}

// clone returns a copy that shares no map or slice with the package's data,
// so callers cannot change it.
func (s Subdivision) clone() Subdivision {
	names := make(map[string]string, len(s.Name))
	for k, v := range s.Name {
		names[k] = v
	}
	s.Name = names
	s.Alt = append([]string(nil), s.Alt...)
	return s
}
