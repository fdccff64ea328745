// Package names brings the names of people, places and organisations written
// in Latin, Cyrillic (Belarusian and Russian) and Chinese to forms that can be
// compared, so that search and de-duplication treat an entity's aliases as
// one: Dzmitry Yemelyanau, Dmitry Yemelyanov, Дзмітрый Емяльянаў, Дмитрий
// Емельянов and 德米特里·叶梅利扬诺夫 are one person.
//
// It holds the transliteration tables that official documents use
// (BelarusianPassport, RussianPassport, RussianBGN), a search key that folds
// the usual spelling variants together (Key, Tokens), and the test of whether
// a query finds an entity by its aliases (Match). Chinese has no
// transliteration link: a Chinese name is found only through a recorded
// Chinese alias.
package names

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// letterTable gives the Latin of a lower-case Cyrillic letter in context: rs
// is the text, i the letter's index. ok is false for a rune the table does not
// cover, which is then copied as it is.
type letterTable func(rs []rune, i int) (latin string, ok bool)

// transliterate writes s in Latin letter by letter through table, giving each
// Latin letter or group the case of the Cyrillic letter it stands for.
func transliterate(s string, table letterTable) string {
	rs := []rune(s) // invalid UTF-8 becomes U+FFFD, so the result is valid
	var b strings.Builder
	b.Grow(len(s) + len(s)/4)
	for i, r := range rs {
		latin, ok := table(rs, i)
		if !ok {
			b.WriteRune(r)
			continue
		}
		b.WriteString(withCase(latin, rs, i))
	}
	return b.String()
}

// withCase gives lower-case latin the case of the letter rs[i]. A capital
// written with several Latin letters is all capitals inside a word in
// capitals (СВЯТЛАНА, SVIATLANA) and a title otherwise (Щука, Shchuka).
func withCase(latin string, rs []rune, i int) string {
	if !unicode.IsUpper(rs[i]) || latin == "" {
		return latin
	}
	if utf8.RuneCountInString(latin) == 1 || upperWord(rs, i) {
		return strings.ToUpper(latin)
	}
	first, size := utf8.DecodeRuneInString(latin)
	return string(unicode.ToUpper(first)) + latin[size:]
}

// upperWord reports whether the capital rs[i] stands in a word of capitals:
// the next letter is a capital, or, at the end of a word, the letter before.
func upperWord(rs []rune, i int) bool {
	if i+1 < len(rs) && unicode.IsLetter(rs[i+1]) {
		return unicode.IsUpper(rs[i+1])
	}
	return i > 0 && unicode.IsUpper(rs[i-1])
}

// letterAt reports whether rs[i] exists and is a letter.
func letterAt(rs []rune, i int) bool {
	return i >= 0 && i < len(rs) && unicode.IsLetter(rs[i])
}

// isApostrophe reports whether r is one of the marks typed for the Belarusian
// and Ukrainian apostrophe, the Russian hard and soft signs in romanized
// text, or an apostrophe in a Latin name (O'Brien, Yemel'yanov).
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', 'ʼ', 'ʻ', 'ʹ', 'ʺ', '`', '´', '′', '″', '"':
		return true
	}
	return false
}

// passportTable returns the letterTable of a passport table: letters gives
// the Latin of each lower-case letter, whatever its place, and an apostrophe
// between two letters is dropped.
func passportTable(letters map[rune]string) letterTable {
	return func(rs []rune, i int) (string, bool) {
		if cyrillicApostrophe(rs, i) {
			return "", true
		}
		latin, ok := letters[unicode.ToLower(rs[i])]
		return latin, ok
	}
}

// cyrillicApostrophe reports whether rs[i] is an apostrophe between two
// Cyrillic letters (сям’я, Дар'я), the only place the passport tables drop it.
func cyrillicApostrophe(rs []rune, i int) bool {
	return isApostrophe(rs[i]) && i > 0 && i+1 < len(rs) &&
		unicode.Is(unicode.Cyrillic, rs[i-1]) && unicode.Is(unicode.Cyrillic, rs[i+1])
}
