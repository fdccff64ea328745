package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/matchmaking"
	"github.com/chancery-platform/chancery/store"
)

// The explanation of the default dataset's main suggestion, as staff and
// the API read it.
const belarusFood = "Republic of Belarus offers section IV (prepared foodstuffs; beverages, spirits and vinegar; tobacco), which Chongqing seeks"

func matchAudit(t *testing.T, e *testEnv, entity string) []store.AuditEntry {
	t.Helper()
	log, err := e.DB.AuditLog(context.Background(), store.AuditFilter{Entity: entity, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	return log
}

// TestMatchSuggestionsCuration: staff see each suggestion with its reasons,
// accept it, are offered an undo, and a stale decision is refused with
// word of who changed it; each change is audited once.
func TestMatchSuggestionsCuration(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	c.login("consul")
	page := c.get("/staff/match/suggestions")
	for _, want := range []string{belarusFood, "China–Belarus Industrial Park", "each offers what the other seeks", `value="accepted"`} {
		if !strings.Contains(page.Body, want) {
			t.Errorf("suggestions page lacks %q", want)
		}
	}
	one := c.get("/staff/match/suggestions?for=great-stone")
	if !strings.Contains(one.Body, `id="pair-chongqing--great-stone"`) || strings.Contains(one.Body, `id="pair-belarus--chongqing"`) {
		t.Errorf("one organisation's suggestions:\n%.2000s", one.Body)
	}
	accept := url.Values{"from": {"suggested"}, "to": {"accepted"}}
	res := c.post("/staff/match/suggestions/belarus/chongqing", accept)
	if res.Status != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "done=accepted") {
		t.Fatalf("accept: %d %s", res.Status, res.Header.Get("Location"))
	}
	done := c.get(res.Header.Get("Location"))
	if !strings.Contains(done.Body, "Accepted: Republic of Belarus and Chongqing.") || !strings.Contains(done.Body, `name="to" value="suggested"`) {
		t.Fatalf("no word of the acceptance with an undo:\n%.3000s", done.Body)
	}
	if again := c.post("/staff/match/suggestions/belarus/chongqing", accept); again.Status != http.StatusSeeOther {
		t.Fatalf("accepting twice: %d", again.Status)
	}
	if n := len(matchAudit(t, e, "match_pair")); n != 1 {
		t.Fatalf("%d audit entries after accepting twice", n)
	}
	stale := c.post("/staff/match/suggestions/belarus/chongqing", url.Values{"from": {"suggested"}, "to": {"dismissed"}})
	if stale.Status != http.StatusConflict || !strings.Contains(stale.Body, "it is now “Accepted” (consul,") {
		t.Fatalf("a stale dismissal: %d\n%.2000s", stale.Status, stale.Body)
	}
	undo := c.post("/staff/match/suggestions/belarus/chongqing", url.Values{"from": {"accepted"}, "to": {"suggested"}})
	if undo.Status != http.StatusSeeOther || !strings.Contains(c.get(undo.Header.Get("Location")).Body, "Undone: Republic of Belarus and Chongqing are a suggestion again.") {
		t.Fatalf("undo: %d", undo.Status)
	}
	if log := matchAudit(t, e, "match_pair"); len(log) != 2 || log[0].Action != "match.suggestion.undo" || log[0].Actor != "consul" {
		t.Fatalf("audit after undo: %+v", log)
	}
	for _, bad := range []struct {
		path string
		form url.Values
		code int
	}{
		{"/staff/match/suggestions/belarus/great-stone", accept, http.StatusBadRequest},
		{"/staff/match/suggestions/chongqing/belarus", accept, http.StatusBadRequest},
		{"/staff/match/suggestions/belarus/nowhere", accept, http.StatusNotFound},
		{"/staff/match/suggestions/belarus/chongqing", url.Values{"from": {"suggested"}, "to": {"married"}}, http.StatusBadRequest},
	} {
		if res := c.post(bad.path, bad.form); res.Status != bad.code {
			t.Errorf("%s %v: %d, want %d", bad.path, bad.form, res.Status, bad.code)
		}
	}
	if zh := c.get("/staff/match/suggestions?lang=zh"); !strings.Contains(zh.Body, "白俄罗斯共和国供给第IV类（食品；饮料、酒及醋；烟草），正是重庆所需") {
		t.Errorf("the reasons are not explained in Chinese:\n%.2000s", zh.Body)
	}
}

// TestMatchProfileEdit: staff edit what an organisation offers and seeks;
// bad input is refused with the form kept; officers see the profile but
// no form.
func TestMatchProfileEdit(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	c.login("consul")
	list := c.get("/staff/match")
	if !strings.Contains(list.Body, "IV · prepared foodstuffs") || !strings.Contains(list.Body, `href="/staff/match/profiles/great-stone"`) {
		t.Fatalf("profiles page:\n%.2000s", list.Body)
	}
	path := "/staff/match/profiles/great-stone"
	for _, bad := range []struct {
		name string
		form url.Values
		code int
		want string
	}{
		{"section beyond XXI", url.Values{"offer": {"XXII"}}, 400, "“XXII” is not a section of the Harmonized System"},
		{"nothing ticked", url.Values{"detail_en": {"Kept"}}, 400, "Tick at least one section"},
		{"detail too long", url.Values{"offer": {"VI"}, "detail_en": {strings.Repeat("x", matchmaking.MaxDetail+1)}}, 413, "at most 2000 characters"},
	} {
		res := c.post(path, bad.form)
		if res.Status != bad.code || !strings.Contains(res.Body, bad.want) {
			t.Errorf("%s: %d\n%.1500s", bad.name, res.Status, res.Body)
		}
	}
	seen, err := e.DB.ProfileVersion(context.Background(), "great-stone")
	if err != nil || seen == 0 {
		t.Fatalf("version %d, %v", seen, err)
	}
	form := url.Values{"offer": {"VI"}, "seek": {"XVII", "XVIII", "XVI"}, "detail_ru": {"Медицинская продукция"}, "version": {itoa(seen)}}
	res := c.post(path, form)
	if res.Status != http.StatusSeeOther {
		t.Fatalf("save: %d\n%.1500s", res.Status, res.Body)
	}
	if again := c.post(path, form); again.Status != http.StatusSeeOther {
		t.Fatalf("the same form sent twice: %d", again.Status)
	}
	a := e.client()
	a.login("admin")
	stale := a.post(path, url.Values{"offer": {"VI"}, "seek": {"XVII"}, "version": {itoa(seen)}})
	if stale.Status != http.StatusConflict || !strings.Contains(stale.Body, "Someone saved this profile meanwhile (consul,") ||
		!strings.Contains(stale.Body, `id="seek-XVII" name="seek" type="checkbox" value="XVII" checked`) {
		t.Fatalf("saving over another's change: %d\n%.3000s", stale.Status, stale.Body)
	}
	p, err := e.DB.MatchProfile(context.Background(), "great-stone")
	if err != nil || p.Seeks != matchmaking.SetOf(16, 17, 18) || p.Detail["ru"] != "Медицинская продукция" || len(p.Citations) == 0 {
		t.Fatalf("saved profile %+v, %v", p, err)
	}
	if log := matchAudit(t, e, "match_profile"); log[0].Action != "match.profile.update" || log[0].Actor != "consul" {
		t.Fatalf("audit: %+v", log[0])
	}
	if res := c.get("/staff/match/profiles/dzmitry-yemelyanau"); res.Status != http.StatusBadRequest {
		t.Errorf("a person's profile page: %d", res.Status)
	}
	if res := c.get("/staff/match/profiles/nowhere"); res.Status != http.StatusNotFound {
		t.Errorf("an unknown organisation: %d", res.Status)
	}
	o := e.client()
	o.login("officer")
	if page := o.get(path); page.Status != 200 || strings.Contains(page.Body, `action="`+path+`"`) || !strings.Contains(page.Body, "XVIII · optical") {
		t.Errorf("the officer's view of a profile: %d\n%.1500s", page.Status, page.Body)
	}
}

// TestMatchIntroductionsPage: an officer records an introduction once and
// its outcome; a conflicting record is refused and says why.
func TestMatchIntroductionsPage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	c.login("officer")
	form := url.Values{"a": {"chongqing"}, "b": {"belarus"}, "date": {"2024-05-23"}, "note": {"Met at the Western China fair"}}
	for range 2 {
		if res := c.post("/staff/match/introductions", form); res.Status != http.StatusSeeOther {
			t.Fatalf("record: %d\n%.1500s", res.Status, res.Body)
		}
	}
	intros, _ := e.DB.Introductions(context.Background())
	if len(intros) != 1 {
		t.Fatalf("%d introductions after recording one twice", len(intros))
	}
	page := c.get("/staff/match/introductions")
	if !strings.Contains(page.Body, "Met at the Western China fair") || !strings.Contains(page.Body, "Republic of Belarus · Chongqing") {
		t.Fatalf("introductions page:\n%.2000s", page.Body)
	}
	other := url.Values{"a": {"chongqing"}, "b": {"belarus"}, "date": {"2024-05-23"}, "note": {"Another"}}
	if res := c.post("/staff/match/introductions", other); res.Status != http.StatusConflict || !strings.Contains(res.Body, "already recorded") || !strings.Contains(res.Body, "Another") {
		t.Errorf("a second note for the day: %d", res.Status)
	}
	same := url.Values{"a": {"belarus"}, "b": {"great-stone"}, "date": {"2024-05-23"}}
	if res := c.post("/staff/match/introductions", same); res.Status != http.StatusBadRequest || !strings.Contains(res.Body, "of one country") {
		t.Errorf("two Belarusian organisations: %d", res.Status)
	}
	if res := c.post("/staff/match/introductions", url.Values{"a": {"belarus"}, "b": {"chongqing"}, "date": {"23.05.2024"}}); res.Status != http.StatusBadRequest {
		t.Errorf("a malformed date: %d", res.Status)
	}
	id := itoa(intros[0].ID)
	if res := c.post("/staff/match/introductions/"+id+"/outcome", url.Values{"from": {"pending"}, "outcome": {"agreement_signed"}}); res.Status != http.StatusSeeOther {
		t.Fatalf("outcome: %d", res.Status)
	}
	res := c.post("/staff/match/introductions/"+id+"/outcome", url.Values{"from": {"pending"}, "outcome": {"no_interest"}})
	if res.Status != http.StatusConflict || !strings.Contains(res.Body, "it is now “Agreement signed” (officer)") {
		t.Errorf("a stale outcome: %d\n%.1500s", res.Status, res.Body)
	}
	if res := c.post("/staff/match/introductions/999/outcome", url.Values{"from": {"pending"}, "outcome": {"no_interest"}}); res.Status != http.StatusNotFound {
		t.Errorf("an unknown introduction: %d", res.Status)
	}
}

// TestMatchAPI: the read API gives sections, profiles and the rule's
// suggestions with their explanations in the reader's language, refuses
// bad input with a 4xx in that language, and publishes none of staff's
// curation.
func TestMatchAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	if _, err := e.DB.Decide(context.Background(), store.Actor{Name: "consul"}, matchmaking.PairOf("belarus", "chongqing"), matchmaking.Suggested, matchmaking.Dismissed); err != nil {
		t.Fatal(err)
	}
	ru := map[string]string{"Accept-Language": "ru"}
	e.run(t, e.client(), []scenario{
		{name: "sections", path: "/api/v1/match/sections", status: 200, want: []string{`"section": "XXI"`, `"chapters": "16-24"`, `"zh": "木浆；纸及纸板"`}},
		{name: "sections in Russian", path: "/api/v1/match/sections", header: ru, status: 200, want: []string{`"name": "древесная масса; бумага и картон"`}},
		{name: "profiles", path: "/api/v1/match/profiles", status: 200, want: []string{`"entity": "great-stone"`, `"XVIII"`, "medicinal items"}},
		{name: "profiles of China", path: "/api/v1/match/profiles?country=CN", status: 200, want: []string{`"entity": "chongqing"`}, notWant: []string{`"entity": "belarus"`}},
		{name: "profiles offering wood", path: "/api/v1/match/profiles?offers=IX", status: 200, want: []string{`"entity": "belarus"`}, notWant: []string{`"entity": "chongqing"`}},
		{name: "profiles seeking medical instruments", path: "/api/v1/match/profiles?seeks=18", status: 200, want: []string{`"total": 1`, `"entity": "great-stone"`}},
		{name: "a section beyond XXI", path: "/api/v1/match/profiles?offers=IV,XXII", status: 400, want: []string{`"code": "invalid"`, "“XXII” is not a section"}},
		{name: "a bad section in Russian", path: "/api/v1/match/profiles?seeks=food", header: ru, status: 400, want: []string{"«food» — не раздел Гармонизированной системы"}},
		{name: "a third country", path: "/api/v1/match/profiles?country=HU", status: 400, want: []string{"neither Belarus (BY) nor China (CN)"}},
		{name: "suggestions", path: "/api/v1/match/suggestions", status: 200, want: []string{belarusFood, `"mutual": true`, `"offerer": "chongqing"`},
			notWant: []string{"dismissed", "consul", "decided"}},
		{name: "one organisation's", path: "/api/v1/match/suggestions?for=great-stone", status: 200,
			want: []string{"Chongqing offers section XVIII (optical, medical and precision instruments; clocks and watches; musical instruments), which China–Belarus Industrial Park"}, notWant: []string{`"a": "belarus"`}},
		{name: "in one section", path: "/api/v1/match/suggestions?section=X", status: 200, want: []string{"section X (pulp of wood; paper and paperboard)"}, notWant: []string{"section IV"}},
		{name: "page past the end", path: "/api/v1/match/suggestions?offset=50", status: 200, want: []string{`"items": []`}},
		{name: "no such profile", path: "/api/v1/match/suggestions?for=nobody", status: 404, want: []string{"nobody has not declared"}},
		{name: "section zero", path: "/api/v1/match/suggestions?section=0", status: 400, want: []string{"“0” is not a section"}},
		{name: "limit too large", path: "/api/v1/match/suggestions?limit=100000", status: 400},
		{name: "not a GET", method: "POST", path: "/api/v1/match/suggestions", status: 405},
		{name: "in Chinese", path: "/api/v1/match/suggestions?lang=zh", status: 200, want: []string{"供给第IV类"}},
	})
}

// TestMatchSectorsPage: the public page shows, per country, the sections
// offered and sought and by whom, the suggestions with their reasons and
// the sources' passages, in the reader's language, linked from /relations.
func TestMatchSectorsPage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ru := map[string]string{"Accept-Language": "ru"}
	e.run(t, e.client(), []scenario{
		{name: "linked from the relations page", path: "/relations", status: 200, want: []string{`href="/relations/sectors"`}},
		{name: "sectors", path: "/relations/sectors", status: 200, want: []string{"Trade sectors: what Belarus and China offer and seek",
			"IX · wood and articles of wood; cork; basketware", belarusFood,
			"Chongqing is supplying Belarus with industrial equipment, electronics, and passenger vehicles"},
			notWant: []string{"dismissed", "Undo"}},
		{name: "in Russian", path: "/relations/sectors", header: ru, status: 200, want: []string{"Отрасли торговли", "предлагает раздел IV"}},
	})
}
