package cooperation_test

import (
	"testing"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/mission"
)

func TestCheckDate(t *testing.T) {
	for _, c := range []struct {
		date     string
		optional bool
		ok       bool
	}{
		{"2021", false, true}, {"2021-01", false, true}, {"2021-01-28", false, true},
		{"", true, true}, {"", false, false}, {"2021-13", false, false}, {"2021-02-30", false, false},
		{"21-01-28", false, false}, {"2021/01/28", false, false}, {"28 January 2021", false, false},
	} {
		err := cooperation.CheckDate("date", c.date, c.optional)
		if (err == nil) != c.ok {
			t.Errorf("CheckDate(%q, optional %v) = %v", c.date, c.optional, err)
		}
		if err != nil && chancery.ErrorCode(err) != chancery.EINVALID {
			t.Errorf("CheckDate(%q): code %s", c.date, chancery.ErrorCode(err))
		}
	}
}

func TestCheckPeriod(t *testing.T) {
	for p, ok := range map[string]bool{"2023": true, "2022-01/2022-08": true, "2024-01/2024-10": true,
		"2022-08/2022-01": false, "2022-11/2023-02": false, "2022-01": false, "2022-1/2022-8": false, "": false} {
		if err := cooperation.CheckPeriod("period", p); (err == nil) != ok {
			t.Errorf("CheckPeriod(%q) = %v", p, err)
		}
	}
}

func TestMoney(t *testing.T) {
	for _, c := range []struct {
		m   cooperation.Money
		key string
	}{
		{cooperation.Money{Amount: "1020000000", Currency: "CNY"}, ""},
		{cooperation.Money{Amount: "620000000"}, ""}, // the source states no currency
		{cooperation.Money{Amount: "31000000.50", Currency: "USD"}, ""},
		{cooperation.Money{Amount: "-5", Currency: "USD"}, "error.coop_negative"},
		{cooperation.Money{Amount: "1e9", Currency: "USD"}, "error.coop_amount"},
		{cooperation.Money{Amount: "", Currency: "USD"}, "error.coop_amount"},
		{cooperation.Money{Amount: "10", Currency: "RMB"}, "error.coop_currency"}, // not ISO 4217: CNY is
		{cooperation.Money{Amount: "10", Currency: "usd"}, "error.coop_currency"},
		{cooperation.Money{Amount: "10", Currency: "BYN"}, ""},
	} {
		err := c.m.Check("value")
		key, _ := chancery.ErrorKey(err)
		if (c.key == "" && err != nil) || (c.key != "" && key != c.key) {
			t.Errorf("%+v: %v, want %q", c.m, err, c.key)
		}
	}
	if got := (cooperation.Money{Amount: "1.5"}).Rat().FloatString(1); got != "1.5" {
		t.Errorf("Rat = %s", got)
	}
}

func TestCheckChange(t *testing.T) {
	for c, ok := range map[string]bool{"": true, "128": true, "100.9": true, "-12.5": true, "48.5%": false, "+48.5": false, "lots": false} {
		if err := cooperation.CheckChange("change", c); (err == nil) != ok {
			t.Errorf("CheckChange(%q) = %v", c, err)
		}
	}
}

// TestEntityMatches: an entity is found by any of its spellings.
func TestEntityMatches(t *testing.T) {
	consul := cooperation.Entity{ID: "dzmitry-yemelyanau", Kind: cooperation.Person, Country: "BY",
		Name:    mission.Text{"en": "Dzmitry Yemelyanau", "zh": "德米特里·叶梅利扬诺夫", "be": "Дзмітрый Емяльянаў"},
		Aliases: []cooperation.Alias{{Text: "Dmitry Yemelyanov"}, {Text: "Дмитрий Емельянов", Lang: "ru"}}}
	kapyl := cooperation.Entity{ID: "kapyl-district", Kind: cooperation.Place, Country: "BY",
		Name:    mission.Text{"en": "Kapyl District"},
		Aliases: []cooperation.Alias{{Text: "Kopyl District"}, {Text: "Koper", Note: mission.English("misspelt in the source")}}}
	for _, c := range []struct {
		e     cooperation.Entity
		query string
		want  bool
	}{
		{consul, "Yemelyanov", true}, {consul, "Емельянов", true}, {consul, "叶梅利扬诺夫", true}, {consul, "Dzmitry Yemelyanau", true},
		{kapyl, "Kopyl", true}, {kapyl, "Koper", true}, {kapyl, "Kapyl", true},
		{consul, "Kopyl", false}, {kapyl, "Minsk", false},
	} {
		if _, ok := c.e.Matches(c.query); ok != c.want {
			t.Errorf("%s found by %q: %v, want %v", c.e.ID, c.query, ok, c.want)
		}
	}
}

func TestTimelineAndDisagreements(t *testing.T) {
	cite := []mission.Citation{{SourceID: "s"}}
	tl := cooperation.Timeline(
		[]cooperation.Event{{ID: "opening", Title: mission.Text{"en": "Consulate opens"}, Start: "2021-01-28", Citations: cite}, {ID: "undated"}},
		[]cooperation.Agreement{{ID: "programme", Title: mission.Text{"en": "Programme of Cooperation"}, Date: "2024-08", Citations: cite}},
		nil,
		[]cooperation.Corridor{{ID: "yuxinou", Name: mission.Text{"en": "Yuxinou"}, Since: "2011", Citations: cite}},
		func(cooperation.Partnership) mission.Text { return nil })
	var order []string
	for _, m := range tl {
		order = append(order, m.Ref)
	}
	if len(order) != 3 || order[0] != "yuxinou" || order[1] != "opening" || order[2] != "programme" {
		t.Fatalf("timeline order %v", order)
	}
	fig := func(src, amount, change string) cooperation.TradeFigure {
		f := cooperation.TradeFigure{Area: "CN-CQ/BY", Period: "2023", Flow: cooperation.Total, Change: change,
			Citation: mission.Citation{SourceID: src}}
		if amount != "" {
			f.Value = &cooperation.Money{Amount: amount, Currency: "CNY"}
		}
		return f
	}
	same := cooperation.Disagreements([]cooperation.TradeFigure{fig("a", "1020000000", "100.9"), fig("b", "1020000000.0", "100.9")})
	if len(same) != 0 {
		t.Fatalf("two sources stating one figure alike disagree: %+v", same)
	}
	differ := cooperation.Disagreements([]cooperation.TradeFigure{fig("a", "1020000000", "100.9"), fig("b", "1000000000", "100.9")})
	if len(differ) != 1 || len(differ[0]) != 2 {
		t.Fatalf("disagreements %+v", differ)
	}
}
