package documents

import (
	"context"
	"time"

	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/casework"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/paper"
	"github.com/chancery-platform/chancery/seal"
)

// letterheadLangs are the languages of the letterhead: the mission's own
// (Belarusian) first.
var letterheadLangs = []string{"be", "ru", "zh", "en"}

// print renders d as a PDF in lang, or in its applicant's language.
func (ds *Documents) print(ctx context.Context, d seal.Document, lang string) ([]byte, error) {
	t, own, err := ds.db.DocumentCase(ctx, d)
	if err != nil {
		return nil, err
	}
	if lang == "" {
		lang = own
	}
	m, err := ds.db.Mission(ctx, d.Mission)
	if err != nil {
		return nil, err
	}
	return paper.Render(ds.Letter(d, t, m, lang))
}

// Letter is the document d of a case of type t at mission m, worded in
// lang: what the PDF prints.
func (ds *Documents) Letter(d seal.Document, t casework.CaseType, m mission.Mission, lang string) paper.Letter {
	tr := func(key string, data ...any) string {
		vals := map[string]any{}
		for i := 0; i+1 < len(data); i += 2 {
			vals[data[i].(string)] = data[i+1]
		}
		return ds.words(lang, key, vals)
	}
	l := paper.Letter{Address: m.Address.In(lang), Code: d.Code, URL: ds.base + VerifyLink(d.Code),
		CodeLabel: tr("seal.verify_at"), Note: tr("seal.paper_note"), Issued: d.Issued}
	seen := map[string]bool{}
	for _, ll := range letterheadLangs {
		if n := m.Name.In(ll); !seen[n] {
			seen[n] = true
			l.Letterhead = append(l.Letterhead, n)
		}
	}
	typeName, result := t.Name.In(lang), d.Result
	if r, ok := t.Result(d.Result); ok {
		result = r.Name.In(lang)
	}
	l.Title = tr("seal.title."+d.Result, "Type", typeName)
	holder := d.Holder
	if holder == "" {
		holder = "—"
	}
	l.Fields = [][2]string{
		{tr("seal.field.kind"), typeName},
		{tr("seal.field.result"), result},
		{tr("seal.field.reference"), d.Reference},
		{tr("seal.field.holder"), holder},
		{tr("seal.field.issued"), Day(ds.words, lang, d.Issued)},
	}
	if !d.Expires.IsZero() {
		l.Fields = append(l.Fields, [2]string{tr("seal.field.expires"), Day(ds.words, lang, d.Expires)})
	}
	l.Body = []string{tr("seal.body."+d.Result, "Type", typeName, "Reference", d.Reference)}
	if d.Result == "refused" {
		for _, id := range d.Reasons {
			for _, r := range t.Refusals {
				if r.ID == id {
					l.Body = append(l.Body, "• "+r.Text.In(lang))
				}
			}
		}
		if !t.Appeal.Empty() {
			l.Body = append(l.Body, tr("seal.appeal"), t.Appeal.In(lang))
		}
	}
	return l
}

// Kind names a record's case type and result in lang, and its mission,
// falling back to the ids the record holds for what is not on file.
func (ds *Documents) Kind(ctx context.Context, rec seal.Record, lang string) (string, mission.Text) {
	kind, result := rec.CaseType, rec.Result
	name := mission.Text{"en": rec.Mission}
	if m, err := ds.db.Mission(ctx, rec.Mission); err == nil {
		name = m.Name
	}
	if t, err := ds.db.CaseType(ctx, rec.Mission, rec.CaseType, 0); err == nil {
		kind = t.Name.In(lang)
		if res, ok := t.Result(rec.Result); ok {
			result = res.Name.In(lang)
		}
	}
	return kind + " — " + result, name
}

// Day writes a record's date (a day, UTC) in lang.
func Day(words Words, lang string, t time.Time) string {
	return mission.LongDate(mission.Words(words), lang, calendar.DateOf(t, time.UTC))
}
