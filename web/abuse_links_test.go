package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/store/storetest"
)

// TestAbuse14OnlyWebLinks sends addresses a browser would run or misread
// to every form that records one: each is refused with a message saying
// what to write, a real address is kept, and addresses stored before
// they were checked are not served as links on the pages or in the API.
func TestAbuse14OnlyWebLinks(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	c.login("consul")
	mission := func(website string) url.Values {
		return url.Values{"name_en": {"Consulate General of the Republic of Belarus in Chongqing"}, "city_en": {"Chongqing"},
			"time_zone": {"Asia/Shanghai"}, "district_known": {"yes"}, "website": {website}}
	}
	source := func(id, address string) url.Values {
		return url.Values{"id": {id}, "title": {"A source"}, "url": {address}}
	}
	for _, bad := range []string{"javascript:alert(11)", "JavaScript:alert(11)", "data:text/html,<script>alert(11)</script>",
		"//evil.example/x", "/relative/path", "https://", "http://user:pass@evil.example/", "https://evil.example/\\x", "https://a b.example/"} {
		if res := c.post("/staff/missions/by-cg-chongqing", mission(bad)); res.Status != http.StatusBadRequest || !strings.Contains(res.Body, "not a web address we can link to") {
			t.Errorf("mission website %q: %d\n%.400s", bad, res.Status, res.Body)
		}
		if res := c.post("/staff/sources", source("abuse-14", bad)); res.Status != http.StatusBadRequest || !strings.Contains(res.Body, "begins with https://") {
			t.Errorf("source address %q: %d\n%.400s", bad, res.Status, res.Body)
		}
	}
	if res := c.post("/staff/missions/by-cg-chongqing", mission("https://chongqing.mfa.gov.by/")); res.Status != http.StatusSeeOther {
		t.Fatalf("a real website: %d\n%.400s", res.Status, res.Body)
	}
	if res := c.post("/staff/sources", source("abuse-14", "http://example.org/a?b=c")); res.Status != http.StatusSeeOther {
		t.Fatalf("a real source address: %d\n%.400s", res.Status, res.Body)
	}

	// Rows written before addresses were checked.
	raw := storetest.Raw(t, e.DB, e.DSN)
	if _, err := raw.Exec(`UPDATE missions SET website = 'javascript:alert(11)'`); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE sources SET url = 'javascript:alert(12)'`); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/missions/by-cg-chongqing", "/sources", "/api/v1/missions/by-cg-chongqing", "/api/v1/missions"} {
		res := e.client().get(path)
		if res.Status != http.StatusOK || strings.Contains(res.Body, "alert(1") {
			t.Errorf("%s serves a stored javascript: address (%d)", path, res.Status)
		}
	}
}
