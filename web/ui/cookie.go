package ui

import "net/http"

const (
	sessionCookie = "chancery_session"
	langCookie    = "chancery_lang"
	csrfCookie    = "chancery_csrf"
)

func (s *Server) secureCookies(v *Visit) bool { return s.Cfg.Cookies == CookieAlways || v.HTTPS }

// CookieName adds the __Host- prefix to cookies sent over HTTPS, which binds
// them to this host and path "/" and forbids setting them from plain HTTP.
func (s *Server) CookieName(v *Visit, name string) string {
	if s.secureCookies(v) {
		return "__Host-" + name
	}
	return name
}

func (s *Server) Cookie(v *Visit, name, value string, maxAge int) *http.Cookie {
	return &http.Cookie{
		Name:     s.CookieName(v, name),
		Value:    value,
		Path:     "/",
		MaxAge:   maxAge,
		HttpOnly: true,
		Secure:   s.secureCookies(v),
		SameSite: http.SameSiteLaxMode,
	}
}
