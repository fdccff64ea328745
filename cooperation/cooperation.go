// Package cooperation is the record of what a mission exists to grow: the
// people, places and organisations of the relationship, their partnerships
// and agreements, the events that bring them together, the logistics
// corridors between them, and the trade figures that measure it. Every
// fact carries the citations it rests on; where two sources state a fact
// differently, both statements are kept (see Disagreements).
//
// The package is plain Go: the rules of what a valid record is, with no
// storage and no HTTP.
package cooperation

import (
	"math/big"
	"regexp"
	"strings"

	"golang.org/x/text/currency"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/names"
)

// Kind is what an entity is.
type Kind string

// Kinds of entities.
const (
	Person       Kind = "person"
	Organisation Kind = "organisation"
	Place        Kind = "place" // a region, city, district or park
)

// Alias is another way an entity's name is written: a transliteration, a
// spelling in another script, or a misspelling a source used.
type Alias struct {
	Text string       `json:"text,omitempty"`
	Lang string       `json:"lang,omitempty"` // en, zh, ru, be, or "" for a Latin spelling of no one language
	Note mission.Text `json:"note,omitempty"` // e.g. "Russian spelling", "misspelt in the source"
}

// Entity is a person, place or organisation of the relationship.
type Entity struct {
	ID        string             `json:"id"`
	Kind      Kind               `json:"kind"`
	Country   string             `json:"country,omitempty"` // ISO 3166-1 alpha-2: BY, CN, …
	Name      mission.Text       `json:"name"`
	Aliases   []Alias            `json:"aliases,omitempty"`
	About     mission.Text       `json:"about,omitempty"`
	Citations []mission.Citation `json:"citations,omitempty"`
}

// Names are every way the entity is written: its name in each language
// and its aliases, for search and de-duplication.
func (e Entity) Names() []string {
	var out []string
	for _, lang := range []string{"en", "zh", "ru", "be"} {
		if s := e.Name[lang]; s != "" {
			out = append(out, s)
		}
	}
	for _, a := range e.Aliases {
		out = append(out, a.Text)
	}
	return out
}

// Matches reports whether a search query finds the entity by any of its
// names, across scripts and transliterations (names.Match).
func (e Entity) Matches(query string) (score float64, ok bool) {
	return names.Match(query, e.Names())
}

// Role is a position a person held in an organisation over a time.
type Role struct {
	Person       string             `json:"person,omitempty"` // entity IDs
	Organisation string             `json:"organisation,omitempty"`
	Title        mission.Text       `json:"title,omitempty"`
	From         string             `json:"from,omitempty"` // partial dates; To "" while held
	To           string             `json:"to,omitempty"`
	Citations    []mission.Citation `json:"citations,omitempty"`
}

// Relation kinds: how two places or organisations are tied.
const (
	SisterRegions    = "sister_regions"
	SisterCities     = "sister_cities"
	SisterMemorandum = "sister_memorandum" // a memorandum on establishing sister relations
	Cooperation      = "cooperation"
)

// Partnership ties two entities.
type Partnership struct {
	ID        string             `json:"id"`
	Kind      string             `json:"kind"`
	A         string             `json:"a"` // entity IDs
	B         string             `json:"b"`
	Since     string             `json:"since,omitempty"` // partial date, "" when the sources do not say
	Citations []mission.Citation `json:"citations,omitempty"`
}

// Money is an amount in a currency. Currency is "" when the source does
// not state it, which the pages say rather than guess. Approximate is set
// where the source gives the amount as approximate ("approximately 227
// million"), which the pages keep saying in every language.
type Money struct {
	Amount      string `json:"amount"`                // a non-negative decimal, e.g. "1020000000"
	Currency    string `json:"currency,omitempty"`    // ISO 4217
	Approximate bool   `json:"approximate,omitempty"` // the source says "approximately", "about"
}

// Agreement is a signed document: a statement, an agreement, a programme,
// a memorandum or a contract, or a package of them (Count).
type Agreement struct {
	ID        string             `json:"id"`
	Kind      string             `json:"kind"`
	Title     mission.Text       `json:"title,omitempty"`
	Date      string             `json:"date,omitempty"`    // partial date
	Place     string             `json:"place,omitempty"`   // where it was signed, as the source says
	Parties   []string           `json:"parties,omitempty"` // entity IDs
	Value     *Money             `json:"value,omitempty"`
	Count     int                `json:"count,omitempty"` // how many documents, when a source gives a package (0: one)
	Citations []mission.Citation `json:"citations,omitempty"`
}

// Event is a forum, fair, exhibition, festival, visit, press tour or award.
type Event struct {
	ID        string             `json:"id"`
	Kind      string             `json:"kind"`
	Title     mission.Text       `json:"title,omitempty"`
	Start     string             `json:"start,omitempty"` // partial dates; End "" for a single day or when unknown
	End       string             `json:"end,omitempty"`
	Place     string             `json:"place,omitempty"` // entity ID when the place is in the record, else its name
	Outcome   mission.Text       `json:"outcome,omitempty"`
	Citations []mission.Citation `json:"citations,omitempty"`
}

// Corridor is a logistics route between the two countries.
type Corridor struct {
	ID        string             `json:"id"`
	Name      mission.Text       `json:"name"`
	Since     string             `json:"since,omitempty"` // partial date
	Route     []string           `json:"route,omitempty"` // the places it runs through, in order
	About     mission.Text       `json:"about,omitempty"`
	Citations []mission.Citation `json:"citations,omitempty"`
}

// Flows of trade.
const (
	Total   = "total" // imports and exports together
	Imports = "import"
	Exports = "export"
)

// TradeFigure is one statement of trade between two areas over a period.
type TradeFigure struct {
	ID       string           `json:"id"`
	Area     string           `json:"area,omitempty"`   // e.g. "CN-CQ/BY": Chongqing's trade with Belarus
	Period   string           `json:"period,omitempty"` // a year "2023", or months "2022-01/2022-08"
	Flow     string           `json:"flow,omitempty"`
	Value    *Money           `json:"value,omitempty"`   // nil when the source gives only the change
	Change   string           `json:"change,omitempty"`  // year-on-year change in percent, a decimal that may be negative; "" when not given
	Wording  mission.Text     `json:"wording,omitempty"` // how the source puts it, when it gives no number ("more than doubled")
	Citation mission.Citation `json:"citation,omitempty"`
}

// Key is what two statements of the same figure share: the same area,
// period and flow. Two figures with one key from different sources are a
// disagreement when they differ.
func (t TradeFigure) Key() string { return t.Area + " " + t.Period + " " + t.Flow }

var (
	idPattern     = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,79}$`)
	datePattern   = regexp.MustCompile(`^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$`)
	periodPattern = regexp.MustCompile(`^[0-9]{4}(-(0[1-9]|1[0-2])/[0-9]{4}-(0[1-9]|1[0-2]))?$`)
	amountPattern = regexp.MustCompile(`^[0-9]{1,18}(\.[0-9]{1,6})?$`)
	changePattern = regexp.MustCompile(`^-?[0-9]{1,6}(\.[0-9]{1,3})?$`)
)

// ErrCurrency: an amount's currency is not an ISO 4217 code in capitals.
var ErrCurrency = chancery.Errorf(chancery.EINVALID, "error.coop_currency")

func invalid(field, key string, kv ...any) error {
	return chancery.Errorf(chancery.EINVALID, key, append([]any{"Field", field}, kv...)...)
}

// CheckID checks a record's identifier: lower-case letters, digits and
// hyphens.
func CheckID(field, id string) error {
	if !idPattern.MatchString(id) {
		return invalid(field, "error.coop_id", "Value", id)
	}
	return nil
}

// CheckDate checks a partial date: YYYY, YYYY-MM or YYYY-MM-DD. An empty
// date is allowed only where optional is set.
func CheckDate(field, d string, optional bool) error {
	if d == "" && optional {
		return nil
	}
	if !datePattern.MatchString(d) {
		return invalid(field, "error.coop_date", "Value", d)
	}
	if len(d) == 10 {
		if _, err := calendar.ParseDate(d); err != nil {
			return invalid(field, "error.coop_date", "Value", d)
		}
	}
	return nil
}

// CheckPeriod checks a trade period: a year, or a range of months within
// one year, first month no later than the last.
func CheckPeriod(field, p string) error {
	if !periodPattern.MatchString(p) {
		return invalid(field, "error.coop_period", "Value", p)
	}
	if from, to, ok := strings.Cut(p, "/"); ok && (from[:4] != to[:4] || to < from) {
		return invalid(field, "error.coop_period", "Value", p)
	}
	return nil
}

// Check checks an amount of money: a non-negative decimal and an ISO 4217
// currency, or no currency where the source states none.
func (m Money) Check(field string) error {
	if !amountPattern.MatchString(m.Amount) {
		if strings.HasPrefix(strings.TrimSpace(m.Amount), "-") {
			return invalid(field, "error.coop_negative", "Value", m.Amount)
		}
		return invalid(field, "error.coop_amount", "Value", m.Amount)
	}
	if m.Currency != "" {
		if _, err := currency.ParseISO(m.Currency); err != nil || strings.ToUpper(m.Currency) != m.Currency {
			return ErrCurrency.With("Field", field, "Value", m.Currency)
		}
	}
	return nil
}

// Rat is the amount as an exact rational number.
func (m Money) Rat() *big.Rat {
	r, ok := new(big.Rat).SetString(m.Amount)
	if !ok {
		return new(big.Rat)
	}
	return r
}

// CheckChange checks a year-on-year change in percent.
func CheckChange(field, c string) error {
	if c != "" && !changePattern.MatchString(c) {
		return invalid(field, "error.coop_change", "Value", c)
	}
	return nil
}
