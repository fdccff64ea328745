package place

import (
	"sort"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// iso3166 lists the officially assigned ISO 3166-1 alpha-2 codes.
const iso3166 = `AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP
KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT
MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG
UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW`

var countryCodes = strings.Fields(iso3166)

// Country is a country or territory with an ISO 3166-1 alpha-2 code.
type Country struct {
	Code string
	Name string // in the language asked for
}

// CountryName names an ISO 3166-1 alpha-2 code in a language (en, zh, ru,
// be, or any BCP 47 tag), from the CLDR data of golang.org/x/text. It
// returns the code itself when the code or the language is unknown.
func CountryName(code, lang string) string {
	if !IsCountry(code) {
		return code
	}
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	return regionName(display.Regions(tag), tag, code)
}

// renamed holds the names CLDR gives today where the CLDR of
// golang.org/x/text still has the old one: Eswatini (renamed in 2018,
// CLDR 34), North Macedonia (2019, CLDR 35) and Türkiye (2022, CLDR 42).
// Keyed by code, then by base language.
var renamed = map[string]map[string]string{
	"SZ": {"en": "Eswatini", "ru": "Эсватини", "be": "Эсваціні"},
	"MK": {"en": "North Macedonia", "zh": "北马其顿", "ru": "Северная Македония", "be": "Паўночная Македонія"},
	"TR": {"en": "Türkiye"},
}

// regionName names code in tag's language: today's name where the country
// was renamed, else CLDR's, else the code.
func regionName(names display.Namer, tag language.Tag, code string) string {
	base, _ := tag.Base()
	if n := renamed[code][base.String()]; n != "" {
		return n
	}
	if n := names.Name(language.MustParseRegion(code)); n != "" {
		return n
	}
	return code
}

// uninhabited are the ISO 3166-1 territories without a permanent
// population, so without nationals: Antarctica, Bouvet Island, Heard and
// McDonald Islands, the French Southern Territories, South Georgia and the
// South Sandwich Islands, the United States Minor Outlying Islands.
var uninhabited = map[string]bool{"AQ": true, "BV": true, "HM": true, "TF": true, "GS": true, "UM": true}

// HasNationals reports whether code is a country or territory people can
// be nationals of: an assigned ISO 3166-1 code with a permanent population.
func HasNationals(code string) bool { return IsCountry(code) && !uninhabited[code] }

// Nationalities lists the countries and territories people can be
// nationals of (see HasNationals), named and sorted as Countries.
func Nationalities(lang string) []Country {
	all := Countries(lang)
	out := all[:0:0]
	for _, c := range all {
		if !uninhabited[c.Code] {
			out = append(out, c)
		}
	}
	return out
}

// IsCountry reports whether code is an assigned ISO 3166-1 alpha-2 code.
func IsCountry(code string) bool {
	i := sort.SearchStrings(countryCodes, code)
	return i < len(countryCodes) && countryCodes[i] == code
}

// Countries lists every assigned ISO 3166-1 code with its name in lang,
// sorted as a reader of that language expects.
func Countries(lang string) []Country {
	tag, err := language.Parse(lang)
	if err != nil {
		tag = language.English
	}
	names := display.Regions(tag)
	out := make([]Country, 0, len(countryCodes))
	for _, c := range countryCodes {
		out = append(out, Country{Code: c, Name: regionName(names, tag, c)})
	}
	col := collate.New(tag)
	sort.SliceStable(out, func(i, j int) bool { return col.CompareString(out[i].Name, out[j].Name) < 0 })
	return out
}
