package matchmaking

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/mission"
)

// Countries are the two sides matchmaking pairs: Belarus and China.
var Countries = []string{"BY", "CN"}

// Languages of a profile's detail.
var Languages = []string{"en", "zh", "ru", "be"}

// MaxDetail bounds a profile's detail in each language, in characters.
const MaxDetail = 2000

// Profile is what one organisation (or a region or group in the record)
// declares it offers and seeks, by HS section. EntityID names a
// cooperation.Entity of the record; Country is that entity's.
type Profile struct {
	EntityID  string             `json:"entity"`
	Country   string             `json:"country"`
	Offers    Set                `json:"offers"`
	Seeks     Set                `json:"seeks"`
	Detail    mission.Text       `json:"detail,omitempty"` // what exactly, in the languages given
	Citations []mission.Citation `json:"citations,omitempty"`
}

// Check checks a profile: a record's identifier, Belarus or China, at
// least one section offered or sought, and a bounded detail in known
// languages. Every problem is reported, each naming its field ("entity",
// "country", "sections", "detail" or "detail_LANG", "citations"), joined.
func (p Profile) Check() error {
	errs := []error{cooperation.CheckID("entity", p.EntityID)}
	if !knownCountry(p.Country) {
		errs = append(errs, chancery.Errorf(chancery.EINVALID, "error.match_country", "Value", bounded(p.Country, 10), "Field", "country"))
	}
	if p.Offers.Len() == 0 && p.Seeks.Len() == 0 {
		errs = append(errs, chancery.Errorf(chancery.EINVALID, "error.match_empty", "Field", "sections"))
	}
	for _, lang := range slices.Sorted(maps.Keys(p.Detail)) {
		text := p.Detail[lang]
		if !knownLanguage(lang) {
			errs = append(errs, chancery.Errorf(chancery.EINVALID, "error.match_language", "Value", bounded(lang, 10), "Field", "detail"))
			continue
		}
		if utf8.RuneCountInString(text) > MaxDetail || !utf8.ValidString(text) {
			errs = append(errs, chancery.Errorf(chancery.ETOOLARGE, "error.match_detail_long", "Max", MaxDetail, "Field", "detail_"+lang))
		}
	}
	for _, c := range p.Citations {
		if c.SetByMission && c.Validate() == nil {
			continue
		}
		if c.SourceID == "" || strings.TrimSpace(c.Quote) == "" {
			errs = append(errs, chancery.Errorf(chancery.EINVALID, "error.match_citation", "Field", "citations"))
			break
		}
	}
	return errors.Join(errs...)
}

// Entity checks that the profile belongs with an entity of the record: an
// organisation or a place (a region, a group) of the profile's country,
// never a person.
func (p Profile) Entity(e cooperation.Entity) error {
	if e.Kind == cooperation.Person {
		return chancery.Errorf(chancery.EINVALID, "error.match_person", "ID", e.ID)
	}
	if e.Country != p.Country {
		return chancery.Errorf(chancery.EINVALID, "error.match_entity_country", "ID", e.ID, "Country", e.Country)
	}
	return nil
}

func knownCountry(c string) bool {
	for _, k := range Countries {
		if c == k {
			return true
		}
	}
	return false
}

func knownLanguage(l string) bool {
	for _, k := range Languages {
		if l == k {
			return true
		}
	}
	return false
}
