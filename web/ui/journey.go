package ui

import "net/http"

// JourneyCSRF returns the pre-session CSRF token of the public forms (booking,
// registration)
// (the sign-in form's double-submit cookie), renewing the cookie so that a
// form filled in slowly does not expire.
func (s *Server) JourneyCSRF(w http.ResponseWriter, r *http.Request) string {
	v := VisitOf(r)
	t := s.LoginCSRF(w, r)
	if c, err := r.Cookie(s.CookieName(v, csrfCookie)); err == nil && c.Value == t {
		http.SetCookie(w, s.Cookie(v, csrfCookie, t, 3600))
	}
	return t
}

// JourneyPOSTAllowed checks a public form's CSRF token against its cookie
// and that the form came from this site.
func (s *Server) JourneyPOSTAllowed(r *http.Request) bool {
	c, err := r.Cookie(s.CookieName(VisitOf(r), csrfCookie))
	return err == nil && s.sameOrigin(r) && TokensEqual(r.PostFormValue("csrf"), c.Value)
}

// NoStore marks an answer no cache may keep: it carries personal data, a
// form's tokens, or free places that change by the minute. Such an answer
// is not compressed either (compress.go).
func NoStore(w http.ResponseWriter) {
	w.Header().Set("Cache-Control", "no-store")
	noCompress(w)
}

// Private marks an answer whose address carries a manage-link token: never
// kept by a cache, and its address never sent on as a referrer.
func Private(w http.ResponseWriter) {
	NoStore(w)
	w.Header().Set("Referrer-Policy", "no-referrer")
}
