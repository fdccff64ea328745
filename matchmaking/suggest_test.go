package matchmaking_test

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/matchmaking"
)

func profile(id, country, offers, seeks string) matchmaking.Profile {
	o, err := matchmaking.ParseSections(offers)
	if err != nil {
		panic(err)
	}
	s, err := matchmaking.ParseSections(seeks)
	if err != nil {
		panic(err)
	}
	return matchmaking.Profile{EntityID: id, Country: country, Offers: o, Seeks: s}
}

var (
	agrifood   = profile("by-agrifood", "BY", "I, II, IV, IX, X", "XVI, XVII")
	cqImporter = profile("cq-importer", "CN", "", "IV, IX, X")
	cqMaker    = profile("cq-maker", "CN", "XVI, XVII", "")
	byBuyer    = profile("by-buyer", "BY", "", "XVII")
	byOther    = profile("by-other", "BY", "IV", "IV")
)

// TestSuggest: the rule pairs organisations of the two countries whose
// offers meet the other's needs, explains each pair, and ranks them.
func TestSuggest(t *testing.T) {
	r := func(offerer, seeker string, s matchmaking.Section) matchmaking.Reason {
		return matchmaking.Reason{Offerer: offerer, Seeker: seeker, Section: s}
	}
	cases := []struct {
		name     string
		profiles []matchmaking.Profile
		q        matchmaking.Query
		want     []matchmaking.Suggestion
	}{
		{"Belarusian agri-food, timber and pulp with a Chongqing importer", []matchmaking.Profile{agrifood, cqImporter}, matchmaking.Query{},
			[]matchmaking.Suggestion{{Pair: matchmaking.Pair{A: "by-agrifood", B: "cq-importer"}, Score: 3,
				Reasons: []matchmaking.Reason{r("by-agrifood", "cq-importer", 4), r("by-agrifood", "cq-importer", 9), r("by-agrifood", "cq-importer", 10)}}}},
		{"a Chongqing maker of vehicles with a Belarusian buyer", []matchmaking.Profile{cqMaker, byBuyer}, matchmaking.Query{},
			[]matchmaking.Suggestion{{Pair: matchmaking.Pair{A: "by-buyer", B: "cq-maker"}, Score: 1,
				Reasons: []matchmaking.Reason{r("cq-maker", "by-buyer", 17)}}}},
		{"each offers what the other seeks", []matchmaking.Profile{agrifood, cqMaker, profile("cq-both", "CN", "XVI", "IV")}, matchmaking.Query{},
			[]matchmaking.Suggestion{
				{Pair: matchmaking.Pair{A: "by-agrifood", B: "cq-both"}, Score: 2, Mutual: true,
					Reasons: []matchmaking.Reason{r("by-agrifood", "cq-both", 4), r("cq-both", "by-agrifood", 16)}},
				{Pair: matchmaking.Pair{A: "by-agrifood", B: "cq-maker"}, Score: 2,
					Reasons: []matchmaking.Reason{r("cq-maker", "by-agrifood", 16), r("cq-maker", "by-agrifood", 17)}}}},
		{"two of one country are never paired", []matchmaking.Profile{agrifood, byOther, byBuyer}, matchmaking.Query{}, nil},
		{"offers meeting no need", []matchmaking.Profile{cqMaker, profile("by-food", "BY", "IV", "IV")}, matchmaking.Query{}, nil},
		{"the suggestions of one organisation", []matchmaking.Profile{agrifood, cqImporter, cqMaker, byBuyer}, matchmaking.Query{For: "by-buyer"},
			[]matchmaking.Suggestion{{Pair: matchmaking.Pair{A: "by-buyer", B: "cq-maker"}, Score: 1, Reasons: []matchmaking.Reason{r("cq-maker", "by-buyer", 17)}}}},
		{"an organisation with no profile", []matchmaking.Profile{agrifood, cqImporter}, matchmaking.Query{For: "nobody"}, nil},
		{"only one section", []matchmaking.Profile{agrifood, cqImporter, cqMaker, byBuyer}, matchmaking.Query{Section: 9},
			[]matchmaking.Suggestion{{Pair: matchmaking.Pair{A: "by-agrifood", B: "cq-importer"}, Score: 1, Reasons: []matchmaking.Reason{r("by-agrifood", "cq-importer", 9)}}}},
		{"the best only", []matchmaking.Profile{agrifood, cqImporter, cqMaker, byBuyer}, matchmaking.Query{Limit: 1},
			[]matchmaking.Suggestion{{Pair: matchmaking.Pair{A: "by-agrifood", B: "cq-importer"}, Score: 3,
				Reasons: []matchmaking.Reason{r("by-agrifood", "cq-importer", 4), r("by-agrifood", "cq-importer", 9), r("by-agrifood", "cq-importer", 10)}}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := matchmaking.Suggest(c.profiles, c.q)
			if (len(got) != 0 || len(c.want) != 0) && !reflect.DeepEqual(got, c.want) {
				t.Fatalf("got  %+v\nwant %+v", got, c.want)
			}
		})
	}
}

// TestSuggestRanking: with a limit, the best suggestions are kept, in the
// order of the full ranking, whatever order the profiles come in.
func TestSuggestRanking(t *testing.T) {
	var ps []matchmaking.Profile
	for i := range 60 {
		country := []string{"BY", "CN"}[i%2]
		ps = append(ps, matchmaking.Profile{EntityID: fmt.Sprintf("org-%02d", i), Country: country,
			Offers: matchmaking.Set(uint32(i*2654435761) >> 8 & 0x3ffffe), Seeks: matchmaking.Set(uint32(i*40503) << 3 & 0x3ffffe)})
	}
	full := matchmaking.Suggest(ps, matchmaking.Query{})
	if len(full) < 20 {
		t.Fatalf("only %d suggestions among 60 profiles", len(full))
	}
	for i := 1; i < len(full); i++ {
		if full[i].Score > full[i-1].Score {
			t.Fatalf("suggestion %d scores %d after %d", i, full[i].Score, full[i-1].Score)
		}
	}
	reversed := make([]matchmaking.Profile, len(ps))
	for i, p := range ps {
		reversed[len(ps)-1-i] = p
	}
	for _, limit := range []int{1, 7, 20} {
		if got := matchmaking.Suggest(reversed, matchmaking.Query{Limit: limit}); !reflect.DeepEqual(got, full[:limit]) {
			t.Errorf("the best %d differ from the head of the full ranking", limit)
		}
	}
	for s := matchmaking.Section(1); s.Valid(); s++ {
		in := matchmaking.Suggest(ps, matchmaking.Query{Section: s})
		for _, limit := range []int{1, 5} {
			if got := matchmaking.Suggest(reversed, matchmaking.Query{Section: s, Limit: limit}); len(in) >= limit && !reflect.DeepEqual(got, in[:limit]) {
				t.Errorf("section %s: the best %d differ from the head of its full ranking", s, limit)
			}
		}
	}
}

func TestExplain(t *testing.T) {
	s, ok := matchmaking.Explain(cqImporter, agrifood)
	if !ok || s.Pair != matchmaking.PairOf("cq-importer", "by-agrifood") || len(s.Reasons) != 3 || s.Reasons[0].Offerer != "by-agrifood" {
		t.Fatalf("%+v %v", s, ok)
	}
	if _, ok := matchmaking.Explain(agrifood, byOther); ok {
		t.Fatal("two Belarusian organisations explained as a match")
	}
}

func TestProfileCheck(t *testing.T) {
	good := profile("great-stone", "BY", "VI", "XVII, XVIII")
	if err := good.Check(); err != nil {
		t.Fatal(err)
	}
	edit := func(f func(*matchmaking.Profile)) matchmaking.Profile { p := good; f(&p); return p }
	for _, c := range []struct {
		name string
		p    matchmaking.Profile
		code string
	}{
		{"not an id", edit(func(p *matchmaking.Profile) { p.EntityID = "Great Stone" }), chancery.EINVALID},
		{"a third country", edit(func(p *matchmaking.Profile) { p.Country = "HU" }), chancery.EINVALID},
		{"nothing offered or sought", edit(func(p *matchmaking.Profile) { p.Offers, p.Seeks = 0, 0 }), chancery.EINVALID},
		{"detail in an unknown language", edit(func(p *matchmaking.Profile) { p.Detail = map[string]string{"de": "Maschinen"} }), chancery.EINVALID},
		{"detail too long", edit(func(p *matchmaking.Profile) {
			p.Detail = map[string]string{"en": string(make([]byte, matchmaking.MaxDetail+1))}
		}), chancery.ETOOLARGE},
	} {
		if err := c.p.Check(); chancery.ErrorCode(err) != c.code {
			t.Errorf("%s: %v, want %s", c.name, err, c.code)
		}
	}
	if err := good.Entity(cooperation.Entity{ID: "great-stone", Kind: cooperation.Organisation, Country: "BY"}); err != nil {
		t.Errorf("an organisation of Belarus: %v", err)
	}
	if err := good.Entity(cooperation.Entity{ID: "great-stone", Kind: cooperation.Person, Country: "BY"}); err == nil {
		t.Error("a person took a profile")
	}
	if err := good.Entity(cooperation.Entity{ID: "great-stone", Kind: cooperation.Place, Country: "CN"}); err == nil {
		t.Error("a profile of another country than its entity's")
	}
}

func TestDecide(t *testing.T) {
	S, A, D := matchmaking.Suggested, matchmaking.Accepted, matchmaking.Dismissed
	for _, c := range []struct {
		name          string
		now, from, to matchmaking.Status
		changed       bool
		code          string
	}{
		{"accept", S, S, A, true, ""},
		{"dismiss", S, S, D, true, ""},
		{"accept twice", A, S, A, false, ""},
		{"undo an acceptance", A, A, S, true, ""},
		{"undo twice", S, A, S, false, ""},
		{"accept what another dismissed", D, S, A, false, chancery.ECONFLICT},
		{"undo what another changed", D, A, S, false, chancery.ECONFLICT},
		{"dismiss from accepted without undoing", A, A, D, false, chancery.EINVALID},
		{"an unknown status", S, S, "maybe", false, chancery.EINVALID},
	} {
		changed, err := matchmaking.Decide(c.now, c.from, c.to)
		if changed != c.changed || chancery.ErrorCode(err) != c.code {
			t.Errorf("%s: changed %v, %v", c.name, changed, err)
		}
	}
}

func TestIntroductionCheck(t *testing.T) {
	good := matchmaking.Introduction{Pair: matchmaking.PairOf("belarus", "chongqing"), Date: "2024-05-23", Outcome: matchmaking.Pending}
	if err := good.Check(); err != nil {
		t.Fatal(err)
	}
	for name, in := range map[string]matchmaking.Introduction{
		"one organisation":  {Pair: matchmaking.PairOf("belarus", "belarus"), Date: "2024-05-23", Outcome: matchmaking.Pending},
		"impossible date":   {Pair: good.Pair, Date: "2024-02-30", Outcome: matchmaking.Pending},
		"date in words":     {Pair: good.Pair, Date: "23 May 2024", Outcome: matchmaking.Pending},
		"unknown outcome":   {Pair: good.Pair, Date: "2024-05-23", Outcome: "married"},
		"note far too long": {Pair: good.Pair, Date: "2024-05-23", Outcome: matchmaking.Pending, Note: string(make([]rune, matchmaking.MaxNote+1))},
	} {
		if err := in.Check(); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
