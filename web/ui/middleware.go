package ui

import (
	"context"
	"net"
	"net/http"
	"runtime/debug"
	"strings"

	"github.com/chancery-platform/chancery/store"
)

// visit is what the middleware learns about a request: the reader's
// language, their staff session if any, and where they connect from.
type Visit struct {
	Lang string
	// LangInAddress tells whether the address named the language (?lang=
	// or a language button's ?switch_lang=), rather than the cookie or
	// Accept-Language choosing it.
	LangInAddress bool
	Session       *store.Session
	Token         string // the session cookie's value
	IP            string // the client's key in rate limits (see ClientKey)
	HTTPS         bool
}

type visitKey struct{}

func VisitOf(r *http.Request) *Visit {
	if v, ok := r.Context().Value(visitKey{}).(*Visit); ok {
		return v
	}
	return &Visit{Lang: "en"}
}

// maxFormBytes bounds every request body; forms and API calls are small.
const maxFormBytes = 64 << 10

// MaxImportBytes bounds an uploaded file of the record (the staff desk's
// import), the one body allowed to be larger.
const MaxImportBytes = 16 << 20

func (s *Server) withRequest(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v := &Visit{IP: ClientKey(s.clientIP(r)), HTTPS: s.isHTTPS(r)}
		v.Lang = s.language(w, r, v)
		if c, err := r.Cookie(s.CookieName(v, sessionCookie)); err == nil && c.Value != "" && len(c.Value) < 200 {
			if sess, err := s.DB.SessionByToken(r.Context(), c.Value, s.Cfg.Sessions); err == nil {
				v.Session, v.Token = &sess, c.Value
			}
		}
		if r.Body != nil {
			limit := int64(maxFormBytes)
			if r.URL.Path == "/staff/record/import" {
				limit = MaxImportBytes
			}
			r.Body = http.MaxBytesReader(w, r.Body, limit)
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), visitKey{}, v)))
	})
}

func (s *Server) clientIP(r *http.Request) string {
	if s.Cfg.TrustProxy {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			parts := strings.Split(xff, ",")
			return strings.TrimSpace(parts[len(parts)-1])
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func (s *Server) isHTTPS(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	return s.Cfg.TrustProxy && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

func (s *Server) secureHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		if s.isHTTPS(r) {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

// recoverer turns a panic into a plain 500 page and a log line with the
// stack; the client never sees the stack.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				// No path: it may carry a reference; the request id (added by
				// monitor.LogHandler) matches the access log line's route.
				s.Log.ErrorContext(r.Context(), "panic", "panic", p, "stack", string(debug.Stack()))
				http.Error(w, "Internal error. It has been logged.", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}
