package ui

import (
	"net/http"

	"github.com/chancery-platform/chancery/staff"
	"github.com/chancery-platform/chancery/store"
)

// PasswordPath is the staff member's own password form, where every staff
// page leads while their password is one they did not choose.
const PasswordPath = "/staff/password"

// passwordChangeDue sends a signed-in member who must change their password
// to the change form, and reports whether it did. Only their own account's
// actions (the form itself, signing out) go through.
func (s *Server) passwordChangeDue(w http.ResponseWriter, r *http.Request, action staff.Action) bool {
	v := VisitOf(r)
	if !v.Session.User.MustChangePassword || action == staff.OwnAccount {
		return false
	}
	http.Redirect(w, r, PasswordPath, http.StatusSeeOther)
	return true
}

// setSessionCookie gives the browser the new session's token, kept for
// the session's lifetime (the idle timeout is the database's to judge).
func (s *Server) setSessionCookie(w http.ResponseWriter, v *Visit, sess store.Session) {
	http.SetCookie(w, s.Cookie(v, sessionCookie, sess.Token, int(s.Cfg.Sessions.OrDefault().Lifetime.Seconds())))
}

// EndSessionCookie removes the session's cookie from the browser.
func (s *Server) EndSessionCookie(w http.ResponseWriter, v *Visit) {
	http.SetCookie(w, s.Cookie(v, sessionCookie, "", -1))
}
