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
	}
	if _, seen := s.allow[pattern]; !seen {
		s.paths.Handle(pattern, http.NotFoundHandler())
	}
	s.allow[pattern] = append(s.allow[pattern], names...)
}

// allowMethods answers a request whose path a route serves, but not with
// its method, with a 405 and an Allow header: as JSON under /api/ and as
// a page elsewhere. The path decides, as a reader expects: the most
// specific path that matches (/staff/record/import rather than
// /staff/record/{kind}) names the methods allowed, even where a less
// specific route would take the request's method.
func (s *Server) allowMethods(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, path := s.paths.Handler(r); path != "" {
			if methods, ok := s.allow[path]; ok && !serves(methods, r.Method) {
				allow := allowHeader(methods)
				w.Header().Set("Allow", allow)
				s.Fail(w, r, chancery.Errorf(chancery.EMETHOD, "error.method_not_allowed", "Method", r.Method, "Allowed", allow))
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// serves reports whether a route of methods answers method; GET answers
// HEAD too.
func serves(methods []string, method string) bool {
	return slices.Contains(methods, method) || method == http.MethodHead && slices.Contains(methods, http.MethodGet)
}

// allowHeader is the Allow header of a path served with methods: sorted,
// HEAD with GET.
func allowHeader(methods []string) string {
	allow := slices.Clone(methods)
	if slices.Contains(allow, http.MethodGet) && !slices.Contains(allow, http.MethodHead) {
		allow = append(allow, http.MethodHead)
	}
	slices.Sort(allow)
	return strings.Join(slices.Compact(allow), ", ")
}

// NoStore is m with every answer, errors included, marked
// Cache-Control: no-store: the routes whose answers carry personal data,
// a manage-link token or a form's token. Routes set it here, once, rather
// than each handler on each of its paths.
func (m Methods) NoStore() Methods { return m.wrap(NoStore) }

// Private is NoStore for routes whose address carries a manage-link
// token: no cache keeps the answer, and the address is never sent on as a
// referrer.
func (m Methods) Private() Methods { return m.wrap(Private) }

// wrap is m with mark applied to each answer's headers before its handler runs.
func (m Methods) wrap(mark func(http.ResponseWriter)) Methods {
	out := make(Methods, len(m))
	for method, h := range m {
		out[method] = func(w http.ResponseWriter, r *http.Request) {
			mark(w)
			h(w, r)
		}
	}
	return out
}
