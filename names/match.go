package names

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Scores of a query word against a word of an alias.
const (
	exactScore = 1.0 // the keys are equal
	typoScore  = 0.8 // the keys differ by one letter (see typo)
	typo2Score = 0.6 // long keys that differ by two letters
)

// Match reports whether a search query finds an entity known by aliases, and
// how well, from 0 to 1, to rank what it finds: 1 when the query is one of
// the aliases (after Key), less when it names only a part of one
// ("Yemelyanov" in "Dzmitry Yemelyanau") or has a misspelling.
//
// Every word of the query (Tokens) must match a word of one alias:
//   - its key is equal to the alias word's key; or
//   - it is Chinese and stands inside the alias's Chinese text, with or
//     without the separating dots (叶梅利扬诺夫 in 德米特里·叶梅利扬诺夫, 重庆 in
//     重庆市), since Chinese does not separate words; or
//   - both keys have at least six letters, begin with the same letter, and
//     differ by one letter (two for keys of ten or more): a misspelling.
//     Shorter keys must be equal: Minsk and Pinsk, five letters apart by
//     one, are different towns. So "Koper", a misspelling of Kopyl in a
//     source, is found only when it is recorded as an alias.
//
// The score of an alias is the sum of its words' scores over the number of
// words in the longer of query and alias; the entity's score is its best
// alias's. An empty query finds nothing.
func Match(query string, aliases []string) (score float64, ok bool) {
	q := Tokens(query)
	if len(q) == 0 {
		return 0, false
	}
	for _, alias := range aliases {
		if s, found := matchTokens(q, Tokens(alias)); found && s > score {
			score, ok = s, true
		}
	}
	return score, ok
}

// matchTokens scores query words against the words of one alias.
func matchTokens(query, alias []string) (float64, bool) {
	if len(alias) == 0 {
		return 0, false
	}
	han := hanText(alias)
	var sum float64
	for _, q := range query {
		best := 0.0
		for _, a := range alias {
			if s := matchWord(q, a); s > best {
				best = s
			}
		}
		if best == 0 && han != "" && isHan(q) && strings.Contains(han, q) {
			best = float64(utf8.RuneCountInString(q)) / float64(utf8.RuneCountInString(han))
		}
		if best == 0 {
			return 0, false
		}
		sum += best
	}
	return sum / float64(max(len(query), len(alias))), true
}

// matchWord scores one query word against one alias word, 0 for no match.
func matchWord(q, a string) float64 {
	if q == a {
		return exactScore
	}
	if isHan(q) {
		if isHan(a) && strings.Contains(a, q) {
			return float64(utf8.RuneCountInString(q)) / float64(utf8.RuneCountInString(a))
		}
		return 0
	}
	switch typo(q, a) {
	case 1:
		return typoScore
	case 2:
		return typo2Score
	}
	return 0
}

// typo returns how many letters two keys differ by when that is few enough
// to be a misspelling (see Match), and 0 otherwise.
func typo(q, a string) int {
	rq, ra := []rune(q), []rune(a)
	short := min(len(rq), len(ra))
	if short < 6 || rq[0] != ra[0] || isHan(a) {
		return 0
	}
	allowed := 1
	if short >= 10 {
		allowed = 2
	}
	if d := editDistance(rq, ra, allowed); d <= allowed {
		return d
	}
	return 0
}

// editDistance returns the Levenshtein distance of a and b, or limit+1 once
// it is known to exceed limit.
func editDistance(a, b []rune, limit int) int {
	if abs(len(a)-len(b)) > limit {
		return limit + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		lowest := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			lowest = min(lowest, cur[j])
		}
		if lowest > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// hanText returns an alias's Chinese words written together.
func hanText(alias []string) string {
	var b strings.Builder
	for _, a := range alias {
		if isHan(a) {
			b.WriteString(a)
		}
	}
	return b.String()
}

// isHan reports whether a token is Chinese (Tokens never mixes scripts).
func isHan(token string) bool {
	r, _ := utf8.DecodeRuneInString(token)
	return unicode.Is(unicode.Han, r)
}
