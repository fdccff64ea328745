package desk

import (
	"maps"
	"net/http"
	"net/url"
	"strings"

	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/place"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/web/ui"
)

// missionEditPage is the staff form for one mission, its district and claims.
type missionEditPage struct {
	ui.MissionPage
	Sources      []mission.Source
	Subdivisions []place.Subdivision
	Saved        string
	Errors       ui.FormErrors // every problem of the form sent, found at once
	Posted       url.Values    // what the district and claim forms were sent with, kept when refused
}

// missionFields map the fields the mission's rules name (mission.Validate,
// Membership.Validate, Claim.Validate) to the inputs of the page's forms.
var missionFields = ui.FormFields{
	"name": "name_en", "city": "city_en", "address": "address_en", "hours": "hours_en",
	"directions": "directions_en", "emergency": "emergency_en", "notes": "notes_en",
	"head.name": "head_name_en", "head.title": "head_title_en", "head.as_of": "head_as_of",
	"opened_on": "opened_on", "time_zone": "time_zone", "phone": "phone", "email": "email", "website": "website",
	"subdivision": "new-subdivision", "valid_from": "new-from",
	"citation.source": "claim-source", "citation.quote": "claim-quote", "citation.note": "claim-note-en",
	"claim.subdivisions": "claim-subs",
}

func (s *Server) missionEditShow(w http.ResponseWriter, r *http.Request) {
	s.renderMissionEdit(w, r, http.StatusOK, nil, nil)
}

// renderMissionEdit shows the edit page, with the mission as typed when
// the mission form was refused (typed), and the form's problems.
func (s *Server) renderMissionEdit(w http.ResponseWriter, r *http.Request, status int, errs ui.FormErrors, typed *mission.Mission) {
	mp, err := s.MissionPage(r)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	src, err := s.DB.Sources(r.Context())
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if typed != nil {
		mp.Mission = *typed
	}
	p := missionEditPage{MissionPage: mp, Sources: src, Subdivisions: place.Subdivisions(mp.Mission.Host),
		Saved: r.URL.Query().Get("saved"), Errors: errs}
	if errs != nil {
		p.Posted = r.PostForm
	}
	s.RenderStatus(w, r, status, "mission_edit", p)
}

// failForm shows the edit page again with every problem of err in the
// reader's language, so nothing typed is lost: typed is the mission as
// its form was sent, nil for the page's other forms.
func (s *Server) failForm(w http.ResponseWriter, r *http.Request, err error, typed *mission.Mission) {
	errs, status, ok := s.FormErrorsOf(ui.VisitOf(r).Lang, err, missionFields)
	if !ok {
		s.Fail(w, r, err)
		return
	}
	s.renderMissionEdit(w, r, status, errs, typed)
}

func actor(r *http.Request) store.Actor { return store.ActorOf(ui.VisitOf(r).Session.User) }

func formText(r *http.Request, field string) mission.Text {
	t := mission.Text{}
	for _, l := range ui.Languages {
		if v := strings.TrimSpace(r.PostFormValue(field + "_" + l.Code)); v != "" {
			t[l.Code] = v
		}
	}
	return t
}

func (s *Server) missionUpdate(w http.ResponseWriter, r *http.Request) {
	m, err := s.DB.Mission(r.Context(), r.PathValue("id"))
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	m.Name, m.City, m.Address = formText(r, "name"), formText(r, "city"), formText(r, "address")
	m.Hours, m.Notes = formText(r, "hours"), formText(r, "notes")
	m.Directions, m.Emergency = formText(r, "directions"), formText(r, "emergency")
	before := m.Head
	m.Head.Name, m.Head.Title = formText(r, "head_name"), formText(r, "head_title")
	m.Head.AsOf = strings.TrimSpace(r.PostFormValue("head_as_of"))
	// A head entered at the desk is the mission's own statement: the source
	// recorded for the former entry no longer speaks for it.
	if !maps.Equal(before.Name, m.Head.Name) || before.AsOf != m.Head.AsOf {
		m.Head.Source = ""
	}
	m.Phone = strings.TrimSpace(r.PostFormValue("phone"))
	m.Email = strings.TrimSpace(r.PostFormValue("email"))
	m.Website = strings.TrimSpace(r.PostFormValue("website"))
	m.OpenedOn = strings.TrimSpace(r.PostFormValue("opened_on"))
	m.TimeZone = strings.TrimSpace(r.PostFormValue("time_zone"))
	m.DistrictKnown = r.PostFormValue("district_known") == "yes"
	if _, err := s.DB.SaveMission(r.Context(), actor(r), m); err != nil {
		s.failForm(w, r, err, &m)
		return
	}
	s.savedRedirect(w, r, m.ID, "mission")
}

func (s *Server) savedRedirect(w http.ResponseWriter, r *http.Request, missionID, what string) {
	http.Redirect(w, r, "/staff/missions/"+url.PathEscape(missionID)+"?saved="+what, http.StatusSeeOther)
}
