package names

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Key returns the search and de-duplication key of a name: the keys of its
// words (see Tokens) joined by single spaces. Spellings of one name across
// scripts and transliteration systems have the same key:
//
//	Key("Dzmitry Yemelyanau") == Key("Дмитрий Емельянов") == "dmitri amalanav"
//	Key("Kapyl") == Key("Копыль") == "kapil"
//
// Key(Key(s)) == Key(s). The key is for comparing, never for showing.
func Key(s string) string {
	return strings.Join(Tokens(s), " ")
}

// Tokens returns the keys of the words of a name, in order, so that a part
// of a name can be matched: Tokens("Dmitry Yemelyanov") is ["dmitri",
// "amalanav"], and Key("Yemelyanov") is its second token.
//
// Words are separated by spaces, punctuation, hyphens (Rimsky-Korsakov is two
// words, like Rimsky Korsakov) and the middle dot that separates the parts
// of a Chinese rendering of a foreign name (德米特里·叶梅利扬诺夫). Apostrophes
// and accents are dropped inside a word. Chinese characters are kept as they
// are, after full-width forms are made ordinary, and a run of them is a word
// of its own. Every other word is folded as foldWord describes.
func Tokens(s string) []string {
	var (
		tokens []string
		word   []rune
		han    bool
	)
	flush := func() {
		if len(word) == 0 {
			return
		}
		t := string(word)
		if !han {
			t = foldWord(word)
		}
		if t != "" {
			tokens = append(tokens, t)
		}
		word = word[:0]
	}
	rs := []rune(norm.NFC.String(s))
	for i, r := range rs {
		if isApostrophe(r) || r == '·' && alphabetic(rs, i-1) && alphabetic(rs, i+1) {
			continue // inside a word: O'Brien, Yemel'yanov, BGN's t·s
		}
		for _, r := range compatible(r) {
			switch {
			case isApostrophe(r) || unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
				// apostrophes that compatibility brings (ŉ is ʼn), accents,
				// invisible format characters
			case unicode.Is(unicode.Han, r):
				if !han {
					flush()
				}
				han = true
				word = append(word, r)
			case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mc, r):
				if han {
					flush()
				}
				han = false
				word = append(word, unicode.ToLower(r))
			default:
				flush()
			}
		}
	}
	flush()
	return tokens
}

// alphabetic reports whether rs[i] is a Latin or Cyrillic letter.
func alphabetic(rs []rune, i int) bool {
	return i >= 0 && i < len(rs) && unicode.In(rs[i], unicode.Latin, unicode.Cyrillic)
}

// compatible returns r in its compatibility form (NFKC): full-width letters
// and digits made ordinary (Ｄｍｉｔｒｙ, ２０２１), ligatures split (ﬁ).
// ASCII, Cyrillic and the common Chinese characters are already in it.
func compatible(r rune) string {
	if r < 0x80 || 0x400 <= r && r < 0x530 || 0x4e00 <= r && r < 0xa000 {
		return string(r)
	}
	return norm.NFKC.String(string(r))
}
