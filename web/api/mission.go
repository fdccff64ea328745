package api

import (
	"net/http"

	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/web/ui"
)

// apiText is a multilingual text in API answers.
type apiText = mission.Text

type apiSource struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Publisher string `json:"publisher"`
	Published string `json:"published,omitempty"`
	DateKind  string `json:"date_kind"`
	URL       string `json:"url,omitempty"`
	Language  string `json:"language,omitempty"`
	VersionOf string `json:"version_of,omitempty"`
}

// apiCitation is a sourced statement (a source and its quote) or one set by
// the mission (no source, a note saying what the mission set).
type apiCitation struct {
	Kind        string       `json:"kind"` // "sourced" or "set_by_mission"
	Source      *apiSource   `json:"source,omitempty"`
	Quote       string       `json:"quote,omitempty"`
	Translation mission.Text `json:"translation,omitempty"`
	Note        mission.Text `json:"note,omitempty"`
}

type apiMission struct {
	ID            string        `json:"id"`
	Country       string        `json:"country"`
	Host          string        `json:"host"`
	Kind          string        `json:"kind"`
	Name          apiText       `json:"name"`
	City          apiText       `json:"city"`
	TimeZone      string        `json:"time_zone"`
	Address       apiText       `json:"address,omitempty"`
	Phone         string        `json:"phone,omitempty"`
	Email         string        `json:"email,omitempty"`
	Website       string        `json:"website,omitempty"`
	Hours         apiText       `json:"hours,omitempty"`
	Directions    apiText       `json:"directions,omitempty"`
	Emergency     apiText       `json:"emergency,omitempty"`
	OpenedOn      string        `json:"opened_on,omitempty"`
	Head          *apiHead      `json:"head,omitempty"`
	FormerHeads   []apiHead     `json:"former_heads"`
	DistrictKnown bool          `json:"district_known"`
	Citations     []apiCitation `json:"citations"`
	District      *apiDistrict  `json:"district,omitempty"`
}

// apiHead is a head of mission as of the date of the source naming them,
// never a statement that they hold the post today.
type apiHead struct {
	Name   apiText `json:"name"`
	Title  apiText `json:"title"`
	Since  string  `json:"since,omitempty"`
	Until  string  `json:"until,omitempty"`
	AsOf   string  `json:"as_of,omitempty"`
	Source string  `json:"source,omitempty"`
}

func toAPIHead(h mission.Head) apiHead {
	return apiHead{Name: h.Name, Title: h.Title, Since: h.Since, Until: h.Until, AsOf: h.AsOf, Source: h.Source}
}

type apiDistrict struct {
	On       string        `json:"on"`
	Disputed bool          `json:"disputed"`
	Entries  []apiEntry    `json:"subdivisions"`
	Unlisted []apiUnlisted `json:"named_by_sources_but_not_in_district"`
	Claims   []apiClaim    `json:"claims"`
}

type apiEntry struct {
	Subdivision string       `json:"subdivision"`
	ValidFrom   string       `json:"valid_from"`
	ValidTo     string       `json:"valid_to,omitempty"`
	Basis       string       `json:"basis"`
	Note        apiText      `json:"note,omitempty"`
	SupportedBy []int64      `json:"supported_by_claims"`
	LeftOutBy   []int64      `json:"left_out_by_claims"`
	Readings    []apiReading `json:"readings,omitempty"`
}

type apiUnlisted struct {
	Subdivision string  `json:"subdivision"`
	Claims      []int64 `json:"claims"`
}

type apiClaim struct {
	ID           int64        `json:"id"`
	Citation     apiCitation  `json:"citation"`
	Subdivisions []string     `json:"subdivisions"`
	Readings     []apiReading `json:"readings,omitempty"`
}

type apiReading struct {
	Written     string       `json:"written"`
	Subdivision string       `json:"read_as"`
	Literal     string       `json:"literally,omitempty"`
	Note        mission.Text `json:"note,omitempty"`
}

func toAPICitation(c mission.Citation) apiCitation {
	out := apiCitation{Kind: c.Kind(), Quote: c.Quote, Translation: c.Translation, Note: c.Note}
	if c.SetByMission {
		return out
	}
	out.Source = &apiSource{ID: c.SourceID}
	if s := c.Source; s != nil {
		out.Source = &apiSource{ID: s.ID, Title: s.Title, Publisher: s.Publisher, Published: s.Published, DateKind: string(s.Kind()),
			URL: s.Link(), Language: s.Language, VersionOf: s.VersionOf}
	}
	return out
}

func toAPIMission(m mission.Mission) apiMission {
	out := apiMission{ID: m.ID, Country: m.Country, Host: m.Host, Kind: string(m.Kind), Name: m.Name, City: m.City,
		TimeZone: m.TimeZone, Address: m.Address, Phone: m.Phone, Email: m.Email, Website: m.WebsiteLink(), Hours: m.Hours,
		Directions: m.Directions, Emergency: m.Emergency,
		OpenedOn: m.OpenedOn, DistrictKnown: m.DistrictKnown, Citations: []apiCitation{}, FormerHeads: []apiHead{}}
	if len(m.Head.Name) > 0 {
		h := toAPIHead(m.Head)
		out.Head = &h
	}
	for _, h := range m.FormerHeads {
		out.FormerHeads = append(out.FormerHeads, toAPIHead(h))
	}
	for _, c := range m.Citations {
		out.Citations = append(out.Citations, toAPICitation(c))
	}
	return out
}

func claimIDs(cs []mission.Claim) []int64 {
	ids := make([]int64, 0, len(cs))
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	return ids
}

func toAPIReadings(rs []mission.Reading) []apiReading {
	var out []apiReading
	for _, r := range rs {
		out = append(out, apiReading{Written: r.Written, Subdivision: r.Subdivision, Literal: r.Literal, Note: r.Note})
	}
	return out
}

func toAPIDistrict(d mission.District, day string) *apiDistrict {
	out := &apiDistrict{On: day, Disputed: d.Disputed(), Entries: []apiEntry{}, Unlisted: []apiUnlisted{}, Claims: []apiClaim{}}
	for _, e := range d.Entries {
		out.Entries = append(out.Entries, toAPIEntry(e))
	}
	for _, u := range d.Unlisted {
		out.Unlisted = append(out.Unlisted, apiUnlisted{Subdivision: u.Subdivision, Claims: claimIDs(u.Claims)})
	}
	out.Claims = toAPIClaims(d.Claims)
	return out
}

func toAPIEntry(e mission.Entry) apiEntry {
	return apiEntry{Subdivision: e.Membership.Subdivision, ValidFrom: e.Membership.ValidFrom,
		ValidTo: e.Membership.ValidTo, Basis: string(e.Basis()), Note: e.Membership.Note,
		SupportedBy: claimIDs(e.Supporting), LeftOutBy: claimIDs(e.Dissenting), Readings: toAPIReadings(e.Readings)}
}

func toAPIClaims(cs []mission.Claim) []apiClaim {
	out := []apiClaim{}
	for _, c := range cs {
		subs := c.Subdivisions
		if subs == nil {
			subs = []string{}
		}
		out = append(out, apiClaim{ID: c.ID, Citation: toAPICitation(c.Citation), Subdivisions: subs, Readings: toAPIReadings(c.Readings)})
	}
	return out
}

func (s *Server) apiMissionList(w http.ResponseWriter, r *http.Request) {
	n, err := s.Network(r.Context())
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	out := []apiMission{}
	for _, sm := range s.Summaries(n) {
		m := toAPIMission(sm.Mission)
		m.District = toAPIDistrict(sm.District, s.Today(sm.Mission.TimeZone))
		out = append(out, m)
	}
	ui.WriteJSON(w, http.StatusOK, map[string]any{"missions": out})
}

func (s *Server) apiMissionShow(w http.ResponseWriter, r *http.Request) {
	p, err := s.MissionPage(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	m := toAPIMission(p.Mission)
	m.District = toAPIDistrict(p.District, p.Day)
	ui.WriteJSON(w, http.StatusOK, m)
}
