// Package mission describes diplomatic missions, their consular districts and
// the sources that back every statement about them, and decides which mission
// serves a person who lives in a given host-country subdivision.
package mission

import (
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
	Hours    Text   // office hours as published
	OpenedOn string // YYYY-MM-DD, "" when unknown
	Head     Head   // the newest head the sources name, shown "as of" their date
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
	Title     string
	Publisher string
	Published string // YYYY-MM-DD, YYYY-MM or YYYY; "" when undated
	URL       string
	Language  string // language of the document
	Note      Text
}

// Equal reports whether s and o describe the source alike.
func (s Source) Equal(o Source) bool {
	a, b := s, o
	a.Note, b.Note = nil, nil
	return reflect.DeepEqual(a, b) && s.Note.Equal(o.Note)
}

// Citation points at a passage of a source.
type Citation struct {
	SourceID string  `json:"source"`
	Quote    string  `json:"quote"`          // the passage, verbatim
	Note     Text    `json:"note,omitempty"` // how the passage is read, where that needs saying
	Source   *Source `json:"-"`              // filled in when read with its source
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
