package web_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/store"
)

// staffAction is one staff route with a request that would succeed for a
// role that is allowed, and the status such a request gets.
type staffAction struct {
	name   string
	method string
	path   string
	form   url.Values
	ok     int
	roles  map[string]bool // roles allowed; the rest get 403
}

func staffActions(t *testing.T, e *testEnv) []staffAction {
	members, err := e.DB.Memberships(context.Background(), "by-cg-chongqing")
	if err != nil {
		t.Fatal(err)
	}
	claims, _ := e.DB.Claims(context.Background(), "by-cg-chongqing")
	yunnan, anyClaim := "", ""
	for _, m := range members {
		if m.Subdivision == "CN-YN" {
			yunnan = itoa(m.ID)
		}
	}
	anyClaim = itoa(claims[0].ID)
	all := map[string]bool{"admin": true, "consul": true, "officer": true}
	consuls := map[string]bool{"admin": true, "consul": true}
	admins := map[string]bool{"admin": true}
	missionForm := url.Values{"name_en": {"Consulate General of the Republic of Belarus in Chongqing"}, "city_en": {"Chongqing"},
		"time_zone": {"Asia/Shanghai"}, "opened_on": {"2021-01-28"}, "district_known": {"yes"}, "phone": {"+86 23 1234 5678"}}
	return append([]staffAction{
		{"case types", "GET", "/staff/missions/by-cg-chongqing/case-types", nil, 200, all},
		{"case type", "GET", "/staff/missions/by-cg-chongqing/case-types/notarial-act", nil, 200, all},
		{"save case type", "POST", "/staff/missions/by-cg-chongqing/case-types/notarial-act", url.Values{"document": {"{}"}, "version": {"1"}}, 400, admins},
		{"desk", "GET", "/staff", nil, 200, all},
		{"mission form", "GET", "/staff/missions/by-cg-chongqing", nil, 200, all},
		{"edit mission", "POST", "/staff/missions/by-cg-chongqing", missionForm, 303, consuls},
		{"add membership", "POST", "/staff/missions/by-cg-chongqing/memberships", url.Values{"subdivision": {"CN-GZ"}, "valid_from": {"2030-01-01"}}, 303, consuls},
		{"end membership", "POST", "/staff/memberships/" + yunnan + "/end", url.Values{"valid_to": {"2035-12-31"}}, 303, consuls},
		{"delete membership", "POST", "/staff/memberships/" + yunnan + "/delete", url.Values{"confirm": {"yes"}, "mission": {"by-cg-chongqing"}}, 303, consuls},
		{"add claim", "POST", "/staff/missions/by-cg-chongqing/claims", url.Values{"source": {"ichongqing-2021-02-01"}, "quote": {"Best-supported reading: Chongqing, Sichuan, Shaanxi"}, "subdivisions": {"CN-CQ, CN-SC, CN-SN"}}, 303, all},
		{"delete claim", "POST", "/staff/claims/" + anyClaim + "/delete", url.Values{"confirm": {"yes"}, "mission": {"by-cg-chongqing"}}, 303, all},
		{"sources", "GET", "/staff/sources", nil, 200, all},
		{"add source", "POST", "/staff/sources", url.Values{"id": {"test-source"}, "title": {"A test source"}}, 303, all},
		{"audit log", "GET", "/staff/audit", nil, 200, consuls},
		{"users", "GET", "/staff/users", nil, 200, admins},
		{"create user", "POST", "/staff/users", url.Values{"username": {"new-officer"}, "role": {"officer"}}, 200, admins},
		{"change role", "POST", "/staff/users/officer/role", url.Values{"role": {"officer"}}, 303, admins},
		{"sign out", "POST", "/staff/logout", nil, 303, all},
		{"own account", "GET", "/staff/password", nil, 200, all},
		{"change own password", "POST", "/staff/password", url.Values{"current": {testPassword}, "new": {"a new long password"}, "confirm": {"a new long password"}}, 303, all},
		{"sign out everywhere", "POST", "/staff/sessions/end", nil, 303, all},
		{"disable account", "POST", "/staff/users/officer/disable", nil, 200, admins},
		{"enable account", "POST", "/staff/users/officer/enable", nil, 200, admins},
		{"reset password", "POST", "/staff/users/officer/password", nil, 200, admins},
		{"end account's sessions", "POST", "/staff/users/officer/sessions/end", nil, 200, admins},
	}, slices.Concat(appointmentActions(t, e), recordActions(t, e), eventActions(t, e), matchActions(t, e), deskActions(t, e), retentionActions(t, e), documentActions(t, e), caseFileActions(t, e), caseActions(t, e))...)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestRoleMatrix tries every staff action as every role and anonymously.
// Each role-and-action pair that changes something gets a fresh database,
// so no action's effect can hide another's permission check; those run in
// parallel, as they share nothing.
func TestRoleMatrix(t *testing.T) {
	t.Parallel()
	probe := newEnv(t)
	// GETs share one signed-in client per role, so they stay under the
	// sign-in rate limit of one username; they run one after another.
	readers := map[string]*client{}
	for i, a := range staffActions(t, probe) {
		for _, role := range []string{"anonymous", "officer", "consul", "admin"} {
			t.Run(a.name+"/"+role, func(t *testing.T) {
				e := probe
				if a.method == "POST" {
					t.Parallel()
					e = newEnv(t)
				}
				c := e.client()
				switch {
				case role == "anonymous":
				case a.method == "GET" && readers[role] != nil:
					c = readers[role]
					c.t = t
				case a.method == "GET":
					c.login(role)
					readers[role] = c
				default:
					c.login(role)
				}
				action := staffActions(t, e)[i]
				var res response
				if a.method == "GET" {
					res = c.get(action.path)
				} else {
					res = c.post(action.path, action.form)
				}
				want := action.ok
				switch {
				case role == "anonymous" && a.method == "GET":
					want = http.StatusSeeOther
				case role == "anonymous":
					want = http.StatusSeeOther // to the sign-in page; nothing changes
				case !action.roles[role]:
					want = http.StatusForbidden
				}
				if res.Status != want {
					t.Fatalf("%s %s as %s: status %d, want %d\n%.500s", a.method, action.path, role, res.Status, want, res.Body)
				}
				if role == "anonymous" && !strings.HasPrefix(res.Header.Get("Location"), "/staff/login") {
					t.Errorf("anonymous not sent to sign-in: %q", res.Header.Get("Location"))
				}
			})
		}
	}
}

func TestStaffChangesAreAuditedAndShown(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	c.login("consul")
	res := c.post("/staff/missions/by-cg-chongqing/memberships", url.Values{"subdivision": {"CN-GZ"}, "valid_from": {"2030-01-01"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("status %d: %s", res.Status, res.Body)
	}
	entries, _ := e.DB.AuditLog(context.Background(), store.AuditFilter{Limit: 1})
	if entries[0].Actor != "consul" || entries[0].Action != "membership.create" || !strings.Contains(entries[0].After, "CN-GZ") {
		t.Fatalf("audit entry %+v", entries[0])
	}
	if log := c.get("/staff/audit"); !strings.Contains(log.Body, "membership.create") || !strings.Contains(log.Body, "consul") {
		t.Error("the audit log page does not show the change")
	}
}

// TestConfiguredDistrictIsShownAsSuch: a subdivision the mission puts in its
// district itself, which no source names there, is answered as the
// mission's setting, never as sourced.
func TestConfiguredDistrictIsShownAsSuch(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	c.login("consul")
	if res := c.post("/staff/missions/by-cg-chongqing/memberships", url.Values{"subdivision": {"CN-GZ"}, "valid_from": {"2021-01-28"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("status %d: %s", res.Status, res.Body)
	}
	pub := e.client()
	if res := pub.get("/api/v1/jurisdiction?sending=BY&subdivision=CN-GZ"); !strings.Contains(res.Body, `"basis": "configured"`) || !strings.Contains(res.Body, `"id": "by-cg-chongqing"`) {
		t.Errorf("API answer for a configured district:\n%.800s", res.Body)
	}
	res := pub.get("/jurisdiction?subdivision=CN-GZ")
	if !strings.Contains(res.Body, "as the mission set it; no source we hold names it there") || strings.Contains(res.Body, "not known from our sources") {
		t.Errorf("page answer for a configured district does not say the mission set it")
	}
	if res := pub.get("/missions/by-cg-chongqing"); !strings.Contains(res.Body, "Set by the mission; no source names it") {
		t.Error("the mission page does not mark the configured subdivision")
	}
}

// TestHeadEnteredAtTheDeskCitesNoSource: a head of mission typed at the
// desk is the mission's own statement; the source of the former entry is
// no longer linked for it.
func TestHeadEnteredAtTheDeskCitesNoSource(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	c.login("consul")
	form := url.Values{"name_en": {"Embassy of the Republic of Belarus in the People's Republic of China"}, "city_en": {"Beijing"},
		"time_zone": {"Asia/Shanghai"}, "head_name_en": {"A. N. Other"}, "head_as_of": {"2026-12-01"}}
	if res := c.post("/staff/missions/by-embassy-beijing", form); res.Status != http.StatusSeeOther {
		t.Fatalf("status %d: %.600s", res.Status, res.Body)
	}
	res := e.client().get("/missions/by-embassy-beijing")
	if !strings.Contains(res.Body, "A. N. Other") || strings.Contains(res.Body, "src-fmprc-2024-03-22-charviakou") {
		t.Error("the new head is shown with the former head's source")
	}
	if !strings.Contains(res.Body, "Yuri Senko") {
		t.Error("the former heads were lost by the desk's save")
	}
}

func TestStaffFormErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	c.login("consul")
	cases := []struct {
		name   string
		path   string
		form   url.Values
		status int
		want   string
	}{
		{"unknown subdivision", "/staff/missions/by-cg-chongqing/memberships", url.Values{"subdivision": {"CN-ZZ"}, "valid_from": {"2030-01-01"}}, 400, "not a known subdivision code"},
		{"overlapping membership", "/staff/missions/by-cg-chongqing/memberships", url.Values{"subdivision": {"CN-HB"}, "valid_from": {"2030-01-01"}}, 409, "already in this district"},
		{"impossible date", "/staff/missions/by-cg-chongqing/memberships", url.Values{"subdivision": {"CN-GZ"}, "valid_from": {"2030-02-31"}}, 400, "is not valid"},
		{"claim citing an unknown source", "/staff/missions/by-cg-chongqing/claims", url.Values{"source": {"nowhere"}, "quote": {"x"}}, 400, "is not recorded"},
		{"mission without a name", "/staff/missions/by-cg-chongqing", url.Values{"city_en": {"Chongqing"}, "time_zone": {"Asia/Shanghai"}}, 400, "is required"},
		{"delete without confirmation", "/staff/claims/1/delete", url.Values{"mission": {"by-cg-chongqing"}}, 400, "tick the confirmation box"},
		{"unknown membership id", "/staff/memberships/abc/end", url.Values{"valid_to": {"2030-01-01"}}, 404, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			res := c.post(tc.path, tc.form)
			if res.Status != tc.status || !strings.Contains(res.Body, tc.want) {
				t.Fatalf("status %d, want %d with %q\n%.800s", res.Status, tc.status, tc.want, res.Body)
			}
		})
	}
}

func TestCSRF(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	c.login("admin")
	for _, tc := range []struct {
		name   string
		form   url.Values
		header map[string]string
	}{
		{"no token", url.Values{"csrf": {""}}, nil},
		{"wrong token", url.Values{"csrf": {"forged"}}, nil},
		{"right token from another site", url.Values{"csrf": {c.csrf}}, map[string]string{"Origin": "https://evil.example"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.form.Set("subdivision", "CN-GZ")
			tc.form.Set("valid_from", "2030-01-01")
			h := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
			for k, v := range tc.header {
				h[k] = v
			}
			res := c.do("POST", "/staff/missions/by-cg-chongqing/memberships", strings.NewReader(tc.form.Encode()), h)
			if res.Status != http.StatusForbidden {
				t.Fatalf("status %d", res.Status)
			}
		})
	}
	members, _ := e.DB.Memberships(context.Background(), "by-cg-chongqing")
	if len(members) != 6 {
		t.Fatalf("a forged request changed the district: %d memberships", len(members))
	}
	// Sign-in has its own pre-session token.
	anon := e.client()
	if res := anon.post("/staff/login", url.Values{"username": {"admin"}, "password": {testPassword}}); res.Status != http.StatusForbidden {
		t.Errorf("sign-in without a token: %d", res.Status)
	}
}

func TestLoginFailureAndRateLimit(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	token := csrfField.FindStringSubmatch(c.get("/staff/login").Body)[1]
	res := c.post("/staff/login", url.Values{"csrf": {token}, "username": {"admin"}, "password": {"wrong password"}})
	if res.Status != http.StatusUnauthorized || !strings.Contains(res.Body, "The username or password is wrong.") {
		t.Fatalf("wrong password: %d", res.Status)
	}
	// Further attempts through a second instance count against the same limit.
	other := c.at(e.start(e.DB))
	limited := false
	for i := 0; i < 10 && !limited; i++ {
		res = other.post("/staff/login", url.Values{"csrf": {token}, "username": {"admin"}, "password": {"wrong password"}})
		limited = res.Status == http.StatusTooManyRequests
	}
	if !limited || res.Header.Get("Retry-After") == "" || !strings.Contains(res.Body, "Too many sign-in attempts") {
		t.Fatalf("no rate limit after repeated failures: %d", res.Status)
	}
	// Even the right password is refused while the limit holds.
	res = other.post("/staff/login", url.Values{"csrf": {token}, "username": {"admin"}, "password": {testPassword}})
	if res.Status != http.StatusTooManyRequests {
		t.Errorf("right password during the limit: %d", res.Status)
	}
}

// TestTwoInstancesBehaveAsOne signs in through one instance and acts
// through another on the same database: sessions, CSRF tokens and the
// audit log are shared because they live in the database.
func TestTwoInstancesBehaveAsOne(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	second := storetest2(t, e)
	a := e.client()
	a.login("consul")
	b := a.at(second)
	res := b.post("/staff/missions/by-cg-chongqing/memberships", url.Values{"subdivision": {"CN-GZ"}, "valid_from": {"2030-01-01"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("acting through the second instance: %d %s", res.Status, res.Body)
	}
	if log := a.get("/staff/audit"); !strings.Contains(log.Body, "CN-GZ") {
		t.Error("the first instance does not see the change made through the second")
	}
	if res := b.post("/staff/logout", nil); res.Status != http.StatusSeeOther {
		t.Fatalf("sign-out through the second instance: %d", res.Status)
	}
	if res := a.get("/staff"); res.Status != http.StatusSeeOther {
		t.Error("the session survives sign-out on the other instance")
	}
}

// TestPublicPagesShowChangesAtOnce: a reader's page, answered once from one
// instance, shows a change made through another instance on the next visit.
func TestPublicPagesShowChangesAtOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	second := storetest2(t, e)
	reader := e.client()
	page := "/missions/by-cg-chongqing"
	if first := reader.get(page); first.Status != 200 || strings.Contains(first.Body, "Guizhou") {
		t.Fatalf("before the change: %d", first.Status)
	}
	reader.get(page) // a second visit, answered from the first instance's cache
	staffer := newClient(t, second)
	staffer.login("consul")
	res := staffer.post("/staff/missions/by-cg-chongqing/memberships", url.Values{"subdivision": {"CN-GZ"}, "valid_from": {"2021-01-28"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("the change through the second instance: %d %s", res.Status, res.Body)
	}
	if after := reader.get(page); !strings.Contains(after.Body, "Guizhou") {
		t.Error("the first instance still shows the page from before the change")
	}
	if api := reader.get("/api/v1/jurisdiction?subdivision=CN-GZ"); !strings.Contains(api.Body, `"id": "by-cg-chongqing"`) {
		t.Error("the API still answers from before the change")
	}
}
