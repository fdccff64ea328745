package place

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Cyrillic names of Chinese places: the gazetteer's Russian name where it
// has one (an established name such as «Пекин» or «Харбин»), else the name
// in the Palladius system, by which Russian (and, in its own spelling,
// Belarusian) writes Chinese names: Kunming «Куньмин», «Куньмін».

// belarusianNames are established Belarusian names the rules below would
// not give.
var belarusianNames = map[string]string{
	"Beijing": "Пекін", "Hong Kong": "Ганконг", "Macao": "Макаа", "Hohhot": "Хух-Хота",
	"Harbin": "Харбін", "Nanjing": "Нанкін", "Urumqi": "Урумчы", "Kashgar": "Кашгар",
	"Lhasa": "Лхаса", "Taipei": "Тайбэй",
}

// russianNames are established Russian names of cities whose gazetteer entry
// has none: names not from Chinese (Mongolian, Uyghur, Tibetan) and a few
// with a name of their own.
var russianNames = map[string]string{
	"Ordos": "Ордос", "Hulunbuir": "Хулун-Буир", "Manzhouli": "Маньчжурия", "Erenhot": "Эрэн-Хото",
	"Karamay": "Карамай", "Turpan": "Турфан", "Hami": "Хами", "Hotan": "Хотан", "Aksu": "Аксу",
	"Korla": "Корла", "Qiqihar": "Цицикар", "Khorgos": "Хоргос", "Shigatse": "Шигадзе",
	"Nyingchi": "Ньингчи", "Chamdo": "Чамдо", "Nagqu": "Нагчу", "Golmud": "Голмуд",
	"Shangri-La": "Шангри-Ла", "Kaohsiung": "Гаосюн", "Taichung": "Тайчжун", "Tainan": "Тайнань",
}

// belarusianOf are the Belarusian forms of the names in russianNames.
var belarusianOf = map[string]string{
	"Ордос": "Ордас", "Хулун-Буир": "Хулун-Буір", "Маньчжурия": "Маньчжурыя", "Эрэн-Хото": "Эрэн-Хота",
	"Карамай": "Карамай", "Турфан": "Турфан", "Хами": "Хамі", "Хотан": "Хатан", "Аксу": "Аксу",
	"Корла": "Корла", "Цицикар": "Цыцыкар", "Хоргос": "Хоргас", "Шигадзе": "Шыгадзэ",
	"Ньингчи": "Ньінгчы", "Чамдо": "Чамдо", "Нагчу": "Нагчу", "Голмуд": "Голмуд",
	"Шангри-Ла": "Шангры-Ла", "Гаосюн": "Гаасюн", "Тайчжун": "Тайчжун", "Тайнань": "Тайнань",
}

// Name is the city's name in a language of the product (en, zh, ru, be).
func (c City) Name(lang string) string {
	switch lang {
	case "zh":
		return c.Chinese
	case "ru":
		if n := c.russian(); n != "" {
			return n
		}
		return palladius(c.Pinyin, false)
	case "be":
		if n, ok := belarusianNames[c.English]; ok {
			return n
		}
		if n, ok := russianNames[c.English]; ok {
			return belarusianOf[n]
		}
		return palladius(c.Pinyin, true)
	}
	return c.English
}

// russian is the gazetteer's Russian name of the city, or "".
func (c City) russian() string {
	if n, ok := russianNames[c.English]; ok {
		return n
	}
	for _, a := range c.Alt {
		if r, _ := utf8.DecodeRuneInString(a); unicode.Is(unicode.Cyrillic, r) {
			return a
		}
	}
	return ""
}

// CityName is the name of the gazetteer's city with the English name
// english (a Match's City) in lang, or english itself when the gazetteer
// has no such city.
func CityName(english, lang string) string {
	for _, c := range citiesCN {
		if c.English == english {
			return c.Name(lang)
		}
	}
	return english
}

// CityNames is the name of the gazetteer's city with the English name
// english in each language of the product, or nil for no such city.
func CityNames(english string) map[string]string {
	for _, c := range citiesCN {
		if c.English == english {
			return map[string]string{"en": c.Name("en"), "zh": c.Name("zh"), "ru": c.Name("ru"), "be": c.Name("be")}
		}
	}
	return nil
}

// pinyinInitials, longest first, with their Palladius forms.
var pinyinInitials = []struct{ latin, cyrillic string }{
	{"zh", "чж"}, {"ch", "ч"}, {"sh", "ш"},
	{"b", "б"}, {"p", "п"}, {"m", "м"}, {"f", "ф"}, {"d", "д"}, {"t", "т"}, {"n", "н"}, {"l", "л"},
	{"g", "г"}, {"k", "к"}, {"h", "х"}, {"j", "цз"}, {"q", "ц"}, {"x", "с"}, {"r", "ж"},
	{"z", "цз"}, {"c", "ц"}, {"s", "с"}, {"y", ""}, {"w", ""},
}

// pinyinFinals are the finals after a consonant, with their Palladius forms.
var pinyinFinals = map[string]string{
	"a": "а", "o": "о", "e": "э", "ai": "ай", "ei": "эй", "ao": "ао", "ou": "оу", "an": "ань", "en": "энь",
	"ang": "ан", "eng": "эн", "ong": "ун", "er": "эр", "i": "и", "ia": "я", "ie": "е", "iao": "яо", "iu": "ю",
	"ian": "янь", "in": "инь", "iang": "ян", "ing": "ин", "iong": "юн", "u": "у", "ua": "уа", "uo": "о",
	"uai": "уай", "ui": "уй", "uan": "уань", "un": "унь", "uang": "уан", "v": "юй", "ve": "юэ", "ue": "юэ",
}

// zeroInitial are the syllables with no consonant, as pinyin spells them.
var zeroInitial = map[string]string{
	"a": "а", "ai": "ай", "an": "ань", "ang": "ан", "ao": "ао", "e": "э", "ei": "эй", "en": "энь", "eng": "эн",
	"er": "эр", "o": "о", "ou": "оу",
	"ya": "я", "yan": "янь", "yang": "ян", "yao": "яо", "ye": "е", "yi": "и", "yin": "инь", "ying": "ин",
	"yong": "юн", "you": "ю", "yu": "юй", "yuan": "юань", "yue": "юэ", "yun": "юнь",
	"wa": "ва", "wai": "вай", "wan": "вань", "wang": "ван", "wei": "вэй", "wen": "вэнь", "weng": "вэн",
	"wo": "во", "wu": "у",
}

// pinyinSyllable reads the longest pinyin syllable at the start of s and
// returns its Palladius form and its length, or 0 when none starts there.
func pinyinSyllable(s string) (string, int) {
	for _, strict := range []bool{true, false} {
		for n := min(6, len(s)); n > 0; n-- {
			cyr, ok := syllable(s[:n])
			// A syllable ending in n, g or r leaves it to the next one
			// when a vowel follows: "xining" is xi-ning, not xin-ing.
			if ok && strict && n < len(s) && strings.ContainsRune("aeiouv", rune(s[n])) && strings.ContainsRune("ngr", rune(s[n-1])) {
				continue
			}
			if ok {
				return cyr, n
			}
		}
	}
	return "", 0
}

// syllable is the Palladius form of one pinyin syllable.
func syllable(p string) (string, bool) {
	if c, ok := zeroInitial[p]; ok {
		return c, true
	}
	for _, in := range pinyinInitials {
		if in.cyrillic == "" || !strings.HasPrefix(p, in.latin) {
			continue
		}
		fin := p[len(in.latin):]
		switch {
		case fin == "":
			return "", false
		case in.latin == "j" || in.latin == "q" || in.latin == "x":
			// u after j, q, x is ü.
			switch fin {
			case "u":
				return in.cyrillic + "юй", true
			case "ue":
				return in.cyrillic + "юэ", true
			case "uan":
				return in.cyrillic + "юань", true
			case "un":
				return in.cyrillic + "юнь", true
			}
		case fin == "i" && (in.latin == "z" || in.latin == "c" || in.latin == "s"):
			return in.cyrillic + "ы", true
		case fin == "ui" && in.latin == "h":
			return "хуэй", true
		}
		if c, ok := pinyinFinals[fin]; ok {
			return in.cyrillic + c, true
		}
		return "", false
	}
	return "", false
}

// palladius writes toneless pinyin ("Xi'an", "Shijiazhuang") in Cyrillic,
// in Russian or, with belarusian, in Belarusian spelling; a name that is
// not pinyin comes back as it is.
func palladius(pinyin string, belarusian bool) string {
	var parts []string
	for _, word := range strings.FieldsFunc(strings.ToLower(pinyin), func(r rune) bool { return r == ' ' || r == '-' }) {
		var b strings.Builder
		for _, chunk := range strings.Split(word, "'") {
			for chunk != "" {
				cyr, n := pinyinSyllable(chunk)
				if n == 0 {
					return pinyin
				}
				// A syllable of y- after one that ends in a consonant takes
				// the hard sign: Zhangye «Чжанъе», Xingyi «Синъи».
				if prev, _ := utf8.DecodeLastRuneInString(b.String()); chunk[0] == 'y' && prev != utf8.RuneError && !strings.ContainsRune("аеёиоуыэюяьй", prev) {
					b.WriteString("ъ")
				}
				b.WriteString(cyr)
				chunk = chunk[n:]
			}
		}
		parts = append(parts, b.String())
	}
	out := strings.Join(parts, " ")
	if belarusian {
		out = belarusianSpelling(out)
	}
	r, size := utf8.DecodeRuneInString(out)
	return string(unicode.ToUpper(r)) + out[size:]
}

// belarusianSpelling turns a Russian Palladius spelling into Belarusian:
// и is і, but ы after the hard ц, ж, ч, ш; a у that closes a syllable after
// a vowel is ў («Гуанчжоў»); the hard sign is an apostrophe.
func belarusianSpelling(s string) string {
	rs := []rune(s)
	for i, r := range rs {
		prev := rune(0)
		if i > 0 {
			prev = rs[i-1]
		}
		switch {
		case r == 'ъ':
			rs[i] = '\''
		case r == 'и' && strings.ContainsRune("цжчш", prev):
			rs[i] = 'ы'
		case r == 'и':
			rs[i] = 'і'
		case r == 'у' && strings.ContainsRune("ао", prev) && (i+1 == len(rs) || !strings.ContainsRune("аеёиоуыэюяі", rs[i+1])):
			rs[i] = 'ў'
		}
	}
	return string(rs)
}
