package web_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/mission"
	"github.com/chancery-platform/chancery/store"
)

// cursor is the after of a search page that ends at the record kind/id.
func cursor(kind, date, id string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(kind + "\n" + date + "\n" + id))
}

func TestCooperationAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	cite := []mission.Citation{{SourceID: "ichongqing-2021-02-01", Quote: "Dzmitry Yemelyanau"}}
	recs := []cooperation.Record{
		cooperation.Entity{ID: "dzmitry-yemelyanau", Kind: cooperation.Person, Country: "BY", Citations: cite,
			Name: mission.Text{"en": "Dzmitry Yemelyanau", "zh": "德米特里·叶梅利扬诺夫"}, Aliases: []cooperation.Alias{{Text: "Дмитрий Емельянов", Lang: "ru"}}},
	}
	for i := range 5 {
		recs = append(recs, cooperation.Event{ID: fmt.Sprintf("event-%d", i), Kind: "forum", Start: fmt.Sprintf("%d-05", 2090+i),
			Title: mission.Text{"en": fmt.Sprintf("Zorka Forum %d", 2090+i)}, Citations: cite})
	}
	for _, r := range recs {
		if _, err := e.DB.SaveCoop(ctx, store.Actor{Name: "test"}, r); err != nil {
			t.Fatal(err)
		}
	}
	e.run(t, e.client(), []scenario{
		{name: "events, first page", path: "/api/v1/events?from=2090&limit=2", status: 200,
			want:    []string{`"total": 5`, `"id": "event-0"`, `"id": "event-1"`, `"next": "/api/v1/events?from=2090\u0026limit=2\u0026offset=2"`, `"quote": "Dzmitry Yemelyanau"`},
			notWant: []string{`"id": "event-2"`}},
		{name: "events, last page", path: "/api/v1/events?from=2090&limit=2&offset=4", status: 200, want: []string{`"id": "event-4"`}, notWant: []string{`"next"`}},
		{name: "events by date", path: "/api/v1/events?from=2092&to=2093-12", status: 200, want: []string{`"total": 2`, `"id": "event-2"`, `"id": "event-3"`}},
		{name: "entities", path: "/api/v1/entities", status: 200, want: []string{`"id": "dzmitry-yemelyanau"`, `"lang": "ru"`}},
		{name: "the default dataset's trade figures", path: "/api/v1/trade-figures", status: 200, want: []string{`"period": "2023"`, `"currency": "CNY"`}},
		{name: "nothing after 2100", path: "/api/v1/events?from=2100", status: 200, want: []string{`"total": 0`, `"items": []`}},
		{name: "bad date", path: "/api/v1/events?from=2021-13", status: 400, want: []string{"YYYY-MM-DD"}},
		{name: "bad limit", path: "/api/v1/events?limit=1000", status: 400, want: []string{"from 1 to 200"}},
		{name: "bad offset", path: "/api/v1/events?offset=-1", status: 400},
		{name: "search in Russian", path: "/api/v1/search?q=%D0%95%D0%BC%D0%B5%D0%BB%D1%8C%D1%8F%D0%BD%D0%BE%D0%B2", status: 200, want: []string{`"id": "dzmitry-yemelyanau"`}},
		{name: "search in Chinese", path: "/api/v1/search?q=" + "%E5%8F%B6%E6%A2%85%E5%88%A9%E6%89%AC%E8%AF%BA%E5%A4%AB", status: 200, want: []string{`"kind": "entity"`}},
		{name: "search by transliteration", path: "/api/v1/search?q=Yemelyanov", status: 200, want: []string{`"id": "dzmitry-yemelyanau"`}},
		{name: "search events", path: "/api/v1/search?q=zorka+2092", status: 200, want: []string{`"id": "event-2"`}, notWant: []string{`"id": "event-3"`}},
		{name: "search nothing found", path: "/api/v1/search?q=Pinsk", status: 200, want: []string{`"results": []`}},
		{name: "search empty", path: "/api/v1/search?q=+", status: 400, want: []string{"Type what to search for"}},
		{name: "search too long", path: "/api/v1/search?q=" + strings.Repeat("a", 201), status: 400},
		{name: "search, first page", path: "/api/v1/search?q=zorka&limit=2", status: 200,
			want:    []string{`"limit": 2`, `"id": "event-0"`, `"id": "event-1"`, `"next": "/api/v1/search?after=` + cursor("event", "2091-05", "event-1") + `\u0026limit=2\u0026q=zorka"`},
			notWant: []string{`"id": "event-2"`}},
		{name: "search, second page", path: "/api/v1/search?q=zorka&limit=2&after=" + cursor("event", "2091-05", "event-1"), status: 200,
			want:    []string{`"id": "event-2"`, `"id": "event-3"`, `"next": "/api/v1/search?after=` + cursor("event", "2093-05", "event-3")},
			notWant: []string{`"id": "event-1"`, `"id": "event-4"`}},
		{name: "search, last page", path: "/api/v1/search?q=zorka&limit=2&after=" + cursor("event", "2093-05", "event-3"), status: 200,
			want: []string{`"id": "event-4"`}, notWant: []string{`"next"`, `"id": "event-3"`}},
		{name: "search, a cursor no page gave", path: "/api/v1/search?q=zorka&after=event-3", status: 400, want: []string{"next link"}},
		{name: "entities of Belarus that are people", path: "/api/v1/entities?country=BY&kind=person&limit=200", status: 200,
			want: []string{`"id": "dzmitry-yemelyanau"`}, notWant: []string{`"country": "CN"`, `"kind": "place"`}},
		{name: "partnerships of Kapyl", path: "/api/v1/partnerships?entity=kapyl-district", status: 200,
			want: []string{`"total": 1`, `"id": "wanzhou-kapyl"`}},
		{name: "roles of a person", path: "/api/v1/roles?person=dzmitry-yemelyanau&limit=1", status: 200,
			want: []string{`"person": "dzmitry-yemelyanau"`, `person=dzmitry-yemelyanau`}, notWant: []string{`"person": "yuri-senko"`}},
		{name: "forums", path: "/api/v1/events?kind=forum&from=2090", status: 200, want: []string{`"total": 5`}},
		{name: "trade figures, total flow", path: "/api/v1/trade-figures?area=CN-CQ/BY&flow=total", status: 200, want: []string{`"flow": "total"`}, notWant: []string{`"flow": "import"`}},
		{name: "bad country", path: "/api/v1/entities?country=Belarus", status: 400, want: []string{"ISO 3166-1"}},
		{name: "bad kind", path: "/api/v1/events?kind=party", status: 400, want: []string{"is not one of"}},
		{name: "bad flow", path: "/api/v1/trade-figures?flow=transit", status: 400},
		{name: "bad entity", path: "/api/v1/partnerships?entity=Kapyl%20District", status: 400, want: []string{"identifier"}},
		// Last: ?lang= is remembered in a cookie for the client's next requests.
		{name: "bad date in Russian", path: "/api/v1/events?from=yesterday&lang=ru", status: 400, want: []string{"не дата"}},
	})
}
