package place

import (
	"testing"
	"unicode"
)

// TestCityNamesInFourLanguages: every city of the gazetteer has a name in
// each language, the Russian and Belarusian ones in Cyrillic, so that no
// page shows «город Kunming».
func TestCityNamesInFourLanguages(t *testing.T) {
	for _, c := range citiesCN {
		for _, lang := range []string{"en", "zh", "ru", "be"} {
			n := c.Name(lang)
			if n == "" {
				t.Errorf("%s has no %s name", c.English, lang)
				continue
			}
			if lang != "ru" && lang != "be" {
				continue
			}
			for _, r := range n {
				if unicode.IsLetter(r) && !unicode.Is(unicode.Cyrillic, r) {
					t.Errorf("%s in %s is %q, not Cyrillic", c.English, lang, n)
					break
				}
			}
		}
	}
	for _, tc := range []struct{ english, lang, want string }{
		{"Kunming", "ru", "Куньмин"}, {"Kunming", "be", "Куньмін"}, {"Kunming", "zh", "昆明"}, {"Kunming", "en", "Kunming"},
		{"Chongqing", "ru", "Чунцин"}, {"Chongqing", "be", "Чунцын"},
		{"Chengdu", "be", "Чэнду"}, {"Guangzhou", "be", "Гуанчжоў"}, {"Beijing", "be", "Пекін"},
		{"Wanzhou", "ru", "Ваньчжоу"}, {"Wanzhou", "be", "Ваньчжоў"},
		{"Zhangye", "ru", "Чжанъе"}, {"Zhangye", "be", "Чжан'е"}, {"Xiangyang", "ru", "Сянъян"},
		{"Xining", "ru", "Синин"}, {"Shijiazhuang", "be", "Шыцзячжуан"}, {"Qiqihar", "ru", "Цицикар"},
		{"Urumqi", "ru", "Урумчи"}, {"Lhasa", "be", "Лхаса"}, {"Atlantis", "ru", "Atlantis"},
	} {
		if got := CityName(tc.english, tc.lang); got != tc.want {
			t.Errorf("CityName(%s, %s) = %q, want %q", tc.english, tc.lang, got, tc.want)
		}
	}
}

// TestPalladiusAgreesWithGazetteer: where the gazetteer holds a city's
// established Russian name, the Palladius rules give the same spelling,
// except for the names that are not simply transcribed.
func TestPalladiusAgreesWithGazetteer(t *testing.T) {
	own := map[string]bool{"Beijing": true, "Hong Kong": true, "Macao": true, "Hohhot": true, "Harbin": true,
		"Nanjing": true, "Xiamen": true, "Urumqi": true, "Kashgar": true, "Lhasa": true, "Sanya": true}
	checked := 0
	for _, c := range citiesCN {
		ru := ""
		for _, a := range c.Alt {
			for _, r := range a {
				if unicode.Is(unicode.Cyrillic, r) {
					ru = a
				}
				break
			}
		}
		if ru == "" || own[c.English] {
			continue
		}
		checked++
		if got := palladius(c.Pinyin, false); got != ru {
			t.Errorf("palladius(%q) = %q, the gazetteer says %q", c.Pinyin, got, ru)
		}
	}
	if checked < 40 {
		t.Errorf("only %d names checked", checked)
	}
}
