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
	Error        string
}

func (s *Server) missionEditShow(w http.ResponseWriter, r *http.Request) {
	s.renderMissionEdit(w, r, http.StatusOK, "")
}

func (s *Server) renderMissionEdit(w http.ResponseWriter, r *http.Request, status int, problem string) {
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
	p := missionEditPage{MissionPage: mp, Sources: src, Subdivisions: place.Subdivisions(mp.Mission.Host),
		Saved: r.URL.Query().Get("saved"), Error: problem}
	s.RenderStatus(w, r, status, "mission_edit", p)
}

// failForm shows the edit page again with the error in the reader's
// language, so nothing typed elsewhere on the page is lost.
func (s *Server) failForm(w http.ResponseWriter, r *http.Request, err error) {
	code, key, data := errorParts(err)
	if code == "internal" {
		s.Fail(w, r, err)
		return
	}
	s.renderMissionEdit(w, r, ui.StatusOf(code), s.Translate(ui.VisitOf(r).Lang, key, data))
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
		s.failForm(w, r, err)
		return
	}
	s.savedRedirect(w, r, m.ID, "mission")
}

func (s *Server) savedRedirect(w http.ResponseWriter, r *http.Request, missionID, what string) {
	http.Redirect(w, r, "/staff/missions/"+url.PathEscape(missionID)+"?saved="+what, http.StatusSeeOther)
}
