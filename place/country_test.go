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
