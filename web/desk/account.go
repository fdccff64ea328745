package desk

import (
	"math"
	"net/http"
	"strconv"
	"time"

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
	Errors     ui.FormErrors // every problem of the form sent; passwords are never shown again
}

// passwordFields map the fields the password rules name to the form's inputs.
var passwordFields = ui.FormFields{"current": "current", "password": "new", "confirm": "confirm"}

func (s *Server) passwordShow(w http.ResponseWriter, r *http.Request) {
	s.renderPassword(w, r, http.StatusOK, nil)
}

func (s *Server) renderPassword(w http.ResponseWriter, r *http.Request, status int, errs ui.FormErrors) {
	ui.NoStore(w)
	s.RenderStatus(w, r, status, "staff_password", passwordPage{
		MustChange: ui.VisitOf(r).Session.User.MustChangePassword, MinLength: staff.MinPasswordLength, Errors: errs})
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
		s.renderPassword(w, r, http.StatusTooManyRequests, ui.FormErrors{{
			Message: s.Translate(v.Lang, "error.password_change_rate_limited", map[string]any{"Minutes": int(retry.Minutes()) + 1})}})
		return
	}
	current, next := r.PostFormValue("current"), r.PostFormValue("new")
	err = staff.ValidatePasswordChange(v.Session.User.Username, current, next, r.PostFormValue("confirm"))
	if err == nil {
		err = s.DB.ChangePassword(r.Context(), v.Session.User, current, next, v.Token)
	}
	if err != nil {
		s.passwordError(w, r, err)
		return
	}
	http.Redirect(w, r, "/staff", http.StatusSeeOther)
}

func (s *Server) passwordError(w http.ResponseWriter, r *http.Request, err error) {
	errs, status, ok := s.FormErrorsOf(ui.VisitOf(r).Lang, err, passwordFields)
	if !ok {
		s.Fail(w, r, err)
		return
	}
	s.renderPassword(w, r, status, errs)
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
