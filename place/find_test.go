package place

import (
	"errors"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery"
)

func TestFindErrors(t *testing.T) {
	tests := []struct {
		name, country, query string
		code, key            string
		data                 map[string]any
	}{
		{"empty", "CN", "", chancery.EINVALID, "error.place_empty", nil},
		{"only spaces", "CN", " \t\n ", chancery.EINVALID, "error.place_empty", nil},
		{"too long", "CN", strings.Repeat("a", MaxQueryBytes+1), chancery.EINVALID, "error.place_invalid", nil},
		{"too long in Chinese", "CN", strings.Repeat("武", 34), chancery.EINVALID, "error.place_invalid", nil},
		{"invalid UTF-8", "CN", "Wu\xffhan", chancery.EINVALID, "error.place_invalid", nil},
		{"control character", "CN", "Wu\x00han", chancery.EINVALID, "error.place_invalid", nil},
		{"escape character", "CN", "\x1b[31mWuhan", chancery.EINVALID, "error.place_invalid", nil},
		{"unknown place", "CN", "Minsk", chancery.ENOTFOUND, "error.place_not_found", map[string]any{"Query": "Minsk"}},
		{"unknown place is reported trimmed", "CN", " Gomel ", chancery.ENOTFOUND, "error.place_not_found", map[string]any{"Query": "Gomel"}},
		{"code without the country", "CN", "hb", chancery.ENOTFOUND, "error.place_not_found", map[string]any{"Query": "hb"}},
		{"unknown code", "CN", "CN-XX", chancery.ENOTFOUND, "error.place_not_found", map[string]any{"Query": "CN-XX"}},
		{"GB code of a prefecture", "CN", "420100", chancery.ENOTFOUND, "error.place_not_found", map[string]any{"Query": "420100"}},
		{"only a suffix", "CN", "Province", chancery.ENOTFOUND, "error.place_not_found", map[string]any{"Query": "Province"}},
		{"only punctuation", "CN", "'-'", chancery.ENOTFOUND, "error.place_not_found", map[string]any{"Query": "'-'"}},
		{"wrong country", "BY", "Minsk", chancery.ENOTFOUND, "error.country_unknown", map[string]any{"Country": "BY"}},
		{"no country", "", "Wuhan", chancery.ENOTFOUND, "error.country_unknown", map[string]any{"Country": ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Find(tt.country, tt.query)
			var e *chancery.Error
			if !errors.As(err, &e) {
				t.Fatalf("Find(%q, %q) = %+v, %v; want a *chancery.Error", tt.country, tt.query, m, err)
			}
			if e.Code != tt.code || e.Key != tt.key {
				t.Errorf("got %s %s, want %s %s", e.Code, e.Key, tt.code, tt.key)
			}
			if len(e.Data) != len(tt.data) {
				t.Errorf("data %v, want %v", e.Data, tt.data)
			}
			for k, v := range tt.data {
				if e.Data[k] != v {
					t.Errorf("data %s = %v, want %v", k, e.Data[k], v)
				}
			}
		})
	}
}

func TestFindLengthLimit(t *testing.T) {
	// A query of exactly the limit is read, not rejected.
	q := strings.Repeat("x", MaxQueryBytes)
	if _, err := Find("CN", q); chancery.ErrorCode(err) != chancery.ENOTFOUND {
		t.Errorf("Find of %d bytes: %v, want not found", len(q), err)
	}
}

func FuzzFind(f *testing.F) {
	for _, seed := range []string{
		"", "Wuhan", "武汉市", "Xi'an", "CN-SN", "420000", "Шэньсі", "Ürümqi",
		"Guangxi Zhuang Autonomous Region", "провинция", "\xff", "市", "ＣＮ－ＳＮ",
	} {
		f.Add("CN", seed)
	}
	f.Add("BY", "Minsk")
	f.Fuzz(func(t *testing.T, country, query string) {
		m, err := Find(country, query)
		if err == nil {
			if _, ok := ByCode(m.Subdivision.Code); !ok {
				t.Fatalf("Find(%q, %q) matched unknown subdivision %q", country, query, m.Subdivision.Code)
			}
			if (m.Via == ViaCity) != (m.City != "") {
				t.Fatalf("Find(%q, %q) via %s with city %q", country, query, m.Via, m.City)
			}
			return
		}
		var e *chancery.Error
		if !errors.As(err, &e) {
			t.Fatalf("Find(%q, %q): %v is not a *chancery.Error", country, query, err)
		}
		if e.Code != chancery.EINVALID && e.Code != chancery.ENOTFOUND {
			t.Fatalf("Find(%q, %q): code %s", country, query, e.Code)
		}
	})
}
