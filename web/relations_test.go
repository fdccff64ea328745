package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
)

// relationsFixture saves a small record: two places, their partnership, an
// event, an agreement and two trade figures for one period that disagree.
func relationsFixture(t *testing.T, db *store.DB) {
	t.Helper()
	cite := func(q string) []mission.Citation {
		return []mission.Citation{{SourceID: "ichongqing-2021-02-01", Quote: q}}
	}
	for _, r := range []cooperation.Record{
		cooperation.Entity{ID: "chongqing", Kind: cooperation.Place, Country: "CN", Name: mission.Text{"en": "Chongqing", "zh": "重庆"}, Citations: cite("Chongqing")},
		cooperation.Entity{ID: "minsk-region", Kind: cooperation.Place, Country: "BY", Name: mission.Text{"en": "Minsk Region", "ru": "Минская область"}, Citations: cite("Minsk Region")},
		cooperation.Partnership{ID: "cq-minsk-region", Kind: cooperation.SisterRegions, A: "chongqing", B: "minsk-region", Since: "2015", Citations: cite("sister regions")},
		cooperation.Event{ID: "opening", Kind: "visit", Start: "2021-01-28", Title: mission.Text{"en": "The Consulate General opens", "zh": "总领馆开馆"}, Citations: cite("opened on 28 January 2021")},
		cooperation.Agreement{ID: "programme-2024", Kind: "programme", Date: "2024-08", Title: mission.Text{"en": "Programme of Cooperation"},
			Value: &cooperation.Money{Amount: "227000000", Currency: "CNY"}, Citations: cite("Programme of Cooperation")},
		cooperation.TradeFigure{ID: "trade-2023-a", Area: "CN-CQ/BY", Period: "2023", Flow: cooperation.Total, Value: &cooperation.Money{Amount: "1020000000", Currency: "CNY"},
			Change: "100.9", Citation: cite("1.02 billion yuan")[0]},
		cooperation.TradeFigure{ID: "trade-2023-b", Area: "CN-CQ/BY", Period: "2023", Flow: cooperation.Total, Value: &cooperation.Money{Amount: "1000000000", Currency: "CNY"},
			Change: "100.9", Citation: cite("about 1 billion yuan")[0]},
		cooperation.TradeFigure{ID: "trade-2022", Area: "CN-CQ/BY", Period: "2022-01/2022-08", Flow: cooperation.Total, Change: "48.5", Citation: cite("48.5%")[0]},
	} {
		if _, err := db.SaveCoop(context.Background(), store.Actor{Name: "test"}, r); err != nil {
			t.Fatal(err)
		}
	}
}

func TestRelationsPages(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	relationsFixture(t, e.DB)
	c := e.client()
	// With the default dataset's figures, the bars are the values in CNY:
	// 2023's two values (1 020 000 000 CNY from two sources, 1 000 000 000
	// CNY from one: two bars, and the table shows both values as a
	// disagreement). 2020's 620 000 000 states no currency and is written,
	// not drawn; January–August 2022 gives only a change (+48.5 %), which is
	// written as a change, never drawn as a value.
	page := c.get("/relations")
	if n := strings.Count(page.Body, `<rect`); n != 2 {
		t.Fatalf("%d bars in the chart, want 2", n)
	}
	body := htmlUnescape(page.Body)
	for _, want := range []string{"+128 % year on year", "+48.5 % year on year", "+100.9 % year on year",
		"620\u202f000\u202f000 (currency not stated)", "Bars: the values the sources state in CNY"} {
		if !strings.Contains(body, want) {
			t.Errorf("the trade chart and table lack %q", want)
		}
	}
	// The table lists each period once, with all its statements' sources.
	for _, period := range []string{"2020", "Jan–Aug 2022", "2023", "Jan–Oct 2024"} {
		if n := strings.Count(body, `<th scope="row">`+period+`</th>`); n != 1 {
			t.Errorf("period %s is %d rows of the trade table, want 1", period, n)
		}
	}
	e.run(t, c, []scenario{
		{name: "overview", path: "/relations", status: 200, want: []string{
			"<h1>Belarus and Chongqing: the relationship</h1>", "2021-01-28", "The Consulate General opens", "Programme of Cooperation",
			"Chongqing – Minsk Region: sister regions", `role="img"`, "100.9 % year on year", "Jan–Aug 2022", "1\u202f020\u202f000\u202f000 CNY",
			"The sources disagree", "opened on 28 January 2021", `href="/sources#src-ichongqing-2021-02-01"`, "Set by the mission"},
			notWant: []string{"chancery-reference", "REFERENCE.md", "shared/sources"}},
		{name: "search by Russian name", path: "/relations/search?q=%D0%9C%D0%B8%D0%BD%D1%81%D0%BA%D0%B0%D1%8F", status: 200, want: []string{"Minsk Region"}},
		{name: "search in Chinese", path: "/relations/search?q=%E9%87%8D%E5%BA%86", status: 200, want: []string{"Chongqing"}},
		{name: "search nothing", path: "/relations/search?q=Pinsk", status: 200, want: []string{"Nothing found"}},
		{name: "search form", path: "/relations/search", status: 200, notWant: []string{"Found for"}},
		{name: "search too long", path: "/relations/search?q=" + strings.Repeat("x", 201), status: 400, want: []string{`role="alert"`}},
		// Last: ?lang= is remembered for the client's next requests.
		{name: "overview in Chinese", path: "/relations?lang=zh", status: 200, want: []string{"总领馆开馆", "2022年1月至8月", "友好省州"}},
	})
}

// TestRelationsSearchPages: many results come a page at a time, each page
// linking the next until the last, which links back to the first.
func TestRelationsSearchPages(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var recs []cooperation.Record
	for i := range 60 {
		recs = append(recs, cooperation.Event{ID: fmt.Sprintf("zorka-%02d", i), Kind: "forum", Start: fmt.Sprintf("2090-01-%02d", i%28+1),
			Title: mission.Text{"en": "Zorka Forum"}, Citations: []mission.Citation{{SourceID: "ichongqing-2021-02-01", Quote: "Zorka"}}})
	}
	if _, err := e.DB.SaveCoops(context.Background(), store.Actor{Name: "test"}, recs); err != nil {
		t.Fatal(err)
	}
	c := e.client()
	first := c.get("/relations/search?q=zorka")
	if first.Status != 200 || strings.Count(first.Body, "Zorka Forum") != 50 || !strings.Contains(htmlUnescape(first.Body), "Found for “zorka”: 50+") {
		t.Fatalf("first page: %d, %d results", first.Status, strings.Count(first.Body, "Zorka Forum"))
	}
	i := strings.Index(first.Body, `href="/relations/search?after=`)
	if i < 0 {
		t.Fatal("no link to more results")
	}
	next := htmlUnescape(first.Body[i+len(`href="`):])
	next = next[:strings.Index(next, `"`)]
	second := c.get(next)
	if second.Status != 200 || strings.Count(second.Body, "Zorka Forum") != 10 || strings.Contains(second.Body, "More results") ||
		!strings.Contains(second.Body, "First results") {
		t.Fatalf("second page %s: %d, %d results", next, second.Status, strings.Count(second.Body, "Zorka Forum"))
	}
	if bad := c.get("/relations/search?q=zorka&after=nonsense"); bad.Status != 400 {
		t.Fatalf("a bad cursor: %d", bad.Status)
	}
}
