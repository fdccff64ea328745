package desk

import (
	"net/http"
	"strings"

	"github.com/chancery-platform/chancery/staff"
	"github.com/chancery-platform/chancery/web/ui"
)

// userPage lists staff accounts with forms to add one and change roles.
type userPage struct {
	Users    []staff.User
	Roles    []staff.Role
	Self     string // the signed-in administrator, who cannot disable or reset their own account here
	Created  string
	Reset    string // the account whose password was just reset to Password
	Password string
	Done     string        // what the last action did, said to the reader
	Errors   ui.FormErrors // every problem of the form sent
	Posted   ui.Posted     // what the form to add an account was sent with, when refused
}

// userFields map the fields the account rules name to the inputs of the
// form that adds one; the problems of a row's forms are the page's.
var userFields = ui.FormFields{"username": "new-username", "role": "new-role"}

func (s *Server) userList(w http.ResponseWriter, r *http.Request) {
	s.renderUsers(w, r, http.StatusOK, userPage{})
}

func (s *Server) renderUsers(w http.ResponseWriter, r *http.Request, status int, p userPage) {
	users, err := s.DB.Users(r.Context())
	if err != nil {
		s.Fail(w, r, err)
		return
	}
	p.Users, p.Roles, p.Self = users, staff.Roles, ui.VisitOf(r).Session.User.Username
	s.RenderStatus(w, r, status, "users", p)
}

func (s *Server) userCreate(w http.ResponseWriter, r *http.Request) {
	pw := staff.RandomPassword()
	u, err := s.DB.CreateUserTemporary(r.Context(), actor(r), r.PostFormValue("username"), pw, staff.Role(r.PostFormValue("role")))
	if err != nil {
		s.userFormError(w, r, err, true)
		return
	}
	// The new password is shown once, on this response only; it is never stored in clear.
	ui.NoStore(w)
	s.renderUsers(w, r, http.StatusOK, userPage{Created: u.Username, Password: pw})
}

// userFormError shows the accounts again with every problem of err: those
// of the form adding an account at its fields (typed is set for that
// form), the others, a row's, as the page's.
func (s *Server) userFormError(w http.ResponseWriter, r *http.Request, err error, typed bool) {
	fields := ui.FormFields{}
	p := userPage{}
	if typed {
		fields, p.Posted = userFields, ui.Posted(r.PostForm)
	}
	errs, status, ok := s.FormErrorsOf(ui.VisitOf(r).Lang, err, fields)
	if !ok {
		s.Fail(w, r, err)
		return
	}
	p.Errors = errs
	s.renderUsers(w, r, status, p)
}

func (s *Server) userRole(w http.ResponseWriter, r *http.Request) {
	name := strings.ToLower(r.PathValue("username"))
	if err := s.DB.SetRole(r.Context(), actor(r), name, staff.Role(r.PostFormValue("role"))); err != nil {
		s.userFormError(w, r, err, false)
		return
	}
	http.Redirect(w, r, "/staff/users", http.StatusSeeOther)
}
