package ui

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/staff"
	"github.com/chancery-platform/chancery/store"
)

// StaffOnly lets a request through only with a live session whose role may
// perform action, and, for state-changing methods, a valid CSRF token.
func (s *Server) StaffOnly(action staff.Action, next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		// Every staff answer carries a form's token or personal data.
		NoStore(w)
		v := VisitOf(r)
		if v.Session == nil {
			s.Fail(w, r, chancery.Errorf(chancery.EUNAUTHORIZED, "error.signin_required"))
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			if TooLarge(r) {
				s.Fail(w, r, chancery.Errorf(chancery.ETOOLARGE, "error.too_large"))
				return
			}
			if !FormReadable(r) {
				s.Fail(w, r, ErrUnreadableText())
				return
			}
			if !s.sameOrigin(r) || !TokensEqual(r.PostFormValue("csrf"), v.Session.CSRF) {
				s.Fail(w, r, chancery.Errorf(chancery.EFORBIDDEN, "error.csrf"))
				return
			}
		}
		if !staff.Can(v.Session.User.Role, action) {
			s.Fail(w, r, chancery.Errorf(chancery.EFORBIDDEN, "error.forbidden"))
			return
		}
		if s.passwordChangeDue(w, r, action) {
			return
		}
		next(w, r)
	}
}

// tooLarge reads the request's form and reports whether its body is over
// the limit, which is answered as such rather than as a missing token.
func TooLarge(r *http.Request) bool {
	var err error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		err = r.ParseMultipartForm(8 << 20)
	} else {
		err = r.ParseForm()
	}
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}

func TokensEqual(got, want string) bool {
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// sameOrigin reports whether a form came from this site, by the
// standard library's cross-origin protection: Sec-Fetch-Site, which no
// page can set, when the browser sends it (a page sent with
// Referrer-Policy: no-referrer, such as the manage pages, has its forms
// sent with "Origin: null"), else the Origin header against the host. A
// request with neither comes from no browser, and the CSRF token alone
// decides.
func (s *Server) sameOrigin(r *http.Request) bool { return s.origins.Check(r) == nil }

func NewToken() string {
	b := make([]byte, 24)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// loginForm is the sign-in page's data.
type loginForm struct {
	CSRF     string
	Username string
	Next     string
	Errors   FormErrors // each empty answer, or why the two did not sign in
}

// loginFields are the sign-in form's fields.
var loginFields = Fields("username", "password")

// LoginCSRF returns the pre-session CSRF token, setting its cookie if new:
// sign-in has no session yet, so the token is a cookie the form must echo.
func (s *Server) LoginCSRF(w http.ResponseWriter, r *http.Request) string {
	v := VisitOf(r)
	if c, err := r.Cookie(s.CookieName(v, csrfCookie)); err == nil && len(c.Value) >= 32 && len(c.Value) < 100 {
		return c.Value
	}
	t := NewToken()
	http.SetCookie(w, s.Cookie(v, csrfCookie, t, 3600))
	return t
}

func (s *Server) LoginShow(w http.ResponseWriter, r *http.Request) {
	if VisitOf(r).Session != nil {
		http.Redirect(w, r, "/staff", http.StatusSeeOther)
		return
	}
	s.Render(w, r, "login", loginForm{CSRF: s.LoginCSRF(w, r), Next: SafeNext(r.URL.Query().Get("next"))})
}

func (s *Server) LoginSubmit(w http.ResponseWriter, r *http.Request) {
	v := VisitOf(r)
	form := loginForm{Username: r.PostFormValue("username"), Next: SafeNext(r.PostFormValue("next"))}
	c, err := r.Cookie(s.CookieName(v, csrfCookie))
	if err != nil || !s.sameOrigin(r) || !TokensEqual(r.PostFormValue("csrf"), c.Value) {
		s.Fail(w, r, chancery.Errorf(chancery.EFORBIDDEN, "error.csrf"))
		return
	}
	form.CSRF = c.Value
	username := strings.ToLower(strings.TrimSpace(form.Username))
	if len(username) > 64 {
		username = username[:64]
	}
	if errs, ok := s.FieldErrors(v.Lang, staff.ValidateSignIn(username, r.PostFormValue("password")), loginFields); ok {
		form.Errors = errs
		s.RenderStatus(w, r, http.StatusBadRequest, "login", form)
		return
	}
	if s.loginLimited(w, r, form, username) {
		return
	}
	release, ok := s.hashSlot(w, r, form)
	if !ok {
		return
	}
	sess, err := s.DB.SignIn(r.Context(), username, r.PostFormValue("password"), v.IP, s.Cfg.Sessions)
	release()
	if err != nil {
		if chancery.ErrorCode(err) != chancery.EUNAUTHORIZED {
			s.Fail(w, r, err)
			return
		}
		// One answer for both: which of the two was wrong is not said.
		form.Errors = FormErrors{{Message: s.Translate(v.Lang, "error.login_failed", nil)}}
		s.RenderStatus(w, r, http.StatusUnauthorized, "login", form)
		return
	}
	s.setSessionCookie(w, v, sess)
	http.Redirect(w, r, form.Next, http.StatusSeeOther)
}

func (s *Server) Logout(w http.ResponseWriter, r *http.Request) {
	v := VisitOf(r)
	if err := s.DB.SignOut(r.Context(), store.ActorOf(v.Session.User), v.Token); err != nil {
		s.Fail(w, r, err)
		return
	}
	http.SetCookie(w, s.Cookie(v, sessionCookie, "", -1))
	http.Redirect(w, r, "/", http.StatusSeeOther)
}
