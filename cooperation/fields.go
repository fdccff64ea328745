package cooperation

import (
	"bytes"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"github.com/chancery-platform/chancery"
)

// A Column is one field of a record as a flat table sees it, named by its
// path in the record's JSON: "id" (a string), "name.en" (a key of an
// object: a text in one language, an amount, a citation), "count#" (a
// whole number), "value.approximate?" (yes or no: "true" or nothing), "parties[]" (a list of strings) or "citations[].quote" (a
// key of each object of a list). Staff forms and CSV files are both made
// of these columns, so they read and write records alike.
type Column string

// List is the list the column belongs to ("citations" for
// "citations[].quote"), or "" for a column of one value.
func (c Column) List() string {
	if i := strings.Index(string(c), "[]"); i >= 0 {
		return string(c)[:i]
	}
	return ""
}

// Key is the column's last name: "quote" for "citations[].quote", "en" for
// "name.en", "parties" for "parties[]".
func (c Column) Key() string {
	s := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(string(c), "#"), "?"), "[]")
	if i := strings.LastIndexAny(s, ".]"); i >= 0 {
		return s[i+1:]
	}
	return s
}

// Parent is the object holding a one-value column ("name" for "name.en"),
// or "" for a column of the record itself.
func (c Column) Parent() string {
	if c.List() != "" {
		return ""
	}
	if p, _, ok := strings.Cut(strings.TrimSuffix(string(c), "?"), "."); ok {
		return p
	}
	return ""
}

// Path is where the column's value sits: in each item of its list for a
// list's column (["note", "en"] for "citations[].note.en"), else in the
// record (["name", "en"] for "name.en", ["count"] for "count#").
func (c Column) Path() []string {
	s := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(string(c), "#"), "?"), "[]")
	if list := c.List(); list != "" {
		s = strings.TrimPrefix(strings.TrimPrefix(s, list+"[]"), ".")
		if s == "" {
			return nil
		}
	}
	return strings.Split(s, ".")
}

// dig is the value at path in nested JSON objects, or nil.
func dig(v any, path []string) any {
	for _, k := range path {
		obj, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = obj[k]
	}
	return v
}

// put sets the value at path in nested JSON objects, making them as needed.
func put(obj map[string]any, path []string, v any) {
	for _, k := range path[:len(path)-1] {
		next, ok := obj[k].(map[string]any)
		if !ok {
			next = map[string]any{}
			obj[k] = next
		}
		obj = next
	}
	obj[path[len(path)-1]] = v
}

func textColumns(field string) []Column {
	return []Column{Column(field + ".en"), Column(field + ".zh"), Column(field + ".ru"), Column(field + ".be")}
}

func join(parts ...[]Column) []Column {
	var out []Column
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func cols(names ...string) []Column {
	out := make([]Column, len(names))
	for i, n := range names {
		out[i] = Column(n)
	}
	return out
}

// citationColumns are a citation's: its kind ("sourced", the default, or
// "set_by_mission"), its source and quote, their translation and its note.
var citationColumns = cols("citations[].source", "citations[].quote",
	"citations[].note.en", "citations[].note.zh", "citations[].note.ru", "citations[].note.be",
	"citations[].kind", "citations[].translation.en", "citations[].translation.zh", "citations[].translation.ru", "citations[].translation.be")

// Columns are each kind's columns in the order forms and CSV files show them.
var Columns = map[string][]Column{
	KindEntity: join(cols("id", "kind", "country"), textColumns("name"), textColumns("about"),
		cols("aliases[].text", "aliases[].lang", "aliases[].note.en", "aliases[].note.zh", "aliases[].note.ru", "aliases[].note.be"),
		citationColumns),
	KindRole:        join(cols("person", "organisation"), textColumns("title"), cols("from", "to"), citationColumns),
	KindPartnership: join(cols("id", "kind", "a", "b", "since"), citationColumns),
	KindAgreement: join(cols("id", "kind"), textColumns("title"), cols("date", "place", "parties[]", "value.amount", "value.currency", "value.approximate?", "count#"),
		citationColumns),
	KindEvent:    join(cols("id", "kind"), textColumns("title"), cols("start", "end", "place"), textColumns("outcome"), citationColumns),
	KindCorridor: join(cols("id"), textColumns("name"), cols("since", "route[]"), textColumns("about"), citationColumns),
	KindTrade: join(cols("id", "area", "period", "flow", "value.amount", "value.currency", "value.approximate?", "change"), textColumns("wording"),
		cols("citation.source", "citation.quote", "citation.note.en", "citation.note.zh", "citation.note.ru", "citation.note.be",
			"citation.kind", "citation.translation.en", "citation.translation.zh", "citation.translation.ru", "citation.translation.be")),
}

// Fields are a record's values by column: one value for a column of one
// value, one per item for a list's columns (the lists' items aligned by
// position).
type Fields map[Column][]string

// Get is the column's first value, or "".
func (f Fields) Get(c Column) string {
	if v := f[c]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// Items is how many items the record's longest list has.
func (f Fields) Items(kind string) int {
	n := 0
	for _, c := range Columns[kind] {
		if c.List() != "" {
			n = max(n, len(f[c]))
		}
	}
	return n
}

// FieldsOf writes a record as its columns.
func FieldsOf(rec Record) Fields {
	raw, _ := json.Marshal(rec)
	var doc map[string]any
	_ = json.Unmarshal(raw, &doc)
	f := Fields{}
	for _, c := range Columns[rec.RecordKind()] {
		switch list := c.List(); {
		case list != "":
			items, _ := doc[list].([]any)
			for _, it := range items {
				if obj, ok := it.(map[string]any); ok {
					f[c] = append(f[c], scalar(dig(obj, c.Path())))
				} else {
					f[c] = append(f[c], scalar(it))
				}
			}
		case c.Parent() != "":
			if v := scalar(dig(doc, c.Path())); v != "" {
				f[c] = []string{v}
			}
		default:
			// A count of 0 is no count (omitempty): one document.
			if v := scalar(doc[c.Key()]); v != "" && !(v == "0" && strings.HasSuffix(string(c), "#")) {
				f[c] = []string{v}
			}
		}
	}
	return f
}

func scalar(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		if x {
			return "true"
		}
	}
	return ""
}

// NewRecord returns an empty record of a kind, or false for a kind there is not.
func NewRecord(kind string) (Record, bool) {
	switch kind {
	case KindEntity:
		return Entity{}, true
	case KindRole:
		return Role{}, true
	case KindPartnership:
		return Partnership{}, true
	case KindAgreement:
		return Agreement{}, true
	case KindEvent:
		return Event{}, true
	case KindCorridor:
		return Corridor{}, true
	case KindTrade:
		return TradeFigure{}, true
	}
	return nil, false
}

// Assemble reads a record of a kind from its columns. Values are trimmed;
// an empty value leaves its field out, and a list item whose values are
// all empty is no item (a form's blank rows). Only the form of the values
// is checked here (whole numbers); Check checks the rest.
func Assemble(kind string, f Fields) (Record, error) {
	if _, ok := NewRecord(kind); !ok {
		return nil, invalid("kind", "error.coop_kind", "Value", kind, "Allowed", strings.Join(RecordKinds, ", "))
	}
	var unread []error // the values that are not what their column holds, every one
	doc := map[string]any{}
	lists := map[string][]map[string]any{}
	strs := map[string][]any{}
	for _, c := range Columns[kind] {
		vals := f[c]
		switch list := c.List(); {
		case list != "" && strings.HasSuffix(string(c), "[]"):
			for _, v := range vals {
				if v = strings.TrimSpace(v); v != "" {
					strs[list] = append(strs[list], v)
				}
			}
		case list != "":
			items := lists[list]
			for len(items) < len(vals) {
				items = append(items, map[string]any{})
			}
			for i, v := range vals {
				if v = strings.TrimSpace(v); v != "" {
					put(items[i], c.Path(), v)
				}
			}
			lists[list] = items
		default:
			v := strings.TrimSpace(f.Get(c))
			if v == "" {
				continue
			}
			var val any = v
			if strings.HasSuffix(string(c), "#") {
				n, err := strconv.Atoi(v)
				if err != nil {
					unread = append(unread, invalid(strings.TrimSuffix(string(c), "#"), "error.coop_number", "Value", v))
					continue
				}
				val = n
			}
			if strings.HasSuffix(string(c), "?") {
				b, err := strconv.ParseBool(v)
				if err != nil {
					unread = append(unread, invalid(strings.TrimSuffix(string(c), "?"), "error.coop_yes_no", "Value", v))
					continue
				}
				if !b {
					continue
				}
				val = true
			}
			put(doc, c.Path(), val)
		}
	}
	if len(unread) > 0 {
		return nil, errors.Join(unread...)
	}
	for list, items := range lists {
		var kept []map[string]any
		for _, it := range items {
			if len(it) > 0 {
				kept = append(kept, it)
			}
		}
		if len(kept) > 0 {
			doc[list] = kept
		}
	}
	for list, vs := range strs {
		doc[list] = vs
	}
	raw, err := json.Marshal(doc)
	if err != nil {
		return nil, err
	}
	return DecodeRecord(kind, raw)
}

// DecodeRecord reads a record of a kind from its JSON, refusing fields the
// kind does not have.
func DecodeRecord(kind string, raw []byte) (Record, error) {
	dec := func(v any) error {
		d := json.NewDecoder(bytes.NewReader(raw))
		d.DisallowUnknownFields()
		if err := d.Decode(v); err != nil {
			return chancery.Errorf(chancery.EINVALID, "error.record_json", "Problem", err.Error())
		}
		return nil
	}
	switch kind {
	case KindEntity:
		return decodeAs[Entity](dec)
	case KindRole:
		return decodeAs[Role](dec)
	case KindPartnership:
		return decodeAs[Partnership](dec)
	case KindAgreement:
		return decodeAs[Agreement](dec)
	case KindEvent:
		return decodeAs[Event](dec)
	case KindCorridor:
		return decodeAs[Corridor](dec)
	case KindTrade:
		return decodeAs[TradeFigure](dec)
	}
	return nil, invalid("kind", "error.coop_kind", "Value", kind, "Allowed", strings.Join(RecordKinds, ", "))
}

func decodeAs[T Record](dec func(any) error) (Record, error) {
	var r T
	if err := dec(&r); err != nil {
		return nil, err
	}
	return r, nil
}
