package desk

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/staff"
	"github.com/chancery-platform/chancery/web/ui"
)

// userMissionsPage is the form on which an administrator sets the
// missions a staff member works for: whose cases they see. An
// administrator sees every mission's whatever it says.
type userMissionsPage struct {
	User     staff.User
	Missions []mission.Mission
	Serves   []string
	Saved    bool
	Errors   ui.FormErrors
}

// Checked reports whether the form ticks a mission.
func (p userMissionsPage) Checked(id string) bool { return slices.Contains(p.Serves, id) }

func (s *Server) userMissionsRoutes() {
	s.Handle("/staff/users/{username}/missions", ui.Methods{
		"GET":  s.StaffOnly(staff.ManageUsers, s.userMissionsShow),
		"POST": s.StaffOnly(staff.ManageUsers, s.userMissionsSave),
	})
}

func (s *Server) userMissionsShow(w http.ResponseWriter, r *http.Request) {
	s.renderUserMissions(w, r, http.StatusOK, nil, nil)
}

func (s *Server) renderUserMissions(w http.ResponseWriter, r *http.Request, status int, serves []string, errs ui.FormErrors) {
	name := strings.ToLower(r.PathValue("username"))
	users, err := s.DB.Users(r.Context())
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	i := slices.IndexFunc(users, func(u staff.User) bool { return u.Username == name })
	if i < 0 {
		s.Fail(w, r, chancery.Errorf(chancery.ENOTFOUND, "error.user_not_found"))
		return
	}
	missions, err := s.DB.Missions(r.Context())
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if serves == nil {
		if serves, err = s.DB.UserMissions(r.Context(), users[i].ID); err != nil {
			s.Fail(w, r, err)
			return
		}
	}
	s.RenderStatus(w, r, status, "staff_user_missions", userMissionsPage{User: users[i], Missions: missions, Serves: serves,
		Saved: r.URL.Query().Get("saved") == "1", Errors: errs})
}

func (s *Server) userMissionsSave(w http.ResponseWriter, r *http.Request) {
	name := strings.ToLower(r.PathValue("username"))
	_ = r.ParseForm()
	if err := s.DB.SetUserMissions(r.Context(), actor(r), name, r.PostForm["missions"]); err != nil {
		errs, status, ok := s.FormErrorsOf(ui.VisitOf(r).Lang, err, ui.FormFields{"missions": "missions"})
		if !ok || status == http.StatusNotFound {
			s.Fail(w, r, err)
			return
		}
		s.renderUserMissions(w, r, status, r.PostForm["missions"], errs)
		return
	}
	http.Redirect(w, r, "/staff/users/"+url.PathEscape(name)+"/missions?saved=1", http.StatusSeeOther)
}
