package place

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// affixes are words around a place name that say what kind of place it is
// ("Hubei Province", "武汉市", "провинция Шэньси"); a query is tried without
// them when it does not match as written. Where one affix ends another, the
// longer comes first ("Special Administrative Region" before "SAR" would do).
var affixes = struct{ suffixes, prefixes []string }{
	suffixes: keys(
		"Special Administrative Region", "特别行政区", "特別行政區",
		"специальный административный район", "спецыяльны адміністрацыйны раён",
		"Autonomous Region", "Zizhiqu", "自治区", "自治區",
		"автономный район", "аўтаномны раён",
		"Autonomous Prefecture", "自治州",
		"Municipality", "直辖市", "直轄市",
		"Province", "Sheng", "省",
		"провинция", "правінцыя",
		"SAR", "City", "Shi", "市",
		"город", "горад",
	),
	prefixes: keys(
		"провинция", "правінцыя",
		"город", "горад",
		"City of", "Province of",
	),
}

// nameKey folds a place name to the form names are compared in: lower case,
// without diacritics, spaces, hyphens, apostrophes or dots, with full-width
// forms made ordinary and the Belarusian і read as the Russian и.
func nameKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFKD.String(s) {
		if ignoredInName(r) {
			continue
		}
		r = unicode.ToLower(r)
		if r == 'і' {
			// Belarusian and Russian spellings differ mostly here (Шэньсі, Шэньси).
			r = 'и'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// ignoredInName reports whether r is left out when names are compared.
func ignoredInName(r rune) bool {
	switch r {
	case '\'', '’', '‘', 'ʼ', 'ʻ', '`', '´', '′', '.', '_', '−':
		return true
	}
	return unicode.IsSpace(r) || unicode.In(r, unicode.Mn, unicode.Pd, unicode.Cf)
}

// keyForms returns the forms of a query's key to try, in order: the key as
// written, then with one affix after another taken off. It never returns an
// empty form.
func keyForms(k string) []string {
	forms := []string{k}
	for range 4 {
		next, ok := trimAffix(k)
		if !ok {
			break
		}
		k = next
		forms = append(forms, k)
	}
	return forms
}

// trimAffix takes the first matching suffix or prefix off k, if something is left.
func trimAffix(k string) (string, bool) {
	for _, s := range affixes.suffixes {
		if len(k) > len(s) && strings.HasSuffix(k, s) {
			return k[:len(k)-len(s)], true
		}
	}
	for _, p := range affixes.prefixes {
		if len(k) > len(p) && strings.HasPrefix(k, p) {
			return k[len(p):], true
		}
	}
	return k, false
}

// keys returns the name keys of words.
func keys(words ...string) []string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = nameKey(w)
	}
	return out
}
