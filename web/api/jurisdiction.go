package api

import (
	"net/http"

	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/place"
	"github.com/chancery-platform/chancery/web/ui"
)

type apiJurisdiction struct {
	Sending     string                `json:"sending"`
	Query       string                `json:"query"`
	Subdivision apiSubdivision        `json:"subdivision"`
	MatchedVia  string                `json:"matched_via"`
	City        string                `json:"city,omitempty"`
	CityName    map[string]string     `json:"city_name,omitempty"` // the matched city in each language
	On          string                `json:"on"`
	Mission     apiMission            `json:"mission"`
	Basis       string                `json:"basis"`
	Suggestion  *apiMissionSuggestion `json:"suggestion,omitempty"`
	Membership  *apiEntry             `json:"membership,omitempty"`
	Supporting  []apiClaim            `json:"supporting_claims"`
	Dissenting  []apiClaim            `json:"dissenting_claims"`
	Elsewhere   []apiClaim            `json:"claims_naming_other_missions"`
	Literal     []apiLiteral          `json:"claims_writing_its_name_read_otherwise"`
	Disputed    bool                  `json:"disputed"`
	Undescribed []string              `json:"missions_with_undescribed_districts"`
}

// apiMissionSuggestion says why a mission is suggested where no district known
// holds the subdivision: it lies there, or it is the nearest.
type apiMissionSuggestion struct {
	Reason     string `json:"reason"` // "located_here" or "nearest"
	DistanceKM int    `json:"distance_km,omitempty"`
}

// apiLiteral is a claim whose passage writes the subdivision's name although
// it is read as another subdivision.
type apiLiteral struct {
	Claim   apiClaim   `json:"claim"`
	Reading apiReading `json:"reading"`
}

type apiSubdivision struct {
	Code     string            `json:"code"`
	GB       string            `json:"gb_t_2260"`
	Category string            `json:"category"`
	Name     map[string]string `json:"name"`
}

func toAPISubdivision(sd place.Subdivision) apiSubdivision {
	return apiSubdivision{Code: sd.Code, GB: sd.GB, Category: sd.Category, Name: sd.Name}
}

func (s *Server) apiJurisdiction(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	j, err := s.FindJurisdiction(r.Context(), q.Get("sending"), q.Get("subdivision"), q.Get("place"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	a := j.Answer
	out := apiJurisdiction{Sending: j.Sending, Query: j.Query, Subdivision: toAPISubdivision(j.Place.Subdivision),
		MatchedVia: j.Place.Via, City: j.Place.City, CityName: place.CityNames(j.Place.City), On: j.Day, Mission: toAPIMission(a.Mission), Basis: string(a.Basis),
		Supporting: []apiClaim{}, Dissenting: []apiClaim{}, Elsewhere: []apiClaim{}, Literal: []apiLiteral{}, Undescribed: []string{}}
	if a.Suggested() {
		out.Suggestion = &apiMissionSuggestion{Reason: "nearest", DistanceKM: a.DistanceKM}
		if a.LocatedHere {
			out.Suggestion = &apiMissionSuggestion{Reason: "located_here"}
		}
	} else {
		e := toAPIEntry(a.Entry)
		out.Membership = &e
		out.Disputed = a.Entry.Disputed()
	}
	for _, l := range a.Literal {
		out.Literal = append(out.Literal, apiLiteral{Claim: toAPIClaims([]mission.Claim{l.Claim})[0], Reading: toAPIReadings([]mission.Reading{l.Reading})[0]})
	}
	out.Supporting = toAPIClaims(a.Entry.Supporting)
	out.Dissenting = toAPIClaims(a.Entry.Dissenting)
	out.Elsewhere = toAPIClaims(a.Elsewhere)
	out.Disputed = out.Disputed || len(a.Elsewhere) > 0
	for _, m := range a.Undescribed {
		out.Undescribed = append(out.Undescribed, m.ID)
	}
	ui.WriteJSON(w, http.StatusOK, out)
}

func (s *Server) apiSubdivisions(w http.ResponseWriter, r *http.Request) {
	country := r.URL.Query().Get("country")
	if country == "" {
		country = "CN"
	}
	out := []apiSubdivision{}
	for _, sd := range place.Subdivisions(country) {
		out = append(out, toAPISubdivision(sd))
	}
	ui.WriteJSON(w, http.StatusOK, map[string]any{"subdivisions": out})
}
