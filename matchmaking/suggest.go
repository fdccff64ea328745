package matchmaking

import (
	"cmp"
	"slices"
)

// Pair is two organisations, A before B in the order of their identifiers,
// so that a pair has one name whichever side it is seen from.
type Pair struct {
	A string `json:"a"`
	B string `json:"b"`
}

// PairOf names the pair of x and y.
func PairOf(x, y string) Pair {
	if y < x {
		x, y = y, x
	}
	return Pair{A: x, B: y}
}

// Other is the member of the pair that is not id.
func (p Pair) Other(id string) string {
	if p.A == id {
		return p.B
	}
	return p.A
}

// Reason is one ground for a suggestion: Offerer offers Section, which
// Seeker seeks.
type Reason struct {
	Offerer string  `json:"offerer"`
	Seeker  string  `json:"seeker"`
	Section Section `json:"section"`
}

// Suggestion is a pair of organisations from the two countries whose offers
// and needs meet, with every reason, and a score: the number of reasons,
// so that a pair that meets in more sectors, or both ways, comes first.
type Suggestion struct {
	Pair
	Reasons []Reason `json:"reasons"`
	Score   int      `json:"score"`
	Mutual  bool     `json:"mutual"` // each offers something the other seeks
}

// Query narrows the suggestions: only those of one organisation (For),
// only those that meet in a section (Section), at most Limit of them
// (0: all).
type Query struct {
	For     string
	Section Section
	Limit   int
}

// Suggest applies the rule to a set of profiles: A and B, from different
// countries, are suggested when A offers a section B seeks or B offers one
// A seeks. Suggestions come best first (score, then mutual, then the
// pair's names), so the result is the same for the same profiles.
func Suggest(profiles []Profile, q Query) []Suggestion {
	best := newTop(q.Limit)
	only := all
	if q.Section != 0 {
		only = SetOf(q.Section)
	}
	consider := func(a, b *Profile, ab, ba Set) {
		if ab|ba != 0 && !best.below(ab.Len()+ba.Len()) {
			best.add(a, b, ab, ba)
		}
	}
	if q.For != "" {
		for i := range profiles {
			a := &profiles[i]
			if a.EntityID != q.For {
				continue
			}
			for j := range profiles {
				if b := &profiles[j]; b.Country != a.Country {
					consider(a, b, a.Offers&b.Seeks&only, b.Offers&a.Seeks&only)
				}
			}
		}
		return best.sorted()
	}
	// Only pairs across two countries are looked at, with each country's
	// sections in plain arrays for the inner loop, largest profiles first:
	// a pair scores at most the sections either side declares, so once the
	// best kept outscore a profile, no later one can enter.
	groups := map[string]*group{}
	var countries []string
	for i := range profiles {
		p := &profiles[i]
		g, ok := groups[p.Country]
		if !ok {
			g = &group{}
			groups[p.Country] = g
			countries = append(countries, p.Country)
		}
		g.at = append(g.at, i)
	}
	for _, g := range groups {
		size := func(i int) int { return (profiles[i].Offers & only).Len() + (profiles[i].Seeks & only).Len() }
		slices.SortStableFunc(g.at, func(i, j int) int { return cmp.Compare(size(j), size(i)) })
		for _, i := range g.at {
			o, s := profiles[i].Offers&only, profiles[i].Seeks&only
			g.offers, g.seeks, g.size = append(g.offers, o), append(g.seeks, s), append(g.size, o.Len()+s.Len())
		}
	}
	slices.Sort(countries)
	for x, cx := range countries {
		for _, cy := range countries[x+1:] {
			gx, gy := groups[cx], groups[cy]
			for i, ao := range gx.offers {
				if best.below(gx.size[i]) {
					break
				}
				as := gx.seeks[i]
				for j, bo := range gy.offers {
					if best.below(gy.size[j]) {
						break
					}
					ab, ba := ao&gy.seeks[j], bo&as
					if ab|ba == 0 || best.below(ab.Len()+ba.Len()) {
						continue
					}
					best.add(&profiles[gx.at[i]], &profiles[gy.at[j]], ab, ba)
				}
			}
		}
	}
	return best.sorted()
}

// group is the profiles of one country, largest first: their places in
// the list, their sections, and how many sections each declares.
type group struct {
	at            []int
	offers, seeks []Set
	size          []int
}

// Explain gives the reasons a and b would be suggested, with no reason
// when they are not: same country, or nothing offered that the other seeks.
func Explain(a, b Profile) (Suggestion, bool) {
	out := Suggest([]Profile{a, b}, Query{})
	if len(out) == 0 {
		return Suggestion{Pair: PairOf(a.EntityID, b.EntityID)}, false
	}
	return out[0], true
}

// candidate is a pair found by the rule, kept as bit sets until it is
// among the best.
type candidate struct {
	a, b   *Profile
	ab, ba Set
	score  int
	pair   Pair
}

func (c candidate) suggestion() Suggestion {
	s := Suggestion{Pair: c.pair, Score: c.score, Mutual: c.ab != 0 && c.ba != 0}
	for _, sec := range c.ab.Sections() {
		s.Reasons = append(s.Reasons, Reason{Offerer: c.a.EntityID, Seeker: c.b.EntityID, Section: sec})
	}
	for _, sec := range c.ba.Sections() {
		s.Reasons = append(s.Reasons, Reason{Offerer: c.b.EntityID, Seeker: c.a.EntityID, Section: sec})
	}
	slices.SortStableFunc(s.Reasons, func(x, y Reason) int { return cmp.Compare(x.Section, y.Section) })
	return s
}

// better orders candidates best first.
func better(x, y candidate) int {
	if c := cmp.Compare(y.score, x.score); c != 0 {
		return c
	}
	xm, ym := x.ab != 0 && x.ba != 0, y.ab != 0 && y.ba != 0
	if xm != ym {
		if xm {
			return -1
		}
		return 1
	}
	if c := cmp.Compare(x.pair.A, y.pair.A); c != 0 {
		return c
	}
	return cmp.Compare(x.pair.B, y.pair.B)
}

// top keeps the best limit candidates (all of them when limit is 0) in a
// heap whose root is the worst kept, so a large set of profiles is ranked
// in one pass without holding every pair.
type top struct {
	limit int
	heap  []candidate
}

func newTop(limit int) *top { return &top{limit: max(limit, 0)} }

// below reports whether a candidate of this score cannot be among the best
// kept: the heap is full and its worst scores higher.
func (t *top) below(score int) bool {
	return t.limit > 0 && len(t.heap) == t.limit && score < t.heap[0].score
}

func (t *top) add(a, b *Profile, ab, ba Set) {
	c := candidate{a: a, b: b, ab: ab, ba: ba, score: ab.Len() + ba.Len(), pair: PairOf(a.EntityID, b.EntityID)}
	if c.pair.A != a.EntityID {
		c.a, c.b, c.ab, c.ba = b, a, ba, ab
	}
	if t.limit == 0 || len(t.heap) < t.limit {
		t.heap = append(t.heap, c)
		t.up(len(t.heap) - 1)
		return
	}
	if better(c, t.heap[0]) < 0 {
		t.heap[0] = c
		t.down(0)
	}
}

// worse reports whether the candidate at i ranks below the one at j.
func (t *top) worse(i, j int) bool { return better(t.heap[i], t.heap[j]) > 0 }

func (t *top) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !t.worse(i, p) {
			return
		}
		t.heap[i], t.heap[p] = t.heap[p], t.heap[i]
		i = p
	}
}

func (t *top) down(i int) {
	for {
		l, w := 2*i+1, i
		if l < len(t.heap) && t.worse(l, w) {
			w = l
		}
		if r := l + 1; r < len(t.heap) && t.worse(r, w) {
			w = r
		}
		if w == i {
			return
		}
		t.heap[i], t.heap[w] = t.heap[w], t.heap[i]
		i = w
	}
}

func (t *top) sorted() []Suggestion {
	slices.SortFunc(t.heap, better)
	out := make([]Suggestion, len(t.heap))
	for i, c := range t.heap {
		out[i] = c.suggestion()
	}
	return out
}
