package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/web"
)

// TestMissionFrontDoor: the mission sets its phone, email, directions and
// emergency contact on the desk; the change is audited, and its page and
// the "which mission serves me" answer show them in every language with
// the office hours from its calendar and a "Book an appointment" link.
// What is not set reads "not published yet", never "not recorded".
func TestMissionFrontDoor(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	pub := e.client()
	before := pub.get("/missions/by-cg-shanghai")
	if before.Status != 200 || !strings.Contains(before.Body, "Not published yet") || strings.Contains(before.Body, "Not recorded") {
		t.Fatalf("a mission that set nothing: %d\n%.600s", before.Status, before.Body)
	}
	// A mission that takes no applications online does not offer to apply.
	if strings.Contains(before.Body, "/apply") {
		t.Error("Shanghai, which has no case types, offers to apply online")
	}

	c := e.client()
	c.login("consul")
	form := c.get("/staff/missions/by-cg-chongqing")
	for _, f := range []string{`name="directions_en"`, `name="directions_be"`, `name="emergency_zh"`, `name="emergency_ru"`, `name="phone"`, `name="email"`} {
		if !strings.Contains(form.Body, f) {
			t.Errorf("the desk form lacks %s", f)
		}
	}
	directions := map[string]string{"en": "Metro line 3 to Guanyinqiao, exit 5", "zh": "乘轨道交通3号线至观音桥站5号出口",
		"ru": "Метро, линия 3, станция Гуаньиньцяо, выход 5", "be": "Метро, лінія 3, станцыя Гуаньіньцяо, выхад 5"}
	emergency := map[string]string{"en": "Duty officer, day and night", "zh": "全天候值班领事", "ru": "Дежурный консул, круглосуточно", "be": "Дзяжурны консул, кругласутачна"}
	v := url.Values{"name_en": {"Consulate General of the Republic of Belarus in Chongqing"}, "city_en": {"Chongqing"},
		"time_zone": {"Asia/Shanghai"}, "district_known": {"yes"}, "phone": {"+86 23 0000 0000"}, "email": {"chongqing@mfa.example"}}
	for l, s := range directions {
		v.Set("directions_"+l, s)
		v.Set("emergency_"+l, emergency[l])
	}
	if res := c.post("/staff/missions/by-cg-chongqing", v); res.Status != http.StatusSeeOther {
		t.Fatalf("save: %d\n%.600s", res.Status, res.Body)
	}
	log, err := e.DB.AuditLog(context.Background(), store.AuditFilter{Entity: "mission", EntityID: "by-cg-chongqing", Limit: 1})
	if err != nil || len(log) != 1 || log[0].Action != "mission.update" || log[0].Actor != "consul" ||
		!strings.Contains(log[0].After, "Guanyinqiao") || !strings.Contains(log[0].After, "Duty officer") {
		t.Fatalf("audit: %+v %v", log, err)
	}

	hours := map[string]string{"en": "Monday to Friday: 09:00–12:00, 14:00–17:00", "zh": "星期一至星期五：09:00–12:00，14:00–17:00",
		"ru": "понедельник – пятница: 09:00–12:00, 14:00–17:00", "be": "панядзелак – пятніца: 09:00–12:00, 14:00–17:00"}
	for _, l := range []string{"en", "zh", "ru", "be"} {
		for _, path := range []string{"/missions/by-cg-chongqing?lang=" + l, "/jurisdiction?subdivision=CN-SC&lang=" + l} {
			res := pub.get(path)
			want := []string{directions[l], emergency[l], "23 0000 0000", `href="tel:&#43;862300000000"`, `href="mailto:chongqing@mfa.example"`,
				`href="/missions/by-cg-chongqing/book"`}
			if strings.HasPrefix(path, "/missions") {
				// Where an applicant starts a consular case.
				want = append(want, hours[l], `href="/missions/by-cg-chongqing/apply"`)
			}
			for _, w := range want {
				if res.Status != 200 || !strings.Contains(res.Body, w) {
					t.Errorf("%s: %d, lacks %q", path, res.Status, w)
				}
			}
			if strings.Contains(res.Body, ">frontdoor.") || strings.Contains(res.Body, "Not recorded") {
				t.Errorf("%s shows a message key or “not recorded”", path)
			}
		}
	}
}

// TestSiteIdentity: a configured name, short name, footer, colour and
// emblem replace the product's on the public pages, the colour arriving in
// a stylesheet the page's CSP allows; the product is named only in the
// "powered by" line. Without configuration the site looks as before.
func TestSiteIdentity(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>`)
	srv, err := web.New(e.DB, web.Config{Identity: web.Identity{
		Name:      web.Localized{"": "Consulate General of Belarus in Chongqing", "zh": "白俄罗斯共和国驻重庆总领事馆"},
		ShortName: web.Localized{"": "CG Chongqing"},
		Footer:    web.Localized{"": "Consulate General of the Republic of Belarus in Chongqing, official site", "ru": "Генеральное консульство, официальный сайт"},
		Primary:   "#7A1020", Emblem: svg, EmblemName: "emblem.svg"}})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	c := newClient(t, ts.URL)
	// In this order: ?lang= is remembered for the pages after it.
	for _, p := range []struct{ path, name string }{{"/", "Consulate General of Belarus in Chongqing"}, {"/entry-check", "Consulate General of Belarus in Chongqing"},
		{"/missions/by-cg-chongqing?lang=zh", "白俄罗斯共和国驻重庆总领事馆"}, {"/missions?lang=ru", "Consulate General of Belarus in Chongqing"}} {
		path, name := p.path, p.name
		res := c.get(path)
		footer := "official site"
		if strings.HasSuffix(path, "=ru") {
			footer = "официальный сайт"
		}
		for _, w := range []string{" · " + name + "</title>", `<span class="brand-full">` + name + `</span>`,
			`<span class="brand-short">CG Chongqing</span>`, footer, `<p class="powered">`} {
			if !strings.Contains(res.Body, w) {
				t.Errorf("%s lacks %q", path, w)
			}
		}
		if strings.Contains(res.Body, "chancery · Belarus in China") {
			t.Errorf("%s still names the product as the site", path)
		}
	}
	home := c.get("/")
	css := regexp.MustCompile(`href="(/static/identity\.[0-9a-f]+\.css)"`).FindStringSubmatch(home.Body)
	img := regexp.MustCompile(`<img src="(/static/emblem\.[0-9a-f]+\.svg)" alt=""`).FindStringSubmatch(home.Body)
	if css == nil || img == nil {
		t.Fatalf("no identity stylesheet or emblem linked:\n%.1200s", home.Body)
	}
	if res := c.get(css[1]); res.Status != 200 || !strings.Contains(res.Body, "--accent: #7a1020") || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") {
		t.Errorf("identity stylesheet: %d %q %q", res.Status, res.Header.Get("Content-Type"), res.Body)
	}
	if res := c.get(img[1]); res.Status != 200 || res.Body != string(svg) || res.Header.Get("Content-Type") != "image/svg+xml" {
		t.Errorf("emblem: %d %q", res.Status, res.Header.Get("Content-Type"))
	}
	if csp := home.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "style-src 'self'") {
		t.Errorf("CSP %q", csp)
	}

	plain := e.client().get("/")
	if !strings.Contains(plain.Body, "Belarusian missions in China · chancery · Belarus in China</title>") ||
		strings.Contains(plain.Body, "identity.") || strings.Contains(plain.Body, "emblem.") || strings.Contains(plain.Body, "brand-short") {
		t.Errorf("the default identity changed:\n%.800s", plain.Body)
	}
}

// TestAnswerFirst: the visa check and the mission finder put the answer
// above the form; "You need a visa" leads to the visa service of the
// mission serving the person's province, with its fee and the fee's
// source, or first to the finder when no province is given; no line meant
// for staff or developers reaches the public.
func TestAnswerFirst(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	before := func(t *testing.T, body, first, second string) {
		t.Helper()
		i, j := strings.Index(body, first), strings.Index(body, second)
		if i < 0 || j < 0 || i > j {
			t.Errorf("%q (at %d) is not before %q (at %d)", first, i, second, j)
		}
	}
	ask := "/entry-check?destination=BY&nationality=CN&passport=ordinary&purpose=tourism&on=2026-11-23&stay_days=31"
	langs := map[string]string{"en": "Visa fee: 30 USD", "zh": "签证费：30 USD", "ru": "Консульский сбор за визу: 30 USD", "be": "Консульскі збор за візу: 30 USD"}
	for l, fee := range langs {
		res := c.get(ask + "&subdivision=CN-SC&lang=" + l)
		if res.Status != 200 {
			t.Fatalf("%s: %d", l, res.Status)
		}
		before(t, res.Body, `id="entry-answer"`, `<form method="get" action="/entry-check"`)
		before(t, res.Body, `id="next-step"`, `<form method="get" action="/entry-check"`)
		for _, w := range []string{fee, `href="/missions/by-cg-chongqing/services/cq-visa"`, `href="/missions/by-cg-chongqing"`, `href="http://china.mfa.gov.by/ru/consular_issues/visaquestion/tarif/"`,
			`<option value="CN-SC" selected>`} {
			if !strings.Contains(res.Body, w) {
				t.Errorf("%s: lacks %q", l, w)
			}
		}
		for _, w := range []string{"recorded in chancery", "REFERENCE", ">frontdoor.", "unchecked"} {
			if strings.Contains(res.Body, w) {
				t.Errorf("%s: shows %q", l, w)
			}
		}
	}
	res := c.get(ask + "&lang=en")
	if !strings.Contains(res.Body, `href="/jurisdiction"`) || strings.Contains(res.Body, "/services/cq-visa") || !strings.Contains(res.Body, "Visa fee: 30 USD") {
		t.Errorf("without a province the next step is to find the mission:\n%.800s", res.Body)
	}
	if res := c.get(ask[:strings.Index(ask, "&stay_days")] + "&stay_days=10&subdivision=CN-SC"); strings.Contains(res.Body, `id="next-step"`) {
		t.Errorf("a next step for a visa not needed")
	}
	if res := c.get(ask + "&subdivision=CN-GD&lang=en"); !strings.Contains(res.Body, "only a suggestion:") || !strings.Contains(res.Body, `href="/missions/by-cg-guangzhou"`) {
		t.Errorf("a province no source places is answered as if known")
	}
	if res := c.get(ask + "&subdivision=XX-ZZ"); res.Status != 400 || !strings.Contains(res.Body, `id="subdivision-error"`) || strings.Contains(res.Body, `id="entry-answer"`) {
		t.Errorf("an unknown province: %d", res.Status)
	}

	j := c.get("/jurisdiction?place=Chengdu")
	before(t, j.Body, `id="answer-h"`, `<form method="get" action="/jurisdiction"`)
	if !strings.Contains(j.Body, `href="/missions/by-cg-chongqing/services/cq-visa"`) {
		t.Errorf("the answer offers no visa appointment")
	}
	if form := c.get("/jurisdiction"); strings.Contains(form.Body, `id="answer-h"`) {
		t.Errorf("an answer without a question")
	}
}

// TestHomeTasks: the home page leads with the tasks people come for, as
// links, before the list of missions.
func TestHomeTasks(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, l := range []string{"en", "zh", "ru", "be"} {
		res := e.client().get("/?lang=" + l)
		tasks := strings.Index(res.Body, `<ul class="tasks"`)
		for _, href := range []string{`href="/book"`, `href="/entry-check"`, `href="/jurisdiction"`, `href="/events"`, `href="/missions"`} {
			i := strings.Index(res.Body[max(tasks, 0):], href)
			if tasks < 0 || i < 0 || tasks+i > strings.Index(res.Body, `class="cards"`) {
				t.Errorf("%s: the task %s is not among the first links", l, href)
			}
		}
	}
}
