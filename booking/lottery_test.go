package booking

import (
	"fmt"
	"testing"
)

func entries(n int) []Entry {
	out := make([]Entry, n)
	for i := range out {
		out[i] = Entry{ID: int64(i + 1), Identity: fmt.Sprintf("person%d@example.com", i)}
	}
	return out
}

func TestDrawIsReproducibleAndOnePerIdentity(t *testing.T) {
	es := entries(50)
	es = append(es, Entry{ID: 99, Identity: es[3].Identity}) // a second request by one person
	w1, l1 := Draw("seed-a", es, 10)
	w2, _ := Draw("seed-a", es, 10)
	if len(w1) != 10 || len(l1) != 41 {
		t.Fatalf("%d winners, %d losers", len(w1), len(l1))
	}
	for i := range w1 {
		if w1[i] != w2[i] {
			t.Fatal("the same seed drew differently")
		}
		if w1[i].ID == 99 {
			t.Fatal("a second request by one person took part")
		}
	}
	w3, _ := Draw("seed-b", es, 10)
	same := 0
	for i := range w1 {
		if w1[i] == w3[i] {
			same++
		}
	}
	if same == 10 {
		t.Fatal("another seed drew the same")
	}
	if w, l := Draw("s", es[:3], 10); len(w) != 3 || len(l) != 0 {
		t.Fatal("fewer requests than places: everyone wins")
	}
}

// TestDrawIsFair: over many seeds every person wins about equally often,
// whatever the order of requests (speed does not help).
func TestDrawIsFair(t *testing.T) {
	es := entries(10)
	wins := make([]int, 10)
	const draws = 4000
	for s := range draws {
		w, _ := Draw(fmt.Sprintf("seed-%d", s), es, 3)
		for _, e := range w {
			wins[e.ID-1]++
		}
	}
	// Each wins with probability 0.3: 1200 of 4000, standard deviation ~29.
	for i, n := range wins {
		if n < 1050 || n > 1350 {
			t.Errorf("person %d won %d of %d draws; want about 1200", i, n, draws)
		}
	}
}
