package web_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/web"
)

// TestRoleMatrixCoversEveryStaffRoute: every route under /staff (but the
// sign-in page, which is for people without a session) is tried by at
// least one row of TestRoleMatrix, so a staff route added without a row
// there fails here instead of going untested.
func TestRoleMatrixCoversEveryStaffRoute(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	srv, err := web.New(e.DB, web.Config{})
	if err != nil {
		t.Fatal(err)
	}
	// A mux of the same patterns, each with its method, tells which route
	// a row of the matrix reaches.
	mux := http.NewServeMux()
	tried := map[string]bool{}
	staffRoutes := 0
	for _, route := range srv.Routes() {
		_, pattern, _ := strings.Cut(route, " ")
		if !strings.HasPrefix(pattern, "/staff") || pattern == "/staff/login" {
			continue
		}
		staffRoutes++
		tried[route] = false
		mux.HandleFunc(route, func(http.ResponseWriter, *http.Request) {})
	}
	if staffRoutes < 30 {
		t.Fatalf("only %d staff routes listed: Routes() misses some", staffRoutes)
	}
	for _, a := range staffActions(t, e) {
		_, route := mux.Handler(httptest.NewRequest(a.method, a.path, nil))
		if _, ok := tried[route]; !ok {
			t.Errorf("the matrix row %q (%s %s) reaches no staff route", a.name, a.method, a.path)
			continue
		}
		tried[route] = true
	}
	for route, ok := range tried {
		if !ok {
			t.Errorf("no row of the role matrix tries %s", route)
		}
	}
}
