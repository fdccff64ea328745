package mission

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"maps"
	"strings"
	"unicode/utf8"
)

// Languages are the languages every public text is written in.
var Languages = []string{"en", "zh", "ru", "be"}

// Missing returns the languages of Languages that t has no text for, in
// that order; none when t is empty (a field left blank needs no translation).
func (t Text) Missing() []string {
	if t.Empty() {
		return nil
	}
	var out []string
	for _, l := range Languages {
		if strings.TrimSpace(t[l]) == "" {
			out = append(out, l)
		}
	}
	return out
}

// Empty reports whether t has no text in any language.
func (t Text) Empty() bool {
	for _, s := range t {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

// English returns t with s as its English text: how a note written before
// notes had translations is read.
func English(s string) Text {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return Text{"en": s}
}

// UnmarshalJSON reads a text as an object of languages, or, as notes were
// stored before they had translations, as a plain string taken as English.
func (t *Text) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*t = English(s)
		return nil
	}
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	*t = m
	return nil
}

// Scan reads a text stored as a JSON object, or as a plain string (English).
func (t *Text) Scan(v any) error {
	var s string
	switch v := v.(type) {
	case nil:
		*t = nil
		return nil
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return fmt.Errorf("mission.Text: cannot scan %T", v)
	}
	if strings.HasPrefix(strings.TrimSpace(s), "{") {
		var m map[string]string
		if err := json.Unmarshal([]byte(s), &m); err != nil {
			return fmt.Errorf("mission.Text: %w", err)
		}
		*t = m
		return nil
	}
	*t = English(s)
	return nil
}

// Value stores a text as a JSON object ("" when it is empty).
func (t Text) Value() (driver.Value, error) {
	if t.Empty() {
		return "", nil
	}
	b, err := json.Marshal(map[string]string(t))
	return string(b), err
}

// Longest returns the length in characters of t's longest text, for limits.
func (t Text) Longest() int {
	n := 0
	for _, s := range t {
		if c := utf8.RuneCountInString(s); c > n {
			n = c
		}
	}
	return n
}

// Equal reports whether t and o hold the same texts; an empty text equals nil.
func (t Text) Equal(o Text) bool {
	if t.Empty() || o.Empty() {
		return t.Empty() && o.Empty()
	}
	return maps.Equal(t, o)
}
