package cooperation

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/names"
)

// Record is any record of the relationship as storage and search see it:
// its kind, its identifier, the date it is ordered by, and the terms a
// search finds it by: the words of its names and titles and of its
// descriptions (about, outcome, wording), in every language it has.
type Record interface {
	RecordKind() string
	RecordID() string
	RecordDate() string // partial date; "" when undated
	Terms() []string
}

// Record kinds.
const (
	KindEntity      = "entity"
	KindRole        = "role"
	KindPartnership = "partnership"
	KindAgreement   = "agreement"
	KindEvent       = "event"
	KindCorridor    = "corridor"
	KindTrade       = "trade"
)

// RecordKinds are the kinds in the order pages and the API list them.
var RecordKinds = []string{KindEntity, KindPartnership, KindAgreement, KindEvent, KindCorridor, KindTrade, KindRole}

// texts lists a text in every language it has.
func texts(t mission.Text) []string {
	out := make([]string, 0, len(t))
	for _, lang := range []string{"en", "zh", "ru", "be"} {
		if s := t[lang]; s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (e Entity) RecordKind() string { return KindEntity }
func (e Entity) RecordID() string   { return e.ID }
func (e Entity) RecordDate() string { return "" }
func (e Entity) Terms() []string    { return names.Terms(append(e.Names(), texts(e.About)...)...) }

func (r Role) RecordKind() string { return KindRole }

// RecordID is the person, the organisation, the start and the title: a
// person may hold several roles in one organisation (acting head, then
// head) that the sources do not date.
func (r Role) RecordID() string {
	return r.Person + "@" + r.Organisation + "@" + r.From + "@" + slug(r.Title.In("en"), 60)
}

// slug writes a title as lower-case letters and digits joined by hyphens,
// at most n bytes long.
func slug(s string, n int) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= n {
			break
		}
	}
	return b.String()
}
func (r Role) RecordDate() string { return r.From }
func (r Role) Terms() []string    { return names.Terms(texts(r.Title)...) }

func (p Partnership) RecordKind() string { return KindPartnership }
func (p Partnership) RecordID() string   { return p.ID }
func (p Partnership) RecordDate() string { return p.Since }
func (p Partnership) Terms() []string    { return nil } // found through its parties

func (a Agreement) RecordKind() string { return KindAgreement }
func (a Agreement) RecordID() string   { return a.ID }
func (a Agreement) RecordDate() string { return a.Date }
func (a Agreement) Terms() []string    { return names.Terms(append(texts(a.Title), a.Place)...) }

func (e Event) RecordKind() string { return KindEvent }
func (e Event) RecordID() string   { return e.ID }
func (e Event) RecordDate() string { return e.Start }
func (e Event) Terms() []string {
	return names.Terms(append(append(texts(e.Title), e.Place), texts(e.Outcome)...)...)
}

func (c Corridor) RecordKind() string { return KindCorridor }
func (c Corridor) RecordID() string   { return c.ID }
func (c Corridor) RecordDate() string { return c.Since }
func (c Corridor) Terms() []string {
	return names.Terms(append(append(texts(c.Name), c.Route...), texts(c.About)...)...)
}

func (t TradeFigure) RecordKind() string { return KindTrade }
func (t TradeFigure) RecordID() string   { return t.ID }

// RecordDate is the period's first month (or its year).
func (t TradeFigure) RecordDate() string {
	if len(t.Period) >= 7 {
		return t.Period[:7]
	}
	return t.Period
}
func (t TradeFigure) Terms() []string { return names.Terms(texts(t.Wording)...) }
