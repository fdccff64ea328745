package names

import "unicode/utf8"

// Terms returns the index terms of a text, for a search index that finds a
// record by any word of it: the keys of its words (Tokens), and for a run
// of Chinese characters, which has no spaces between its words, each
// character and every pair of neighbouring characters. A query is
// found where every one of its own terms is a term of the record, so 重庆
// finds 重庆市 (terms 重庆, 庆市), and 叶梅利扬诺夫 and 德米特里叶梅利扬诺夫
// both find 德米特里·叶梅利扬诺夫.
// Each term appears once, in the order first met.
func Terms(texts ...string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(t string) {
		if t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	bigrams := func(run []rune) {
		for _, r := range run {
			add(string(r))
		}
		for i := 0; i+1 < len(run); i++ {
			add(string(run[i : i+2]))
		}
	}
	for _, s := range texts {
		// Chinese words next to each other (德米特里·叶梅利扬诺夫) are one
		// run, so a query written without the dot finds them too.
		var run []rune
		for _, tok := range Tokens(s) {
			if isHan(tok) {
				run = append(run, []rune(tok)...)
				continue
			}
			bigrams(run)
			run = run[:0]
			add(tok)
		}
		bigrams(run)
	}
	return out
}

// MaxTermBytes bounds a term's length in bytes: longer words are cut (at
// a character boundary), so an index column can be bounded.
const MaxTermBytes = 64

// Bounded cuts a term to MaxTermBytes at a character boundary.
func Bounded(t string) string {
	if len(t) <= MaxTermBytes {
		return t
	}
	cut := MaxTermBytes
	for cut > 0 && !utf8.RuneStart(t[cut]) {
		cut--
	}
	return t[:cut]
}
