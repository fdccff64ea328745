package web_test

import (
	"net/http"
	"strings"
	"testing"
)

// scenario is one request and what a person relies on in its answer.
type scenario struct {
	name    string
	method  string
	path    string
	header  map[string]string
	status  int
	want    []string // substrings the body must contain
	notWant []string
}

func (e *testEnv) run(t *testing.T, c *client, cases []scenario) {
	t.Helper()
	for _, sc := range cases {
		t.Run(sc.name, func(t *testing.T) {
			method := sc.method
			if method == "" {
				method = "GET"
			}
			res := c.do(method, sc.path, nil, sc.header)
			if res.Status != sc.status {
				t.Fatalf("%s %s: status %d, want %d\n%.600s", method, sc.path, res.Status, sc.status, res.Body)
			}
			for _, w := range sc.want {
				if !strings.Contains(res.Body, w) {
					t.Errorf("%s %s: body lacks %q", method, sc.path, w)
				}
			}
			for _, w := range sc.notWant {
				if strings.Contains(res.Body, w) {
					t.Errorf("%s %s: body contains %q", method, sc.path, w)
				}
			}
		})
	}
}

func TestPublicPages(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.run(t, e.client(), []scenario{
		{name: "home", path: "/", status: 200, want: []string{`<html lang="en">`, "Consulate General of the Republic of Belarus in Chongqing", `href="#main"`}},
		{name: "mission list", path: "/missions", status: 200, want: []string{"Embassy of the Republic of Belarus", "Hong Kong", "sources disagree"}},
		{name: "Chongqing with its disputed district", path: "/missions/by-cg-chongqing", status: 200,
			want: []string{"2021-01-28", "Dzmitry Yemelyanau", "as named in a source of 2023-01-14", "The sources disagree.", "Disputed.", "The consulate area covers Chongqing, Sichuan, Gansu, Shaanxi, and Yunnan.",
				"领事馆辖区范围包括重庆、四川、甘肃、陕西与湖北", "“Shanxi” is read as CN-SN.", "CN-YN", "CN-HB"}},
		{name: "Shanghai's district is not described", path: "/missions/by-cg-shanghai", status: 200, want: []string{"No public source we hold describes this district."}},
		{name: "embassy address", path: "/missions/by-embassy-beijing", status: 200, want: []string{"No. 1 Dong Yi Jie, Ri Tan Lu, Chaoyang"}},
		{name: "embassy head as of a source, with the predecessor", path: "/missions/by-embassy-beijing", status: 200,
			want: []string{"Aliaksandr Charviakou", "as named in a source of 2024-03-22", `href="/sources#src-fmprc-2024-03-22-charviakou"`,
				"Earlier heads of mission", "Yuri Senko", "from 2020-11-19", "until 2023", "No public source we hold describes this district."},
			notWant: []string{"Serves every subdivision", "no consulate's district names"}},
		{name: "Hong Kong: a consulate general for Hong Kong and Macao", path: "/missions/by-office-hong-kong", status: 200,
			want: []string{"Consulate General of the Republic of Belarus in Hong Kong", "2023-05-04", "该总领馆的领事区覆盖…香港和澳门", "CN-HK", "CN-MO",
				`href="/sources#src-by-cg-chongqing-regional-cooperation"`, `href="/sources#src-belarus-by-hk-office-2023-05-05"`}},
		{name: "unknown mission", path: "/missions/nowhere", status: 404, want: []string{"There is no mission"}},
		{name: "district map with table", path: "/districts", status: 200,
			want:    []string{"<svg", "<table", "CN-XZ", "Dashed border", "Not known from the sources. Suggested: the mission located here.", "Pale fill"},
			notWant: []string{"so the embassy serves it"}},
		{name: "finder form", path: "/jurisdiction", status: 200, want: []string{`name="place"`, `<option value="CN-SN">`}},
		{name: "finder: Wuhan", path: "/jurisdiction?place=Wuhan", status: 200,
			want: []string{"the city of Wuhan, in Hubei", "/missions/by-cg-chongqing", "Where the sources disagree", "iChongqing"}},
		{name: "finder: 成都", path: "/jurisdiction?place=%E6%88%90%E9%83%BD", status: 200, want: []string{"Sichuan", "/missions/by-cg-chongqing"}},
		// Where no source describes a district, the answer says so and only suggests a mission.
		{name: "finder: Guangdong is not known; Guangzhou suggested", path: "/jurisdiction?subdivision=CN-GD", status: 200,
			want:    []string{"not known from our sources", "Suggested mission:", "/missions/by-cg-guangzhou", "this mission is located in your province"},
			notWant: []string{"so the embassy serves you"}},
		{name: "finder: Shenzhen is in Guangdong; Guangzhou suggested", path: "/jurisdiction?place=Shenzhen", status: 200,
			want:    []string{"the city of Shenzhen, in Guangdong", "not known from our sources", "/missions/by-cg-guangzhou", "only a suggestion"},
			notWant: []string{"so the embassy serves you"}},
		{name: "finder: Shanghai is not known; Shanghai suggested", path: "/jurisdiction?place=Shanghai", status: 200,
			want:    []string{"not known from our sources", "/missions/by-cg-shanghai", "this mission is located in your province"},
			notWant: []string{"so the embassy serves you"}},
		{name: "finder: 上海", path: "/jurisdiction?place=%E4%B8%8A%E6%B5%B7", status: 200,
			want: []string{"not known from our sources", "/missions/by-cg-shanghai"}, notWant: []string{"so the embassy serves you"}},
		{name: "finder: Hong Kong is the consulate general's, sourced", path: "/jurisdiction?place=Hong+Kong", status: 200,
			want:    []string{"/missions/by-office-hong-kong", "consular district since 2023-05-04", "该总领馆的领事区覆盖…香港和澳门"},
			notWant: []string{"not known from our sources", "so the embassy serves you"}},
		{name: "finder: Macao is the consulate general's, sourced", path: "/jurisdiction?subdivision=CN-MO", status: 200,
			want: []string{"/missions/by-office-hong-kong", "该总领馆的领事区覆盖…香港和澳门"}, notWant: []string{"not known from our sources"}},
		{name: "finder: Yunnan is disputed, with the reason", path: "/jurisdiction?subdivision=CN-YN", status: 200,
			want: []string{"/missions/by-cg-chongqing", "Disputed: the sources disagree whether Yunnan is in this district.",
				"left out by the Chongqing Currents interview", "the Ambassador himself", "将为重庆、四川、湖北、甘肃、陕西、云南等6个省市"}},
		{name: "finder: Hubei is disputed, with the reason", path: "/jurisdiction?subdivision=CN-HB", status: 200,
			want: []string{"/missions/by-cg-chongqing", "Disputed: the sources disagree whether Hubei is in this district.",
				"left out by iChongqing (2021-02-01)", "the Ambassador himself"}},
		{name: "finder: Shaanxi is sourced, the spelling explained", path: "/jurisdiction?subdivision=CN-SN", status: 200,
			want: []string{"/missions/by-cg-chongqing", "“Shanxi” is read as CN-SN."}, notWant: []string{"Disputed:", "not known from our sources"}},
		{name: "finder: Shanxi proper is not known; the English texts' “Shanxi” explained", path: "/jurisdiction?place=Shanxi", status: 200,
			want: []string{"not known from our sources", "/missions/by-embassy-beijing", "the nearest",
				"2 English texts literally write “Shanxi”", "read as Shaanxi", "陕西"},
			notWant: []string{"so the embassy serves you"}},
		{name: "finder: unknown place", path: "/jurisdiction?place=Atlantis", status: 404, want: []string{"We do not know a province or city called “Atlantis”", `aria-invalid="true"`}},
		{name: "finder: over-long input", path: "/jurisdiction?place=" + strings.Repeat("x", 300), status: 400, want: []string{"too long"}},
		{name: "sources", path: "/sources", status: 200, want: []string{"iChongqing", "Radio Belarus", `id="src-ichongqing-2021-02-01"`}},
		{name: "unknown page", path: "/no/such/page", status: 404, want: []string{"There is no page at this address."}},
		{name: "wrong method on a page", method: "DELETE", path: "/missions", status: 405, want: []string{"DELETE is not allowed here"}},
		{name: "stylesheet under a content hash", path: "/static/nope.css", status: 404},
		{name: "health", path: "/healthz", status: 200, want: []string{`"ok"`}},
	})
}

func TestPagesInEveryLanguage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	cases := []struct{ lang, tag, word string }{
		{"en", "en", "Missions"},
		{"zh", "zh-Hans", "白俄罗斯"},
		{"ru", "ru", "Беларусь в Китае"},
		{"be", "be", "Беларусь у Кітаі"},
	}
	for _, c := range cases {
		t.Run(c.lang, func(t *testing.T) {
			cl := e.client()
			for _, p := range []string{"/", "/missions", "/missions/by-cg-chongqing", "/districts", "/jurisdiction?place=Wuhan", "/sources", "/staff/login", "/nope"} {
				sep := "?"
				if strings.Contains(p, "?") {
					sep = "&"
				}
				res := cl.get(p + sep + "lang=" + c.lang)
				if !strings.Contains(res.Body, `<html lang="`+c.tag+`">`) {
					t.Errorf("%s: not rendered in %s", p, c.tag)
				}
				if !strings.Contains(res.Body, c.word) {
					t.Errorf("%s: lacks %q", p, c.word)
				}
				for _, raw := range []string{"nav.", "error.", "district.", "jurisdiction."} {
					if strings.Contains(res.Body, ">"+raw) {
						t.Errorf("%s: an untranslated message key %q… is shown", p, raw)
					}
				}
			}
		})
	}
}

// TestSuggestionInEveryLanguage: where no source describes a district, every
// language says so and labels the mission as a suggestion.
func TestSuggestionInEveryLanguage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	cases := []struct{ lang, notKnown, suggestion string }{
		{"en", "is not known from our sources", "This is only a suggestion"},
		{"zh", "无法得知您所在的省份属于哪个使领馆的领区", "这只是建议"},
		{"ru", "неизвестно, в консульский округ какого загранучреждения входит Ваша провинция", "Это только предложение"},
		{"be", "невядома, у консульскую акругу якой замежнай установы ўваходзіць Ваша правінцыя", "Гэта толькі прапанова"},
	}
	for _, c := range cases {
		t.Run(c.lang, func(t *testing.T) {
			res := e.client().get("/jurisdiction?subdivision=CN-SH&lang=" + c.lang)
			for _, w := range []string{c.notKnown, c.suggestion, "/missions/by-cg-shanghai"} {
				if !strings.Contains(res.Body, w) {
					t.Errorf("lacks %q", w)
				}
			}
		})
	}
}

func TestLanguageChoice(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	if res := c.do("GET", "/", nil, map[string]string{"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5"}); !strings.Contains(res.Body, `lang="zh-Hans"`) {
		t.Error("Accept-Language zh-CN did not choose Simplified Chinese")
	}
	if res := c.do("GET", "/", nil, map[string]string{"Accept-Language": "be-BY"}); !strings.Contains(res.Body, `<html lang="be">`) {
		t.Error("Accept-Language be-BY did not choose Belarusian")
	}
	if res := c.do("GET", "/", nil, map[string]string{"Accept-Language": "fr-FR"}); !strings.Contains(res.Body, `<html lang="en">`) {
		t.Error("an unsupported language did not fall back to English")
	}
	c.get("/?lang=ru")
	res := c.do("GET", "/missions", nil, map[string]string{"Accept-Language": "zh-CN"})
	if !strings.Contains(res.Body, `<html lang="ru">`) {
		t.Error("the switcher's choice did not persist over Accept-Language")
	}
	if res.Header.Get("Content-Language") != "ru" {
		t.Errorf("Content-Language %q", res.Header.Get("Content-Language"))
	}
}

func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	res := e.client().get("/")
	for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"} {
		if res.Header.Get(h) == "" {
			t.Errorf("missing %s", h)
		}
	}
	if res.Status != http.StatusOK {
		t.Fatal(res.Status)
	}
}
