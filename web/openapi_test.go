package web_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/web"
)

// TestOpenAPIDescribesEveryEndpoint checks that the document parses, names
// every endpoint the server has, and that every endpoint it names exists.
func TestOpenAPIDescribesEveryEndpoint(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	res := c.get("/api/v1/openapi.json")
	if res.Status != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		t.Fatalf("status %d, type %s", res.Status, res.Header.Get("Content-Type"))
	}
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
		Comp    struct {
			Schemas map[string]json.RawMessage `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal([]byte(res.Body), &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi %q", doc.OpenAPI)
	}
	for _, p := range []string{"/api/v1/missions", "/api/v1/missions/{id}", "/api/v1/jurisdiction", "/api/v1/entry-check", "/api/v1/subdivisions", "/api/v1/openapi.json",
		"/api/v1/missions/{id}/services", "/api/v1/missions/{id}/slots", "/api/v1/bookings/{reference}", "/api/v1/bookings/{reference}/calendar.ics",
		"/api/v1/entities", "/api/v1/roles", "/api/v1/partnerships", "/api/v1/agreements", "/api/v1/events", "/api/v1/corridors",
		"/api/v1/trade-figures", "/api/v1/search", "/api/v1/match/sections", "/api/v1/match/profiles", "/api/v1/match/suggestions"} {
		if _, ok := doc.Paths[p]["get"]; !ok {
			t.Errorf("%s is not described", p)
		}
	}
	for _, p := range []string{"/api/v1/bookings", "/api/v1/bookings/{reference}/cancel", "/api/v1/bookings/{reference}/verify"} {
		if _, ok := doc.Paths[p]["post"]; !ok {
			t.Errorf("POST %s is not described", p)
		}
	}
	// Every route the server answers under /api/v1 is described, with its method.
	srv, err := web.New(e.DB, web.Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, route := range srv.Routes() {
		method, pattern, _ := strings.Cut(route, " ")
		if !strings.HasPrefix(pattern, "/api/v1/") {
			continue
		}
		if _, ok := doc.Paths[pattern][strings.ToLower(method)]; !ok {
			t.Errorf("%s %s is served but not described", method, pattern)
		}
	}
	for p, ops := range doc.Paths {
		if _, ok := ops["get"]; !ok {
			continue
		}
		path := strings.ReplaceAll(strings.ReplaceAll(p, "{id}", "by-cg-chongqing"), "{reference}", "NONE-NONE")
		if got := c.get(path); got.Status == 404 && strings.Contains(got.Body, "no API endpoint") {
			t.Errorf("%s is described but does not exist", p)
		}
	}
	// Every $ref points at a schema that exists.
	for _, m := range regexp.MustCompile(`"#/components/schemas/([A-Za-z]+)"`).FindAllStringSubmatch(res.Body, -1) {
		if _, ok := doc.Comp.Schemas[m[1]]; !ok {
			t.Errorf("$ref to missing schema %s", m[1])
		}
	}
}

// TestOpenAPILicense checks the document's info.license as OpenAPI 3.1 and
// outside validators (swagger-parser) read it: a name and exactly one of an
// SPDX identifier or a URL. The repository carries no LICENSE file yet, so
// the document claims no licence; once one is added, the document must name
// it.
func TestOpenAPILicense(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.client().get("/api/v1/openapi.json")
	var doc struct {
		Info struct {
			License *struct {
				Name       string `json:"name"`
				Identifier string `json:"identifier"`
				URL        string `json:"url"`
			} `json:"license"`
		} `json:"info"`
	}
	if err := json.Unmarshal([]byte(res.Body), &doc); err != nil {
		t.Fatal(err)
	}
	_, err := os.Stat(filepath.Join("..", "LICENSE"))
	licensed := err == nil
	l := doc.Info.License
	switch {
	case l == nil && licensed:
		t.Fatal("the repository has a LICENSE but info.license does not name it")
	case l == nil:
		return
	case l.Name == "" || (l.Identifier == "") == (l.URL == ""):
		t.Fatalf("info.license needs a name and exactly one of identifier (SPDX) or url: %+v", *l)
	case !licensed:
		t.Fatalf("info.license claims %+v but the repository has no LICENSE file", *l)
	}
}
