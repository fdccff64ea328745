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

// Answer says which mission serves a person living in a subdivision, and why.
type Answer struct {
	Mission     Mission
	Subdivision string
	// ByDefault is true when no consular district names the subdivision and
	// the embassy serves it as the residual authority.
	ByDefault bool
	Entry     Entry // the district entry; empty when ByDefault
	// Elsewhere lists claims about other missions that name the subdivision.
	Elsewhere []Claim
	// Undescribed lists the sending country's other posts in the host country
	// whose districts no public source describes.
	Undescribed []Mission
}

// Serve decides which of the sending country's missions serves a person
// living in subdivision (an ISO 3166-2 code of the host country) on day.
// The consulate whose district holds the subdivision serves; where none
// does, the embassy does. It fails with ENOTFOUND when the sending country
// has no mission in the host country.
func Serve(missions []Mission, members []Membership, claims []Claim, sending, subdivision, day string) (Answer, error) {
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
	if !found {
		embassy, ok := embassyOf(posts)
		if !ok {
			return Answer{}, chancery.Errorf(chancery.ENOTFOUND, "error.no_embassy", "Sending", sending, "Host", host)
		}
		a.Mission, a.ByDefault = embassy, true
	}
	for _, c := range claims {
		if c.MissionID != a.Mission.ID && c.Names(subdivision) {
			a.Elsewhere = append(a.Elsewhere, c)
		}
	}
	for _, m := range posts {
		if !m.DistrictKnown && m.Kind != Embassy && m.ID != a.Mission.ID {
			a.Undescribed = append(a.Undescribed, m)
		}
	}
	return a, nil
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
