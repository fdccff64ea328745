package desk

import (
	"bytes"
	"encoding/json"
	"slices"
)

// fieldChange is one field of an audited change: its value before and
// after, each "" when the field was not there.
type fieldChange struct {
	Field, Before, After string
}

// diffFields compares an audit entry's before and after (JSON, "" for
// none) field by field: the fields of a change that differ, every field
// of a thing created or removed. A value that is not an object is one
// change without a field name.
func diffFields(before, after string) []fieldChange {
	b, bok := fieldsOf(before)
	a, aok := fieldsOf(after)
	if !bok || !aok {
		if before == after {
			return nil
		}
		return []fieldChange{{Before: shown(json.RawMessage(before)), After: shown(json.RawMessage(after))}}
	}
	var names []string
	for k := range b {
		names = append(names, k)
	}
	for k := range a {
		if _, ok := b[k]; !ok {
			names = append(names, k)
		}
	}
	slices.Sort(names)
	var out []fieldChange
	for _, k := range names {
		bv, av := b[k], a[k]
		if bytes.Equal(compact(bv), compact(av)) && before != "" && after != "" {
			continue
		}
		out = append(out, fieldChange{Field: k, Before: shown(bv), After: shown(av)})
	}
	return out
}

// fieldsOf reads an audit value as an object's fields; "" is an object
// with none (the thing did not exist). ok is false for anything else.
func fieldsOf(v string) (map[string]json.RawMessage, bool) {
	if v == "" {
		return map[string]json.RawMessage{}, true
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(v), &m); err != nil || m == nil {
		return nil, false
	}
	return m, true
}

func compact(v json.RawMessage) []byte {
	var b bytes.Buffer
	if json.Compact(&b, v) != nil {
		return v
	}
	return b.Bytes()
}

// shown is a value as people read it: a string without its quotes, null
// and nothing as "", anything else as compact JSON.
func shown(v json.RawMessage) string {
	if len(v) == 0 || string(v) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(v, &s) == nil {
		return s
	}
	return string(compact(v))
}
