package ui

import (
	"context"
	"strings"
	"unicode"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/place"
)

// Network is every mission with the districts and claims, as read for one request.
type Network struct {
	Missions []mission.Mission
	Members  []mission.Membership
	Claims   []mission.Claim
}

func (s *Server) Network(ctx context.Context) (Network, error) {
	var n Network
	var err error
	if n.Missions, err = s.DB.Missions(ctx); err != nil {
		return n, err
	}
	if n.Members, err = s.DB.Memberships(ctx, ""); err != nil {
		return n, err
	}
	n.Claims, err = s.DB.Claims(ctx, "")
	return n, err
}

// zone is the named time zone, or UTC when the name is not one.

// HostZone is the time zone that decides "today" for a host country's
// districts: the zone of the sending country's embassy there.
func (n Network) HostZone(sending, host string) string {
	for _, m := range n.Missions {
		if m.Country == sending && m.Host == host && m.Kind == mission.Embassy {
			return m.TimeZone
		}
	}
	return "UTC"
}

// Jurisdiction is the answer to "which mission serves me?".
type Jurisdiction struct {
	Sending string
	Query   string
	Place   place.Match
	Answer  mission.Answer
	Day     string
}

// LiteralGroup sums up the texts that write the asked subdivision's name
// although they are read as another: how many, and whether all are English.
type LiteralGroup struct {
	Count   int
	Written string
	ReadAs  string
	English bool
}

// LiteralGroup is nil when no text writes the subdivision's name so.
func (j Jurisdiction) LiteralGroup() *LiteralGroup {
	ls := j.Answer.Literal
	if len(ls) == 0 {
		return nil
	}
	g := &LiteralGroup{Count: len(ls), Written: ls[0].Reading.Written, ReadAs: ls[0].Reading.Subdivision, English: true}
	for _, l := range ls {
		// A bilingual source's passage counts as English when it has no Chinese characters.
		src := l.Claim.Citation.Source
		if src == nil || !strings.HasPrefix(src.Language, "en") || strings.IndexFunc(l.Claim.Citation.Quote, isHan) >= 0 {
			g.English = false
		}
	}
	return g
}

const maxParam = 200

// FindJurisdiction resolves where a person lives (subdivision code, or any
// place name) to the serving mission of the sending country.
func (s *Server) FindJurisdiction(ctx context.Context, sending, subdivision, where string) (Jurisdiction, error) {
	j := Jurisdiction{Sending: strings.ToUpper(strings.TrimSpace(sending))}
	if j.Sending == "" {
		j.Sending = "BY"
	}
	if len(j.Sending) != 2 || !isUpperAlpha(j.Sending) {
		return j, chancery.Errorf(chancery.EINVALID, "error.sending_invalid")
	}
	if len(subdivision) > maxParam || len(where) > maxParam {
		return j, chancery.Errorf(chancery.EINVALID, "error.place_invalid")
	}
	switch {
	case strings.TrimSpace(subdivision) != "":
		j.Query = strings.TrimSpace(subdivision)
		sd, ok := place.ByCode(j.Query)
		if !ok {
			return j, chancery.Errorf(chancery.EINVALID, "error.subdivision_unknown", "Code", j.Query)
		}
		j.Place = place.Match{Subdivision: sd, Via: "code"}
	case strings.TrimSpace(where) != "":
		j.Query = strings.TrimSpace(where)
		m, err := place.Find("CN", j.Query)
		if err != nil {
			return j, err
		}
		j.Place = m
	default:
		return j, chancery.Errorf(chancery.EINVALID, "error.place_empty")
	}
	n, err := s.Network(ctx)
	if err != nil {
		return j, err
	}
	code := j.Place.Subdivision.Code
	j.Day = s.Today(n.HostZone(j.Sending, code[:2]))
	j.Answer, err = mission.Serve(n.Missions, n.Members, n.Claims, place.Geography{}, j.Sending, code, j.Day)
	return j, err
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

func isUpperAlpha(s string) bool {
	for _, c := range s {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}

type MissionSummary struct {
	Mission  mission.Mission
	District mission.District
}

func (s *Server) Summaries(n Network) []MissionSummary {
	out := make([]MissionSummary, 0, len(n.Missions))
	for _, m := range n.Missions {
		out = append(out, MissionSummary{Mission: m, District: mission.DistrictOf(m, n.Members, n.Claims, s.Today(m.TimeZone))})
	}
	return out
}
