package desk

import (
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/staff"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/web/ui"
)

// Attempts at the own-password form, per account: each costs a password
// hash, and a stolen session must not try current passwords at leisure.
const (
	passwordChangeWindow = 15 * time.Minute
	passwordChangeLimit  = 10
)

// passwordPage is a staff member's own account page: change the password,
// sign out everywhere.
type passwordPage struct {
	MustChange bool
	MinLength  int
	Error      string
}

func (s *Server) passwordShow(w http.ResponseWriter, r *http.Request) {
	s.renderPassword(w, r, http.StatusOK, "")
}

func (s *Server) renderPassword(w http.ResponseWriter, r *http.Request, status int, msg string) {
	ui.NoStore(w)
	s.RenderStatus(w, r, status, "staff_password", passwordPage{
		MustChange: ui.VisitOf(r).Session.User.MustChangePassword, MinLength: staff.MinPasswordLength, Error: msg})
}

func (s *Server) passwordChange(w http.ResponseWriter, r *http.Request) {
	v := ui.VisitOf(r)
	ok, retry, err := s.DB.Hit(r.Context(), "password-change:"+strconv.FormatInt(v.Session.User.ID, 10), passwordChangeLimit, passwordChangeWindow)
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	if !ok {
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(retry.Seconds()))))
		s.renderPassword(w, r, http.StatusTooManyRequests,
			s.Translate(v.Lang, "error.password_change_rate_limited", map[string]any{"Minutes": int(retry.Minutes()) + 1}))
		return
	}
	next := r.PostFormValue("new")
	if next != r.PostFormValue("confirm") {
		s.renderPassword(w, r, http.StatusBadRequest, s.Translate(v.Lang, "error.password_mismatch", nil))
		return
	}
	err = s.DB.ChangePassword(r.Context(), v.Session.User, r.PostFormValue("current"), next, v.Token)
	if err != nil {
		s.passwordError(w, r, err)
		return
	}
	http.Redirect(w, r, "/staff", http.StatusSeeOther)
}

func (s *Server) passwordError(w http.ResponseWriter, r *http.Request, err error) {
	code, key, data := errorParts(err)
	if code == chancery.EINTERNAL {
		s.Fail(w, r, err)
		return
	}
	s.renderPassword(w, r, ui.StatusOf(code), s.Translate(ui.VisitOf(r).Lang, key, data))
}

// signOutEverywhere ends every session of the signed-in account, this one too.
func (s *Server) signOutEverywhere(w http.ResponseWriter, r *http.Request) {
	v := ui.VisitOf(r)
	if _, err := s.DB.EndSessions(r.Context(), store.ActorOf(v.Session.User), v.Session.User.Username, ""); err != nil {
		s.Fail(w, r, err)
		return
	}
	s.EndSessionCookie(w, v)
	http.Redirect(w, r, "/staff/login", http.StatusSeeOther)
}
