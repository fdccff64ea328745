package mission

import (
	"sort"

	"github.com/chancery-platform/chancery"
)

// Entry is one subdivision of a district with the sources for and against it.
type Entry struct {
	Membership Membership
	Supporting []Claim   // claims about this mission that name the subdivision
	Dissenting []Claim   // claims about this mission that leave it out
	Readings   []Reading // how sources' spellings of it were read
}

// Basis is Sourced when a source names the subdivision for the mission, and
// Configured when only the mission's own setting puts it in the district.
func (e Entry) Basis() Basis {
	if len(e.Supporting) > 0 {
		return Sourced
	}
	return Configured
}

// Disputed reports whether some source about the mission leaves the subdivision out.
func (e Entry) Disputed() bool { return len(e.Dissenting) > 0 }

// Unlisted is a subdivision that some source names for a mission although it
// is not in the mission's district as recorded.
type Unlisted struct {
	Subdivision string
	Claims      []Claim
}

// District is a mission's consular district on one day, with every source's statement.
type District struct {
	Entries  []Entry
	Unlisted []Unlisted
	Claims   []Claim // every claim about the mission, as the sources have it
}

// Disputed reports whether the sources disagree about any part of the district.
func (d District) Disputed() bool {
	for _, e := range d.Entries {
		if e.Disputed() {
			return true
		}
	}
	return len(d.Unlisted) > 0
}

// DistrictOf assembles mission m's district in force on day (YYYY-MM-DD) from
// memberships and claims, which may include those of other missions.
func DistrictOf(m Mission, members []Membership, claims []Claim, day string) District {
	var d District
	for _, c := range claims {
		if c.MissionID == m.ID {
			d.Claims = append(d.Claims, c)
		}
	}
	in := map[string]bool{}
	for _, ms := range members {
		if ms.MissionID != m.ID || !ms.ActiveOn(day) {
			continue
		}
		in[ms.Subdivision] = true
		d.Entries = append(d.Entries, entryFor(ms, d.Claims))
	}
	sort.Slice(d.Entries, func(i, j int) bool {
		return d.Entries[i].Membership.Subdivision < d.Entries[j].Membership.Subdivision
	})
	extra := map[string][]Claim{}
	for _, c := range d.Claims {
		for _, s := range c.Subdivisions {
			if !in[s] {
				extra[s] = append(extra[s], c)
			}
		}
	}
	for s, cs := range extra {
		d.Unlisted = append(d.Unlisted, Unlisted{Subdivision: s, Claims: cs})
	}
	sort.Slice(d.Unlisted, func(i, j int) bool { return d.Unlisted[i].Subdivision < d.Unlisted[j].Subdivision })
	return d
}

func entryFor(ms Membership, claims []Claim) Entry {
	e := Entry{Membership: ms}
	for _, c := range claims {
		if c.Names(ms.Subdivision) {
			e.Supporting = append(e.Supporting, c)
		} else {
			e.Dissenting = append(e.Dissenting, c)
		}
		for _, r := range c.Readings {
			if r.Subdivision == ms.Subdivision {
				e.Readings = append(e.Readings, r)
			}
		}
	}
	return e
}

// Basis is what an answer about which mission serves a subdivision rests on.
type Basis string

// The bases of an answer, from the strongest.
const (
	// Sourced: a district in force holds the subdivision and a source names it there.
	Sourced Basis = "sourced"
	// Configured: a district in force holds the subdivision because the
	// mission set it so itself; no source held names it there.
	Configured Basis = "configured"
	// Suggested: no district known holds the subdivision; the mission is only
	// a suggestion (the one located there, or else the nearest).
	Suggested Basis = "suggested"
)

// Geography places missions and subdivisions, so that an answer can suggest
// a mission where no district is known.
type Geography interface {
	// Seat is the subdivision of host in which a city (its English name) lies.
	Seat(host, city string) (subdivision string, ok bool)
	// Distance is the distance in kilometres between two subdivisions'
	// reference points.
	Distance(a, b string) (km float64, ok bool)
}

// Answer says which mission serves a person living in a subdivision, and why.
type Answer struct {
	Mission     Mission // the determined or, when Basis is Suggested, the suggested mission
	Subdivision string
	Basis       Basis
	// LocatedHere is true when a suggested mission lies in the subdivision
	// itself; otherwise a suggestion is the nearest mission, DistanceKM away.
	LocatedHere bool
	DistanceKM  int
	Entry       Entry // the district entry; empty when Suggested
	// Elsewhere lists claims about other missions that name the subdivision.
	Elsewhere []Claim
	// Literal lists claims whose passage writes the subdivision's name but is
	// read as another subdivision, with the reading that explains why.
	Literal []LiteralReading
	// Undescribed lists the sending country's other posts in the host country
	// (the embassy among them) whose districts no public source describes.
	Undescribed []Mission
}

// Suggested reports whether the answer is only a suggestion.
func (a Answer) Suggested() bool { return a.Basis == Suggested }

// LiteralReading is a claim whose passage literally names a subdivision that
// it is read as not naming.
type LiteralReading struct {
	Claim   Claim
	Reading Reading
}

// Serve decides which of the sending country's missions serves a person
// living in subdivision (an ISO 3166-2 code of the host country) on day.
// The post whose district in force holds the subdivision serves; the answer
// is Sourced when a source names the subdivision for it, Configured when only
// the mission's own setting does. Where no district holds it, nothing is
// known from the sources: the answer suggests the post located in the
// subdivision, or else the nearest post whose district is not described, and
// says it is a suggestion. It fails with ENOTFOUND when the sending country
// has no mission in the host country.
func Serve(missions []Mission, members []Membership, claims []Claim, geo Geography, sending, subdivision, day string) (Answer, error) {
	host := ""
	if len(subdivision) > 3 && subdivision[2] == '-' {
		host = subdivision[:2]
	}
	var posts []Mission
	for _, m := range missions {
		if m.Country == sending && m.Host == host {
			posts = append(posts, m)
		}
	}
	if len(posts) == 0 {
		return Answer{}, chancery.Errorf(chancery.ENOTFOUND, "error.no_mission", "Sending", sending, "Host", host)
	}
	a := Answer{Subdivision: subdivision}
	found := false
	for _, m := range posts {
		for _, ms := range members {
			if ms.MissionID == m.ID && ms.Subdivision == subdivision && ms.ActiveOn(day) {
				if !found || precedes(m.Kind, a.Mission.Kind) {
					a.Mission, a.Entry, found = m, entryFor(ms, claimsOf(claims, m.ID)), true
				}
			}
		}
	}
	switch {
	case found:
		a.Basis = a.Entry.Basis()
	default:
		a.Basis = Suggested
		var ok bool
		a.Mission, a.LocatedHere, a.DistanceKM, ok = suggest(posts, geo, subdivision)
		if !ok {
			return Answer{}, chancery.Errorf(chancery.ENOTFOUND, "error.no_embassy", "Sending", sending, "Host", host)
		}
	}
	for _, c := range claims {
		if c.MissionID != a.Mission.ID && c.Names(subdivision) {
			a.Elsewhere = append(a.Elsewhere, c)
		}
		for _, r := range c.Readings {
			if r.Literal == subdivision && !c.Names(subdivision) {
				a.Literal = append(a.Literal, LiteralReading{Claim: c, Reading: r})
			}
		}
	}
	for _, m := range posts {
		if !m.DistrictKnown && m.ID != a.Mission.ID {
			a.Undescribed = append(a.Undescribed, m)
		}
	}
	return a, nil
}

// suggest picks the post located in subdivision, or else the nearest post
// whose district no source describes (a post with a known district that
// leaves the subdivision out is no answer), or else the embassy. It reports
// false when there is none of these.
func suggest(posts []Mission, geo Geography, subdivision string) (m Mission, here bool, km int, ok bool) {
	ordered := append([]Mission(nil), posts...)
	sort.SliceStable(ordered, func(i, j int) bool { return rank(ordered[i].Kind) < rank(ordered[j].Kind) })
	if geo != nil {
		for _, p := range ordered {
			if seat, ok := geo.Seat(p.Host, p.City["en"]); ok && seat == subdivision {
				return p, true, 0, true
			}
		}
		best, bestKM := -1, 0.0
		for i, p := range ordered {
			if p.DistrictKnown {
				continue
			}
			seat, ok := geo.Seat(p.Host, p.City["en"])
			if !ok {
				continue
			}
			if d, ok := geo.Distance(seat, subdivision); ok && (best < 0 || d < bestKM) {
				best, bestKM = i, d
			}
		}
		if best >= 0 {
			return ordered[best], false, int(bestKM + 0.5), true
		}
	}
	e, ok := embassyOf(posts)
	return e, false, 0, ok
}

func claimsOf(claims []Claim, missionID string) []Claim {
	var out []Claim
	for _, c := range claims {
		if c.MissionID == missionID {
			out = append(out, c)
		}
	}
	return out
}

func embassyOf(posts []Mission) (Mission, bool) {
	for _, m := range posts {
		if m.Kind == Embassy {
			return m, true
		}
	}
	return Mission{}, false
}

// precedes reports whether a post of kind a is preferred over one of kind b
// when both districts hold a subdivision: the more specific post serves.
func precedes(a, b Kind) bool { return rank(a) > rank(b) }

func rank(k Kind) int {
	switch k {
	case Office:
		return 3
	case Consulate:
		return 2
	case ConsulateGeneral:
		return 1
	}
	return 0
}

// SupportingSources is how many sources name the subdivision, the versions of
// one source (a republication, the other language of an interview) counted once.
func (e Entry) SupportingSources() int { return CountWorks(claimCitations(e.Supporting), nil) }

// DissentingSources is how many sources leave the subdivision out, the
// versions of one source counted once.
func (e Entry) DissentingSources() int { return CountWorks(claimCitations(e.Dissenting), nil) }

func claimCitations(cs []Claim) []Citation {
	out := make([]Citation, len(cs))
	for i, c := range cs {
		out[i] = c.Citation
	}
	return out
}
