package ui

import (
	"net/http"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/staff"
	"github.com/chancery-platform/chancery/store"
)

// Sign-in rate limits, counted in the database so that every instance
// shares them. Attempts are limited per client (an IPv4 address or an
// IPv6 /64, see ClientKey) and per account from that client, so that
// wrong passwords sent from elsewhere do not lock the account's owner
// out. The per-account ceiling stops a guessing campaign spread over
// many clients; it counts only attempts the client's own limits let
// through, so reaching it takes at least loginPerAccount/loginPerPair+1
// (13) clients each spending their whole allowance within the window.
const (
	loginWindow     = 15 * time.Minute
	loginPerClient  = 20
	loginPerPair    = 8
	loginPerAccount = 100
)

// loginLimited counts a sign-in attempt for username against the rate
// limits and, when one of them refuses it, answers the form with 429
// and reports true.
func (s *Server) loginLimited(w http.ResponseWriter, r *http.Request, form loginForm, username string) bool {
	client := VisitOf(r).IP
	ok, retry, err := s.DB.HitAll(r.Context(), []store.Limit{
		{Bucket: "login-client:" + client, Max: loginPerClient},
		{Bucket: "login-pair:" + client + " " + username, Max: loginPerPair},
	}, loginWindow)
	if err == nil && ok {
		// Only now, so that a client refused by its own limits does not
		// bring the account nearer its ceiling.
		ok, retry, err = s.DB.Hit(r.Context(), "login-account:"+username, loginPerAccount, loginWindow)
	}
	if err != nil {
		s.Fail(w, r, err)
		return true
	}
	if ok {
		return false
	}
	s.Cfg.Metrics.RateLimited("login")
	SetRetryAfter(w.Header(), retry)
	refusal := chancery.TooMany("error.login_rate_limited", retry)
	form.Errors = FormErrors{{Message: s.Translate(VisitOf(r).Lang, refusal.Key, refusal.Data)}}
	s.RenderStatus(w, r, http.StatusTooManyRequests, "login", form)
	return true
}

// hashSlot waits, briefly, for one of this process's password-hashing
// slots (see staff.Hashing). When none comes free it answers the form
// with 503 and Retry-After, and ok is false; otherwise release must be
// called once the password is checked.
func (s *Server) hashSlot(w http.ResponseWriter, r *http.Request, form loginForm) (release func(), ok bool) {
	if release, ok = s.hashing.Acquire(r.Context()); ok {
		return release, true
	}
	s.Cfg.Metrics.RateLimited("password-hashing")
	SetRetryAfter(w.Header(), staff.HashWait)
	form.Errors = FormErrors{{Message: s.Translate(VisitOf(r).Lang, "error.login_busy", nil)}}
	s.RenderStatus(w, r, http.StatusServiceUnavailable, "login", form)
	return nil, false
}
