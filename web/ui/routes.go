package ui

import (
	"net/http"
	"slices"
	"strings"

	"github.com/chancery-platform/chancery"
)

// Methods maps HTTP methods to the handler for each.
type Methods map[string]http.HandlerFunc

// Handle registers each method's handler for pattern as a "METHOD
// pattern" route of the mux (GET answers HEAD too) and lists it in
// Routes. Any other method on a path some route serves gets a 405 with
// an Allow header (see allowMethods).
func (s *Server) Handle(pattern string, m Methods) {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		s.Mux.HandleFunc(k+" "+pattern, m[k])
		s.routeList = append(s.routeList, k+" "+pattern)
		if !slices.Contains(s.methods, k) {
			s.methods = append(s.methods, k)
		}
	}
}

// allowMethods answers a request whose path a route serves, but not with
// its method, with a 405 and an Allow header: as JSON under /api/ and as
// a page elsewhere. The mux would answer such a request with a plain-text
// 405 only when no fallback pattern ("/", "/api/") catches it, which ours
// do.
func (s *Server) allowMethods(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := s.Mux.Handler(r); !hasMethod(pattern) {
			if allow := s.allowed(r); allow != "" {
				w.Header().Set("Allow", allow)
				s.Fail(w, r, chancery.Errorf(chancery.EMETHOD, "error.method_not_allowed", "Method", r.Method, "Allowed", allow))
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// allowed lists, sorted, the methods some route serves r's path with
// ("" when none does); HEAD goes with GET.
func (s *Server) allowed(r *http.Request) string {
	var allow []string
	for _, m := range s.methods {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := s.Mux.Handler(probe); hasMethod(pattern) {
			allow = append(allow, m)
			if m == http.MethodGet {
				allow = append(allow, http.MethodHead)
			}
		}
	}
	slices.Sort(allow)
	return strings.Join(allow, ", ")
}

// hasMethod reports whether a mux pattern names its method: every route
// does, the not-found fallbacks do not.
func hasMethod(pattern string) bool {
	method, _, ok := strings.Cut(pattern, " ")
	return ok && method != "" && !strings.Contains(method, "/")
}
