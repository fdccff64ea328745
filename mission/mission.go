// Package mission describes diplomatic missions, their consular districts and
// the sources that back every statement about them, and decides which mission
// serves a person who lives in a given host-country subdivision.
package mission

import (
	"encoding/json"
	"reflect"
	"sort"
	"time"
)

// Kind is what sort of post a mission is.
type Kind string

// Kinds of mission, in the order of precedence used when none claims a subdivision.
const (
	Embassy          Kind = "embassy"
	ConsulateGeneral Kind = "consulate_general"
	Consulate        Kind = "consulate"
	Office           Kind = "office" // e.g. an office of a consulate general
)

// ValidKind reports whether k is one of the known kinds.
func ValidKind(k Kind) bool {
	switch k {
	case Embassy, ConsulateGeneral, Consulate, Office:
		return true
	}
	return false
}

// Text is a short text in several languages, keyed by language tag
// ("en", "zh", "ru", "be").
type Text map[string]string

// In returns the text in lang, falling back to English and then to any language.
func (t Text) In(lang string) string {
	if s := t[lang]; s != "" {
		return s
	}
	if s := t["en"]; s != "" {
		return s
	}
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if t[k] != "" {
			return t[k]
		}
	}
	return ""
}

// Mission is one diplomatic or consular post of a sending country.
type Mission struct {
	ID       string // stable slug, e.g. "by-cg-chongqing"
	Country  string // sending country, ISO 3166-1 alpha-2 ("BY")
	Host     string // host country, ISO 3166-1 alpha-2 ("CN")
	Kind     Kind
	Name     Text
	City     Text
	TimeZone string // IANA name; the mission's calendar and clock
	Address  Text
	Phone    string
	Email    string
	Website  string
	Hours    Text // office hours as published
	// Directions say how to get to the mission (transport, entrance), and
	// Emergency whom a citizen in distress calls out of hours; both are set
	// by the mission, empty until it publishes them.
	Directions Text
	Emergency  Text
	OpenedOn   string // YYYY-MM-DD, "" when unknown
	Head       Head   // the newest head the sources name, shown "as of" their date
	// FormerHeads are earlier heads, newest first, each with the dates the
	// sources give, so that a reader sees who preceded the head named now.
	FormerHeads []Head
	// DistrictKnown is false when no public source describes the district;
	// the jurisdiction answer then says so instead of implying the district is empty.
	DistrictKnown bool
	Notes         Text
	Citations     []Citation // sources for the mission's own facts
	UpdatedAt     time.Time
}

// Head is the head of a mission as far as the sources name one. A head is
// never shown as current: only "as of" the date of the source that names them.
type Head struct {
	Name   Text   `json:"name"`
	Title  Text   `json:"title"`
	Since  string `json:"since,omitempty"`  // YYYY-MM-DD, YYYY-MM or YYYY, "" when unknown
	Until  string `json:"until,omitempty"`  // for a former head: when their term ended, as far as known
	AsOf   string `json:"as_of,omitempty"`  // date of the newest source that names them, so readers can judge
	Source string `json:"source,omitempty"` // id of that source, "" when none is held
}

// Source is a document that statements cite: an article, a law, a web page.
type Source struct {
	ID        string // stable slug, e.g. "ichongqing-2021-02-01"
	Title     string // "" when the document has none: shown as "untitled"
	Publisher string
	Published string   // YYYY-MM-DD, YYYY-MM or YYYY; "" when undated
	DateKind  DateKind // what Published is: a publication date or only a page's display date
	URL       string
	Language  string // language of the document, e.g. "en", or "en+zh" for a bilingual text
	VersionOf string // the source this one is a version of (a republication, a translation), or ""
	Note      Text
}

// DateKind says what a source's date is.
type DateKind string

// The kinds of a source's date.
const (
	DatePublished DateKind = "published"  // the date the document was published
	DatePageDated DateKind = "page_dated" // only the date a page displays, e.g. a republication's header
	DateUndated   DateKind = "undated"    // no date is known
)

// Kind returns the kind of the source's date: the stored kind, or, for a
// source stored without one, published when it has a date and undated when not.
func (s Source) Kind() DateKind {
	switch {
	case s.DateKind != "":
		return s.DateKind
	case s.Published == "":
		return DateUndated
	}
	return DatePublished
}

// Work is the source that stands for s and its versions when support is
// weighed or sources are counted: the source s is a version of, or s itself.
func (s Source) Work() string {
	if s.VersionOf != "" {
		return s.VersionOf
	}
	return s.ID
}

// Equal reports whether s and o describe the source alike.
func (s Source) Equal(o Source) bool {
	a, b := s, o
	a.Note, b.Note = nil, nil
	return reflect.DeepEqual(a, b) && s.Note.Equal(o.Note)
}

// Citation is a statement's ground: a passage of a source (a sourced
// statement), or the mission's own word where no source was found (a
// statement set by the mission, with a note saying what the mission set and
// no source or quote).
type Citation struct {
	SourceID     string  `json:"source,omitempty"`
	Quote        string  `json:"quote,omitempty"`          // the passage, verbatim, in the source's language
	Translation  Text    `json:"translation,omitempty"`    // the passage translated, shown beside it and marked so
	SetByMission bool    `json:"set_by_mission,omitempty"` // the mission's own statement, not a source's
	Note         Text    `json:"note,omitempty"`           // how the passage is read, or what the mission set
	Source       *Source `json:"-"`                        // filled in when read with its source
}

// citationJSON is a citation as the API shows it and the record stores it:
// its kind always said, so a reader never takes the mission's word for a source's.
type citationJSON struct {
	Kind         string `json:"kind"`
	SourceID     string `json:"source,omitempty"`
	Quote        string `json:"quote,omitempty"`
	Translation  Text   `json:"translation,omitempty"`
	SetByMission bool   `json:"set_by_mission,omitempty"` // read, as the dataset file writes it; written as kind
	Note         Text   `json:"note,omitempty"`
}

// MarshalJSON writes the citation with its "kind": "sourced" or "set_by_mission".
func (c Citation) MarshalJSON() ([]byte, error) {
	return json.Marshal(citationJSON{Kind: c.Kind(), SourceID: c.SourceID, Quote: c.Quote, Translation: c.Translation, Note: c.Note})
}

// UnmarshalJSON reads a citation written with or without its kind (one
// stored before kinds were kept is sourced).
func (c *Citation) UnmarshalJSON(b []byte) error {
	var j citationJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*c = Citation{SourceID: j.SourceID, Quote: j.Quote, Translation: j.Translation, Note: j.Note,
		SetByMission: j.SetByMission || j.Kind == SetByMission}
	return nil
}

// The kinds of a statement.
const (
	SourcedStatement = "sourced"        // a passage of a source
	SetByMission     = "set_by_mission" // the mission's own configuration
)

// Kind is SourcedStatement or SetByMission.
func (c Citation) Kind() string {
	if c.SetByMission {
		return SetByMission
	}
	return SourcedStatement
}

// CountWorks returns how many distinct sources the citations rest on,
// counting the versions of one source once and statements set by the
// mission not at all. sources resolves a source id to its source; a source
// it does not know counts as its own work.
func CountWorks(cites []Citation, sources func(id string) (Source, bool)) int {
	seen := map[string]bool{}
	for _, c := range cites {
		if c.SetByMission {
			continue
		}
		work := c.SourceID
		if c.Source != nil {
			work = c.Source.Work()
		} else if sources != nil {
			if s, ok := sources(c.SourceID); ok {
				work = s.Work()
			}
		}
		seen[work] = true
	}
	return len(seen)
}

// Membership says that a host-country subdivision belongs to a mission's
// consular district over a date range.
type Membership struct {
	ID          int64
	MissionID   string
	Subdivision string // ISO 3166-2 code, e.g. "CN-SN"
	ValidFrom   string // YYYY-MM-DD
	ValidTo     string // YYYY-MM-DD inclusive, "" while in force
	// Note says why the subdivision is read as part of the district where
	// the sources disagree about it; empty otherwise.
	Note Text
}

// ActiveOn reports whether the membership is in force on day (YYYY-MM-DD).
func (m Membership) ActiveOn(day string) bool {
	return m.ValidFrom <= day && (m.ValidTo == "" || day <= m.ValidTo)
}

// Claim is what one source says a mission's district is: the passage and the
// subdivisions it names, as read. Claims are kept as the sources have them,
// so that disagreement between sources can be shown rather than hidden.
type Claim struct {
	ID           int64
	MissionID    string
	Citation     Citation
	Subdivisions []string  // ISO 3166-2 codes the passage names, as read
	Readings     []Reading // names in the passage that need a word of explanation
}

// Reading explains how a name in a passage was read, e.g. "Shanxi" read as
// Shaanxi (CN-SN) because the Chinese text of the same source says 陕西.
type Reading struct {
	Written     string // as written in the passage
	Subdivision string // the code it was read as
	// Literal is the code the written name denotes taken literally, when that
	// is another subdivision (CN-SX for "Shanxi"), so that the answer for it
	// can say why the passage is not read as naming it.
	Literal string `json:",omitempty"`
	Note    Text
}

// Names reports whether the claim names the subdivision.
func (c Claim) Names(code string) bool {
	for _, s := range c.Subdivisions {
		if s == code {
			return true
		}
	}
	return false
}
