package web

import "net/http"

const (
	sessionCookie = "chancery_session"
	langCookie    = "chancery_lang"
	csrfCookie    = "chancery_csrf"
)

func (s *Server) secureCookies(v *visit) bool { return s.cfg.Cookies == CookieAlways || v.https }

// cookieName adds the __Host- prefix to cookies sent over HTTPS, which binds
// them to this host and path "/" and forbids setting them from plain HTTP.
func (s *Server) cookieName(v *visit, name string) string {
	if s.secureCookies(v) {
		return "__Host-" + name
	}
	return name
}

func (s *Server) cookie(v *visit, name, value string, maxAge int) *http.Cookie {
	return &http.Cookie{
		Name:     s.cookieName(v, name),
		Value:    value,
		Path:     "/",
		MaxAge:   maxAge,
		HttpOnly: true,
		Secure:   s.secureCookies(v),
		SameSite: http.SameSiteLaxMode,
	}
}

// requestBase is the address the request came to, scheme and host, for
// links in mail when no public URL is configured.
func requestBase(r *http.Request) string {
	if visitOf(r).https {
		return "https://" + r.Host
	}
	return "http://" + r.Host
}
