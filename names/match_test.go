package names

import "testing"

// The aliases of the people and places of REFERENCE.md section 6.
var (
	consulGeneral = []string{"Dzmitry Yemelyanau", "Dmitry Yemelyanov", "Дзмітрый Емяльянаў", "Дмитрий Емельянов", "德米特里·叶梅利扬诺夫"}
	kapylDistrict = []string{"Kapyl District", "Kopyl District", "Капыльскі раён", "Копыльский район", "Koper"}
	chongqing     = []string{"Chongqing", "Чунцин", "重庆市"}
)

func TestMatch(t *testing.T) {
	tests := []struct {
		name    string
		query   string
		aliases []string
		ok      bool
	}{
		{"Belarusian passport spelling", "Dzmitry Yemelyanau", consulGeneral, true},
		{"surname in Russian Latin", "Yemelyanov", consulGeneral, true},
		{"surname in Russian Cyrillic", "Емельянов", consulGeneral, true},
		{"surname in Chinese", "叶梅利扬诺夫", consulGeneral, true},
		{"whole name in Chinese without the dot", "德米特里叶梅利扬诺夫", consulGeneral, true},
		{"first name in ICAO spelling", "Dmitrii", consulGeneral, true},
		{"name in lower case, surname first", "yemelyanov dmitry", consulGeneral, true},
		{"surname in yet another spelling", "Yemelianou", consulGeneral, true},
		{"misspelt surname", "Yemelyanuv", consulGeneral, true},
		{"surname with a letter doubled", "Yemelyannov", consulGeneral, true},
		{"another person", "Yuri Senko", consulGeneral, false},
		{"one word of the query unknown", "Dmitry Senko", consulGeneral, false},
		{"Chinese not in the aliases", "李波", consulGeneral, false},
		{"Kapyl", "Kapyl", kapylDistrict, true},
		{"Kopyl in Russian Cyrillic", "Копыль", kapylDistrict, true},
		{"the source's Koper, as a recorded alias", "Koper", kapylDistrict, true},
		{"Koper is not Kopyl by itself", "Koper", []string{"Kapyl District"}, false},
		{"Kobryn is not Kapyl", "Kobryn", kapylDistrict, false},
		{"Pinsk is not Minsk, though one letter apart", "Pinsk", []string{"Minsk"}, false},
		{"Alexander is Aliaksandr by one letter", "Alexander", []string{"Aliaksandr Lukashenka"}, true},
		{"Chinese city within its name", "重庆", chongqing, true},
		{"Chinese with full-width space", "重庆　市", chongqing, true},
		{"Palladius Cyrillic", "Чунцин", chongqing, true},
		{"empty query", "", consulGeneral, false},
		{"punctuation query", "·", consulGeneral, false},
		{"no aliases", "Kapyl", nil, false},
		{"empty alias", "Kapyl", []string{""}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			score, ok := Match(tt.query, tt.aliases)
			if ok != tt.ok {
				t.Fatalf("Match(%q, %q) = %v, %v; want ok %v", tt.query, tt.aliases, score, ok, tt.ok)
			}
			if ok && (score <= 0 || score > 1) || !ok && score != 0 {
				t.Errorf("Match(%q, %q) score %v", tt.query, tt.aliases, score)
			}
		})
	}
}

func TestMatchRanks(t *testing.T) {
	// Each query scores higher on the first aliases than on the second.
	tests := []struct {
		name          string
		query         string
		better, worse []string
	}{
		{"whole name over a part", "Kapyl", []string{"Kapyl"}, []string{"Kapyl District"}},
		{"exact over misspelt", "Yemelyanau", []string{"Yemelyanau"}, []string{"Yemelyanuv"}},
		{"more of the Chinese name", "叶梅利扬诺夫", []string{"叶梅利扬诺夫"}, []string{"德米特里·叶梅利扬诺夫"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, _ := Match(tt.query, tt.better)
			w, _ := Match(tt.query, tt.worse)
			if b <= w {
				t.Errorf("Match(%q): %q scores %v, %q scores %v", tt.query, tt.better, b, tt.worse, w)
			}
		})
	}
	if s, _ := Match("Дмитрий Емельянов", consulGeneral); s != 1 {
		t.Errorf("an alias in another script scores %v, want 1", s)
	}
}

func BenchmarkMatch(b *testing.B) {
	queries := []string{"Yemelyanov", "Емельянов", "叶梅利扬诺夫", "Kopyl", "Minsk"}
	entities := [][]string{consulGeneral, kapylDistrict, chongqing}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Match(queries[i%len(queries)], entities[i%len(entities)])
	}
}
