package place

import "testing"

func TestEverySubdivisionHasACapital(t *testing.T) {
	for _, s := range Subdivisions("CN") {
		if _, ok := capitalsCN[s.Code]; !ok {
			t.Errorf("no capital for %s", s.Code)
		}
	}
	if len(capitalsCN) != len(subdivisionsCN) {
		t.Errorf("%d capitals for %d subdivisions", len(capitalsCN), len(subdivisionsCN))
	}
}

func TestGeography(t *testing.T) {
	var g Geography
	seats := []struct{ city, want string }{
		{"Beijing", "CN-BJ"}, {"Shanghai", "CN-SH"}, {"Guangzhou", "CN-GD"}, {"Chongqing", "CN-CQ"}, {"Hong Kong", "CN-HK"},
	}
	for _, c := range seats {
		if got, ok := g.Seat("CN", c.city); !ok || got != c.want {
			t.Errorf("Seat(%q) = %q, %v; want %q", c.city, got, ok, c.want)
		}
	}
	if _, ok := g.Seat("JP", "Tokyo"); ok {
		t.Error("a country without data has no seats")
	}
	// Taiyuan to Beijing is about 400 km; to Shanghai about 1100 km.
	bj, _ := g.Distance("CN-SX", "CN-BJ")
	sh, _ := g.Distance("CN-SX", "CN-SH")
	if bj < 350 || bj > 450 || sh < 1000 || sh > 1200 {
		t.Errorf("Shanxi: %v km to Beijing, %v km to Shanghai", bj, sh)
	}
	if d, ok := g.Distance("CN-SH", "CN-SH"); !ok || d != 0 {
		t.Errorf("a subdivision is 0 km from itself, got %v", d)
	}
	if _, ok := g.Distance("CN-SH", "XX-YY"); ok {
		t.Error("an unknown code has no distance")
	}
}
