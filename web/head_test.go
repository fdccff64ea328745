package web_test

import (
	"html"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/web"
)

var (
	metaDescription = regexp.MustCompile(`<meta name="description" content="([^"]*)">`)
	canonicalLink   = regexp.MustCompile(`<link rel="canonical" href="([^"]*)">`)
	alternateLink   = regexp.MustCompile(`<link rel="alternate" hreflang="([^"]*)" href="([^"]*)">`)
)

// TestPublicPagesDescribeThemselves checks the <head> of the public pages
// in the four languages: a description in the page's language, the page's
// address in each language (hreflang) and its canonical address, built on
// the configured public address, never the request's host; and no
// canonical address on the staff desk, errors, or pages whose address
// carries a manage-link token.
func TestPublicPagesDescribeThemselves(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	srv, err := web.New(e.DB, web.Config{PublicURL: "https://consulate.example"})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	c := newClient(t, ts.URL)
	tags := map[string]string{"en": "en", "zh": "zh-Hans", "ru": "ru", "be": "be"}
	pages := []struct {
		path string
		want map[string]string // words the description holds, by language
	}{
		{"/", map[string]string{"en": "visa", "zh": "签证", "ru": "виза", "be": "віза"}},
		{"/missions", map[string]string{"en": "consulates general", "zh": "总领事馆", "ru": "генеральные консульства", "be": "генеральныя консульствы"}},
		{"/missions/by-cg-chongqing", map[string]string{"en": "Chongqing", "zh": "重庆", "ru": "Чунцин", "be": "Чунцын"}},
		{"/districts", map[string]string{"en": "map", "zh": "地图", "ru": "Карта", "be": "Карта"}},
		{"/jurisdiction", map[string]string{"en": "province", "zh": "省份", "ru": "провинцию", "be": "правінцыю"}},
		{"/entry-check", map[string]string{"en": "visa", "zh": "签证", "ru": "виза", "be": "віза"}},
		{"/book", map[string]string{"en": "appointment", "zh": "预约", "ru": "приём", "be": "прыём"}},
		{"/relations", map[string]string{"en": "Chongqing", "zh": "重庆", "ru": "Чунцин", "be": "Чунцын"}},
		{"/relations/sectors", map[string]string{"en": "partners", "zh": "合作伙伴", "ru": "партнёров", "be": "партнёраў"}},
		{"/sources", map[string]string{"en": "documents", "zh": "文件", "ru": "Документы", "be": "Дакументы"}},
		{"/relations/search?q=food", map[string]string{"en": "Search", "zh": "检索", "ru": "Поиск", "be": "Пошук"}},
	}
	for _, p := range pages {
		descriptions := map[string]bool{}
		path, query, _ := strings.Cut(p.path, "?")
		withLang := func(code string) string {
			u := "https://consulate.example" + path + "?"
			if query != "" && code == "" {
				return u + query
			}
			// url.Values.Encode sorts the parameters: "lang" before "q".
			if query != "" {
				return u + "lang=" + code + "&" + query
			}
			if code == "" {
				return strings.TrimSuffix(u, "?")
			}
			return u + "lang=" + code
		}
		// The address without ?lang= answers in the reader's language: it is
		// its own canonical address (the x-default), never one language's.
		if m := canonicalLink.FindStringSubmatch(c.get(p.path).Body); m == nil || html.UnescapeString(m[1]) != withLang("") {
			t.Errorf("%s: canonical %v, want the x-default %s", p.path, m, withLang(""))
		}
		for lang, tag := range tags {
			sep := "?"
			if strings.Contains(p.path, "?") {
				sep = "&"
			}
			res := c.get(p.path + sep + "lang=" + lang)
			if res.Status != 200 {
				t.Fatalf("%s in %s: status %d", p.path, lang, res.Status)
			}
			m := metaDescription.FindStringSubmatch(res.Body)
			if m == nil || strings.TrimSpace(m[1]) == "" || strings.Contains(m[1], "no value") {
				t.Errorf("%s in %s: no description: %v", p.path, lang, m)
			} else {
				d := html.UnescapeString(m[1])
				descriptions[d] = true
				if !strings.Contains(d, p.want[lang]) {
					t.Errorf("%s in %s: description %q lacks %q", p.path, lang, d, p.want[lang])
				}
			}
			if m := canonicalLink.FindStringSubmatch(res.Body); m == nil || html.UnescapeString(m[1]) != withLang(lang) {
				t.Errorf("%s in %s: canonical %v, want %s", p.path, lang, m, withLang(lang))
			}
			alts := map[string]string{}
			for _, a := range alternateLink.FindAllStringSubmatch(res.Body, -1) {
				alts[a[1]] = html.UnescapeString(a[2])
			}
			for code, tag := range tags {
				if alts[tag] != withLang(code) {
					t.Errorf("%s in %s: hreflang %s is %q, want %q", p.path, lang, tag, alts[tag], withLang(code))
				}
			}
			if alts["x-default"] != withLang("") || len(alts) != 5 {
				t.Errorf("%s in %s: alternates %v, want the four languages and x-default %s", p.path, lang, alts, withLang(""))
			}
			if !strings.Contains(res.Body, `<html lang="`+tag+`">`) {
				t.Errorf("%s in %s: not in %s", p.path, lang, tag)
			}
		}
		if len(descriptions) != len(tags) {
			t.Errorf("%s: the same description in two languages: %v", p.path, descriptions)
		}
	}

	// A language button (?switch_lang=) names the language as ?lang= does:
	// the canonical address is that language's, without the button.
	res := c.get("/relations?switch_lang=ru")
	if m := canonicalLink.FindStringSubmatch(res.Body); res.Status != 200 || m == nil || html.UnescapeString(m[1]) != "https://consulate.example/relations?lang=ru" {
		t.Errorf("/relations?switch_lang=ru (%d): canonical %v, want its ?lang=ru address", res.Status, m)
	}

	// Not indexed: an error, a page whose address carries a token, the desk.
	for _, path := range []string{"/no-such-page", "/bookings/0000-0000?token=wrong", "/jurisdiction?place=Atlantis"} {
		res := c.get(path)
		if canonicalLink.MatchString(res.Body) || alternateLink.MatchString(res.Body) {
			t.Errorf("%s (%d) names a canonical address or alternates", path, res.Status)
		}
		if !metaDescription.MatchString(res.Body) {
			t.Errorf("%s has no description", path)
		}
	}
	staff := newClient(t, ts.URL)
	staff.login("admin")
	if res := staff.get("/staff"); res.Status != 200 || canonicalLink.MatchString(res.Body) || alternateLink.MatchString(res.Body) {
		t.Errorf("/staff (%d) names a canonical address or alternates", res.Status)
	}
}

// TestFavicon checks that every page links the site's icon and that
// /favicon.ico, which browsers ask for anyway, answers it: an SVG of ours,
// fetched from nowhere else.
func TestFavicon(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	home := c.get("/")
	m := regexp.MustCompile(`<link rel="icon" href="(/static/favicon\.[0-9a-f]+\.svg)" type="image/svg\+xml">`).FindStringSubmatch(home.Body)
	if m == nil {
		t.Fatal("the home page links no icon of ours")
	}
	for _, path := range []string{m[1], "/favicon.ico"} {
		res := c.get(path)
		if res.Status != 200 || res.Header.Get("Content-Type") != "image/svg+xml" || !strings.HasPrefix(res.Body, "<svg") {
			t.Errorf("%s: status %d, type %q, body %.40q", path, res.Status, res.Header.Get("Content-Type"), res.Body)
		}
	}
}

// TestNationalityList checks the list a visitor picks a nationality from
// on the visa check: today's names in each language, no territory without
// nationals, and such a territory refused with a clear 400.
func TestNationalityList(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	for lang, want := range map[string]string{"en": "Eswatini", "ru": "Эсватини", "be": "Эсваціні", "zh": "斯威士兰"} {
		res := c.get("/entry-check?lang=" + lang)
		if !strings.Contains(res.Body, `<option value="SZ">`+want+`</option>`) {
			t.Errorf("%s: SZ is not offered as %q", lang, want)
		}
		for _, old := range []string{">Swaziland<", ">Свазиленд<", ">Свазіленд<"} {
			if strings.Contains(res.Body, old) {
				t.Errorf("%s: the list still offers %s", lang, old)
			}
		}
		for _, code := range []string{"AQ", "BV", "HM", "TF", "UM"} {
			if strings.Contains(res.Body, `<option value="`+code+`"`) {
				t.Errorf("%s: the list offers %s, a territory without nationals", lang, code)
			}
		}
	}
	res := c.get("/entry-check?lang=en&destination=BY&nationality=AQ&passport=ordinary&purpose=tourism&stay_days=20&days_used_this_year=0")
	if res.Status != 400 {
		t.Errorf("nationality AQ: status %d, want 400", res.Status)
	}
}
