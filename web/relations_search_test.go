package web_test

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
)

// TestRelationsSearchFindsDescriptions: the search page and the API find
// records by words of their descriptions (food, 食品, dairy) as well as of
// their names (巨石, the Great Stone park of the default dataset); every
// result links to the record's page, which shows the record with its
// sources.
func TestRelationsSearchFindsDescriptions(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	cite := []mission.Citation{{SourceID: "cqcurrents-2025-05-04", Quote: "high-quality agricultural and food products"}}
	for _, r := range []cooperation.Record{
		cooperation.Entity{ID: "milk-plant", Kind: cooperation.Organisation, Country: "BY", Name: mission.Text{"en": "Minsk Plant No. 1"},
			About: mission.Text{"en": "Makes dairy products for China.", "zh": "为中国生产乳制品和食品。"}, Citations: cite},
		cooperation.Event{ID: "expo-2090", Kind: "fair", Title: mission.Text{"en": "Chongqing expo"}, Start: "2090",
			Outcome: mission.Text{"en": "Belarusian food producers showed their goods."}, Citations: cite},
	} {
		if _, err := e.DB.SaveCoop(context.Background(), store.Actor{Name: "test"}, r); err != nil {
			t.Fatal(err)
		}
	}
	q := url.QueryEscape
	e.run(t, e.client(), []scenario{
		{name: "巨石 finds the Great Stone park", path: "/relations/search?q=" + q("巨石"), status: 200,
			want: []string{`<a href="/relations/entity/great-stone">China–Belarus Industrial Park`}},
		{name: "dairy, in a description", path: "/relations/search?q=dairy", status: 200,
			want: []string{`<a href="/relations/entity/milk-plant">Minsk Plant No. 1</a>`}, notWant: []string{"expo-2090"}},
		{name: "food, in an outcome and a name", path: "/relations/search?q=food", status: 200,
			want: []string{`<a href="/relations/event/expo-2090">Chongqing expo</a>`, `href="/relations/entity/by-ministry-agriculture-food"`}},
		{name: "食品, in a Chinese description", path: "/relations/search?q=" + q("食品"), status: 200,
			want: []string{`href="/relations/entity/milk-plant"`}},
		{name: "API: 巨石", path: "/api/v1/search?q=" + q("巨石"), status: 200,
			want: []string{`"id": "great-stone"`, `"url": "/relations/entity/great-stone"`}},
		{name: "API: dairy", path: "/api/v1/search?q=dairy", status: 200,
			want: []string{`"id": "milk-plant"`, `"url": "/relations/entity/milk-plant"`}},
		{name: "API: 食品", path: "/api/v1/search?q=" + q("食品"), status: 200, want: []string{`"id": "milk-plant"`}},
		{name: "a record's page", path: "/relations/entity/milk-plant", status: 200,
			want: []string{"<h1>Minsk Plant No. 1</h1>", "Makes dairy products for China.", "high-quality agricultural and food products",
				`href="/sources#src-cqcurrents-2025-05-04"`}},
		{name: "an event's page links its place", path: "/relations/event/tv-week-2022", status: 200,
			want: []string{`<a href="/relations/entity/chongqing">Chongqing</a>`}},
		{name: "a partnership's page", path: "/relations/partnership/chongqing-minsk-region", status: 200,
			want: []string{"Chongqing – Minsk Region (sister regions)", "Chongqing’s twin city", `<a href="/relations/entity/minsk-region">`}},
		{name: "no such record", path: "/relations/entity/pinsk", status: 404},
		{name: "no such kind", path: "/relations/planet/earth", status: 404},
		{name: "the Great Stone park in Chinese", path: "/relations/entity/great-stone?lang=zh", status: 200,
			want: []string{"中白工业园区“巨石”"}},
	})
}

// TestRelationsDatasetCorrections: the default dataset's corrections of
// issue 12 §6 as the public sees them, in every language.
func TestRelationsDatasetCorrections(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	c := e.client()
	approx := map[string]string{"en": "approximately 227\u202f000\u202f000 CNY", "zh": "约 227\u202f000\u202f000 CNY",
		"ru": "приблизительно 227\u202f000\u202f000 CNY", "be": "прыблізна 227\u202f000\u202f000 CNY"}
	for lang, want := range approx {
		for _, path := range []string{"/relations", "/relations/agreement/business-forum-2024-agreements"} {
			if page := c.get(path + "?lang=" + lang); !strings.Contains(htmlUnescape(page.Body), want) {
				t.Errorf("%s in %s lacks %q", path, lang, want)
			}
		}
	}
	c.get("/relations?lang=en")
	page := htmlUnescape(c.get("/relations").Body)
	if strings.Contains(page, "Chongqing – Minsk: sister cities") || !strings.Contains(page, "Chongqing – Minsk Region: sister regions") {
		t.Error("the relations page shows a sister-city tie of Chongqing and the city of Minsk, or not the Minsk Region partnership")
	}
	// The overview links each timeline entry, partnership and agreement to its page.
	for _, link := range []string{`href="/relations/partnership/chongqing-minsk-region"`, `href="/relations/agreement/business-forum-2024-agreements"`,
		`href="/relations/event/tv-week-2022"`, `href="/relations/corridor/yuxinou"`} {
		if !strings.Contains(page, link) {
			t.Errorf("the relations page lacks %s", link)
		}
	}
	chongqing := htmlUnescape(c.get("/relations/entity/chongqing").Body)
	if !strings.Contains(chongqing, `In the words of the Consul General of Belarus, "Chongqing and Minsk are two Hero cities".`) {
		t.Error("the Hero cities are not attributed to the Consul General")
	}
	for path, gone := range map[string]string{"/relations/entity/great-stone": "near Minsk", "/relations/entity/kunming": "Capital of Yunnan"} {
		if strings.Contains(c.get(path).Body, gone) {
			t.Errorf("%s still says %q, which no source says", path, gone)
		}
	}
	var api struct {
		Items []cooperation.Corridor `json:"items"`
	}
	if err := json.Unmarshal([]byte(c.get("/api/v1/corridors").Body), &api); err != nil {
		t.Fatal(err)
	}
	for _, co := range api.Items {
		if co.ID == "yuxinou" && (!strings.Contains(co.Name["ru"], "Юйсиньоу") || !strings.Contains(co.Name["be"], "Юйсіньоу")) {
			t.Errorf("Yuxinou in Russian and Belarusian: %q, %q", co.Name["ru"], co.Name["be"])
		}
	}
}
