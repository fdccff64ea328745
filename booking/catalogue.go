package booking

import (
	"errors"
	"strings"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/mission"
)

// Catalogue is what a service's page tells a person before they book, in
// the four languages: what the service is for and who may use it, the
// documents to bring, how long it takes to process, and the fee. Where it
// happens is the mission's address and how long the visit takes is the
// service's Duration, so neither is kept twice.
type Catalogue struct {
	Description    mission.Text   `json:"description,omitempty"`
	Documents      []mission.Text `json:"documents,omitempty"` // one item each, in order
	ProcessingTime mission.Text   `json:"processing_time,omitempty"`
	Fee            Fee            `json:"fee"`
}

// The kinds of a service's fee.
const (
	FeeByMission = "set_by_mission" // the mission sets it; no source is known
	FeeTable     = "fee_table"      // the visa fee table's rows, each with its source
	FeeText      = "text"           // a fee written out, with the passage of the source that states it
)

// Fee is what a service costs: the rows of the fee table for the mission's
// country (Kind FeeTable), a text citing its source (FeeText), or the
// mission's own word (FeeByMission, with an optional text). A fee whose
// text cites no source is the mission's, never shown as sourced.
type Fee struct {
	Kind     string           `json:"kind"`
	Text     mission.Text     `json:"text,omitempty"`
	Citation mission.Citation `json:"citation,omitzero"`
}

// Sourced reports whether the fee rests on a source: the fee table (whose
// rows cite theirs) or a text with a quoted passage.
func (f Fee) Sourced() bool {
	switch f.Kind {
	case FeeTable:
		return true
	case FeeText:
		return f.Citation.SourceID != "" && !f.Citation.SetByMission
	}
	return false
}

// Normal returns the fee as stored and shown: a text without a source is
// the mission's own, and a fee set by the mission carries no source.
func (f Fee) Normal() Fee {
	switch {
	case f.Kind == FeeTable:
		return Fee{Kind: FeeTable}
	case f.Kind == FeeText && strings.TrimSpace(f.Citation.SourceID) != "":
		return Fee{Kind: FeeText, Text: f.Text, Citation: mission.Citation{SourceID: strings.TrimSpace(f.Citation.SourceID),
			Quote: strings.TrimSpace(f.Citation.Quote), Translation: f.Citation.Translation, Note: f.Citation.Note}}
	}
	out := Fee{Kind: FeeByMission, Text: f.Text}
	if !f.Citation.Note.Empty() {
		out.Citation = mission.Citation{SetByMission: true, Note: f.Citation.Note}
	}
	return out
}

// Limits of a catalogue entry's texts, in characters of one language.
const (
	MaxDescription = 2000
	MaxDocument    = 300
	MaxDocuments   = 30
	MaxShortText   = 300
	MaxQuote       = 2000
)

// Validate checks a catalogue entry: texts within their limits, no empty
// document, and a sourced fee with its passage. Errors are EINVALID
// "error.service_invalid" naming the field.
func (c Catalogue) Validate() error {
	var errs []error
	bad := func(field string) {
		errs = append(errs, chancery.Errorf(chancery.EINVALID, "error.service_invalid", "Field", field))
	}
	if c.Description.Longest() > MaxDescription {
		bad("description")
	}
	docsOK := len(c.Documents) <= MaxDocuments
	for _, d := range c.Documents {
		docsOK = docsOK && !d.Empty() && d.Longest() <= MaxDocument
	}
	if !docsOK {
		bad("documents")
	}
	if c.ProcessingTime.Longest() > MaxShortText {
		bad("processing_time")
	}
	switch c.Fee.Kind {
	case FeeByMission, FeeTable, "":
		if c.Fee.Text.Longest() > MaxShortText {
			bad("fee_text")
		}
		if c.Fee.Citation.SourceID != "" || c.Fee.Citation.Quote != "" {
			bad("fee_source")
		}
	case FeeText:
		if c.Fee.Text.Empty() || c.Fee.Text.Longest() > MaxShortText {
			bad("fee_text")
		}
		if c.Fee.Citation.SourceID == "" || c.Fee.Citation.SetByMission {
			bad("fee_source")
		}
		if q := strings.TrimSpace(c.Fee.Citation.Quote); q == "" || len([]rune(q)) > MaxQuote {
			bad("fee_quote")
		}
	default:
		bad("fee_kind")
	}
	if c.Fee.Citation.Note.Longest() > MaxShortText {
		bad("fee_note")
	}
	return errors.Join(errs...)
}

// Clean returns the catalogue as stored: texts trimmed, languages without
// text and documents without any text dropped, and the fee Normal.
func (c Catalogue) Clean() Catalogue {
	out := Catalogue{Description: cleanText(c.Description), ProcessingTime: cleanText(c.ProcessingTime), Fee: c.Fee.Normal()}
	for _, d := range c.Documents {
		if d := cleanText(d); d != nil {
			out.Documents = append(out.Documents, d)
		}
	}
	out.Fee.Text = cleanText(out.Fee.Text)
	out.Fee.Citation.Note = cleanText(out.Fee.Citation.Note)
	out.Fee.Citation.Translation = cleanText(out.Fee.Citation.Translation)
	return out
}

// cleanText trims each language's text and drops the empty ones; nil when
// none is left.
func cleanText(t mission.Text) mission.Text {
	var out mission.Text
	for lang, s := range t {
		if s = strings.TrimSpace(s); s != "" {
			if out == nil {
				out = mission.Text{}
			}
			out[lang] = s
		}
	}
	return out
}
