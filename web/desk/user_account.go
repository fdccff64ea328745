package desk

import (
	"net/http"
	"strings"

	"github.com/chancery-platform/chancery/staff"
	"github.com/chancery-platform/chancery/web/ui"
)

// An administrator's actions on another's account: disable and enable it,
// reset its password, end its sessions.

func (s *Server) userDisable(w http.ResponseWriter, r *http.Request) { s.userSetDisabled(w, r, true) }

func (s *Server) userEnable(w http.ResponseWriter, r *http.Request) { s.userSetDisabled(w, r, false) }

func (s *Server) userSetDisabled(w http.ResponseWriter, r *http.Request, disabled bool) {
	name := strings.ToLower(r.PathValue("username"))
	if err := s.DB.SetDisabled(r.Context(), actor(r), name, disabled); err != nil {
		s.userFormError(w, r, err, false)
		return
	}
	key := "users.enabled"
	if disabled {
		key = "users.disabled"
	}
	s.renderUsers(w, r, http.StatusOK, userPage{Done: s.Translate(ui.VisitOf(r).Lang, key, map[string]any{"Username": name})})
}

// userReset sets another's password to the one typed, or else a generated
// one shown on this response only; its owner must change it at the next
// sign-in.
func (s *Server) userReset(w http.ResponseWriter, r *http.Request) {
	name := strings.ToLower(r.PathValue("username"))
	pw, generated := r.PostFormValue("password"), false
	if pw == "" {
		pw, generated = staff.RandomPassword(), true
	}
	if err := s.DB.ResetPassword(r.Context(), actor(r), name, pw); err != nil {
		s.userFormError(w, r, err, false)
		return
	}
	ui.NoStore(w)
	p := userPage{Done: s.Translate(ui.VisitOf(r).Lang, "users.reset_done", map[string]any{"Username": name})}
	if generated {
		p.Reset, p.Password = name, pw
	}
	s.renderUsers(w, r, http.StatusOK, p)
}

func (s *Server) userEndSessions(w http.ResponseWriter, r *http.Request) {
	name := strings.ToLower(r.PathValue("username"))
	n, err := s.DB.EndSessions(r.Context(), actor(r), name, "")
	if err != nil {
		s.userFormError(w, r, err, false)
		return
	}
	s.renderUsers(w, r, http.StatusOK, userPage{Done: s.Translate(ui.VisitOf(r).Lang, "users.sessions_ended", map[string]any{"Username": name, "Count": n})})
}
