package place

import (
	"sort"
	"testing"
)

func TestCountries(t *testing.T) {
	if !sort.StringsAreSorted(countryCodes) || len(countryCodes) != 249 {
		t.Fatalf("the ISO 3166-1 list must be sorted and hold 249 codes, has %d", len(countryCodes))
	}
	for _, c := range []struct{ code, lang, want string }{
		{"CN", "en", "China"}, {"BY", "zh", "白俄罗斯"}, {"CN", "ru", "Китай"}, {"CN", "be", "Кітай"}, {"ZZ", "en", "ZZ"}, {"BY", "xx-invalid!", "Belarus"},
	} {
		if got := CountryName(c.code, c.lang); got != c.want {
			t.Errorf("CountryName(%s, %s) = %q, want %q", c.code, c.lang, got, c.want)
		}
	}
	if !IsCountry("BY") || IsCountry("ZZ") || IsCountry("UK") {
		t.Error("IsCountry does not follow ISO 3166-1")
	}
	for _, lang := range []string{"en", "zh", "ru", "be"} {
		list := Countries(lang)
		if len(list) != 249 {
			t.Fatalf("%s: %d countries", lang, len(list))
		}
		for _, c := range list {
			if c.Name == c.Code {
				t.Errorf("%s: %s has no name", lang, c.Code)
			}
		}
	}
	en := Countries("en")
	if en[0].Name != "Afghanistan" {
		t.Errorf("English list starts with %q", en[0].Name)
	}
}

// TestNationalities checks the list a nationality is chosen from: today's
// names (Eswatini, not Swaziland), no territory without nationals, sorted
// as a reader of each language expects.
func TestNationalities(t *testing.T) {
	for _, c := range []struct{ code, lang, want string }{
		{"SZ", "en", "Eswatini"}, {"SZ", "ru", "Эсватини"}, {"SZ", "be", "Эсваціні"}, {"SZ", "zh-Hans", "斯威士兰"},
		{"MK", "en", "North Macedonia"}, {"MK", "zh-Hans", "北马其顿"}, {"MK", "ru", "Северная Македония"}, {"TR", "en", "Türkiye"},
	} {
		if got := CountryName(c.code, c.lang); got != c.want {
			t.Errorf("CountryName(%s, %s) = %q, want %q", c.code, c.lang, got, c.want)
		}
	}
	for _, lang := range []string{"en", "zh-Hans", "ru", "be"} {
		list := Nationalities(lang)
		codes := map[string]bool{}
		for _, c := range list {
			codes[c.Code] = true
			if c.Name == "Swaziland" || c.Name == "Свазиленд" || c.Name == "Свазіленд" || c.Name == "Macedonia" {
				t.Errorf("%s: %s is still called %q", lang, c.Code, c.Name)
			}
		}
		for _, code := range []string{"AQ", "BV", "HM", "TF", "GS", "UM"} {
			if codes[code] || HasNationals(code) {
				t.Errorf("%s: the nationality list offers %s, a territory without nationals", lang, code)
			}
		}
		for _, code := range []string{"BY", "CN", "SZ", "HK", "TW", "PS"} {
			if !codes[code] || !HasNationals(code) {
				t.Errorf("%s: the nationality list lacks %s", lang, code)
			}
		}
		if len(list) != len(countryCodes)-6 {
			t.Errorf("%s: %d nationalities", lang, len(list))
		}
		// Sorted in the reader's language: Eswatini after Estonia in English,
		// Беларусь before Китай in Russian.
		before := func(a, b string) {
			i, j := -1, -1
			for k, c := range list {
				if c.Code == a {
					i = k
				}
				if c.Code == b {
					j = k
				}
			}
			if i < 0 || j < 0 || i > j {
				t.Errorf("%s: %s comes after %s", lang, a, b)
			}
		}
		switch lang {
		case "en":
			before("EE", "SZ")
			before("SZ", "ET")
		case "ru", "be":
			before("BY", "CN")
		case "zh-Hans":
			before("BY", "CN") // 白俄罗斯 (bái) before 中国 (zhōng) in pinyin order
		}
	}
}
