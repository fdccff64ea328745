package dataset_test

import (
	"os"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/dataset"
	"github.com/chancery-platform/chancery/mission"
)

// TestDefaultCooperation: the built-in record of cooperation parses, and
// its people and places are found by the spellings the sources use.
func TestDefaultCooperation(t *testing.T) {
	ds, err := dataset.Default()
	if err != nil {
		t.Fatal(err)
	}
	c := ds.Cooperation
	if c == nil || len(c.Entities) == 0 || len(c.Roles) == 0 || len(c.Partnerships) == 0 || len(c.Agreements) == 0 ||
		len(c.Events) == 0 || len(c.Corridors) == 0 || len(c.Trade) == 0 {
		t.Fatalf("the default dataset carries every kind of cooperation record: %+v", c)
	}
	entities := map[string]cooperation.Entity{}
	for _, e := range c.Entities {
		entities[e.ID] = e
	}
	for _, m := range []struct{ id, query string }{
		{"dzmitry-yemelyanau", "Dmitry Yemelyanov"}, {"dzmitry-yemelyanau", "Дзмітрый Емяльянаў"},
		{"dzmitry-yemelyanau", "Дмитрий Емельянов"}, {"dzmitry-yemelyanau", "德米特里·叶梅利扬诺夫"},
		{"kapyl-district", "Kopyl"}, {"kapyl-district", "Koper"}, {"minsk-region", "Minsk Oblast"},
	} {
		if _, ok := entities[m.id].Matches(m.query); !ok {
			t.Errorf("%s is not found by %q", m.id, m.query)
		}
	}
	// The two sources of January–August 2022 state the figure alike.
	if d := cooperation.Disagreements(c.Trade); len(d) != 0 {
		t.Errorf("trade figures disagree: %+v", d)
	}
	tl := cooperation.Timeline(c.Events, c.Agreements, c.Partnerships, c.Corridors, func(cooperation.Partnership) mission.Text { return nil })
	if len(tl) == 0 || tl[0].Ref != "yuxinou" {
		t.Errorf("the timeline starts with %+v, want the Yuxinou railway of 2011", tl[:min(1, len(tl))])
	}
}

func TestParseRejectsBadCooperation(t *testing.T) {
	raw, err := os.ReadFile("testdata/cooperation.yaml")
	if err != nil {
		t.Fatal(err)
	}
	good := string(raw)
	if _, err := dataset.Parse(strings.NewReader(good)); err != nil {
		t.Fatalf("the test file itself: %v", err)
	}
	edit := func(old, new string) string { return strings.Replace(good, old, new, 1) }
	rejects(t, good, []badFile{
		{"malformed date", edit(`start: "2021-01-28"`, `start: "28.01.2021"`), "cooperation.events[0].start"},
		{"impossible date", edit(`date: "2024-08"`, `date: "2024-13"`), "cooperation.agreements[0].date"},
		{"end before start", edit(`end: "2021-01-28"`, `end: "2020-12"`), "cooperation.events[0].end"},
		{"role ending before it starts", edit(`from: "2021"`, "from: \"2021\"\n      to: \"2019\""), "cooperation.roles[0].to"},
		{"currency outside ISO 4217", edit("currency: CNY}\n      change", "currency: RMB}\n      change"), "cooperation.trade[1].value.currency"},
		{"currency in lower case", edit("currency: CNY}\n      count", "currency: cny}\n      count"), "cooperation.agreements[0].value.currency"},
		{"negative value", edit(`amount: "620000000"`, `amount: "-620000000"`), "cooperation.trade[0].value.amount"},
		{"amount in words", edit(`amount: "620000000"`, `amount: "620 million"`), "cooperation.trade[0].value.amount"},
		{"change with a percent sign", edit(`change: "128"`, `change: "128%"`), "cooperation.trade[0].change"},
		{"period running backwards", edit(`period: "2024-01/2024-10"`, `period: "2024-10/2024-01"`), "cooperation.trade[2].period"},
		{"unknown area code", edit("area: CN-CQ/BY\n      period: \"2020\"", "area: Chongqing/Belarus\n      period: \"2020\""), "cooperation.trade[0].area"},
		{"figure with nothing stated", edit("      wording: {en: \"more than doubled\"}\n", ""), "cooperation.trade[2]"},
		{"unknown flow", edit("flow: total", "flow: both"), "cooperation.trade[0].flow"},
		{"unknown source reference", edit(`{source: article, quote: "Chongqing"}`, `{source: nowhere, quote: "Chongqing"}`), "cooperation.entities[2].citations[0].source"},
		{"unknown source of a trade figure", edit(`{source: article, quote: "more than doubled"}`, `{source: nowhere, quote: "more than doubled"}`), "cooperation.trade[2].citation.source"},
		{"empty quote", edit(`quote: "signed the Programme of Cooperation"`, `quote: ""`), "cooperation.agreements[0].citations[0].quote"},
		{"no citation", edit("      citations:\n        - {source: article, quote: \"Yuxinou\"}\n", ""), "cooperation.corridors[0].citations"},
		{"unknown entity reference in a role", edit("person: consul", "person: ambassador"), "cooperation.roles[0].person"},
		{"place where a person is meant", edit("person: consul", "person: chongqing"), "cooperation.roles[0].person"},
		{"unknown entity reference in a partnership", edit("b: minsk-region", "b: minsk-oblast"), "cooperation.partnerships[0].b"},
		{"partnership with itself", edit("b: minsk-region", "b: chongqing"), "cooperation.partnerships[0].b"},
		{"unknown party of an agreement", edit("parties: [chongqing, minsk-region]", "parties: [chongqing, minsk]"), "cooperation.agreements[0].parties[1]"},
		{"unknown event place id", edit("      place: chongqing\n      citations:\n        - {source: article, quote: \"was opened\"}", "      place: chong-qing\n      citations:\n        - {source: article, quote: \"was opened\"}"), "cooperation.events[0].place"},
		{"unknown stop of a corridor", edit("route: [chongqing, Duisburg]", "route: [chongqing, duisburg]"), "cooperation.corridors[0].route[1]"},
		{"entity kind not person, organisation or place", edit("kind: organisation", "kind: company"), "cooperation.entities[1].kind"},
		{"country not ISO 3166-1", edit("country: CN", "country: China"), "cooperation.entities[2].country"},
		{"id with capitals", edit("id: opening", "id: Opening"), "cooperation.events[0].id"},
		{"duplicate entity id", edit("id: consulate\n", "id: consul\n"), "cooperation.entities[1].id"},
		{"duplicate trade figure id", edit("id: trade-2022", "id: trade-2020"), "cooperation.trade[1].id"},
		{"duplicate role", edit("  partnerships:", "    - {person: consul, organisation: consulate, title: {en: \"Consul General\"}, from: \"2021\", citations: [{source: article, quote: \"x\"}]}\n  partnerships:"), "cooperation.roles[1]"},
		{"name without English", edit(`name: {en: "Chongqing"}`, `name: {zh: "重庆"}`), "cooperation.entities[2].name.en"},
		{"negative count", edit("count: 13", "count: -13"), "cooperation.agreements[0].count"},
		{"unknown field", edit("      since: \"2011\"", "      since: \"2011\"\n      length_km: 11179"), "length_km"},
	})
}
