package appointments

import (
	"testing"
	"unicode/utf8"
)

func TestNormalizeReference(t *testing.T) {
	for in, want := range map[string]string{
		"7F3K-9QXA":    "7F3K-9QXA",
		"7f3k 9qxa":    "7F3K-9QXA",
		" 7F3K9QXA ":   "7F3K-9QXA",
		"7F3K-9QX":     "7F3K-9QX",  // too short: as given
		"7F3K-9QXI":    "7F3K-9QXI", // I is no reference letter
		"":             "",
		"ЖЖЖЖ-ЖЖЖЖ":    "ЖЖЖЖ-ЖЖЖЖ",
		"7F3K--9QXA  ": "7F3K-9QXA",
	} {
		if got := NormalizeReference(in); got != want {
			t.Errorf("NormalizeReference(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzNormalizeReference: any input is read without panicking, and what
// comes out is a fixed point.
func FuzzNormalizeReference(f *testing.F) {
	for _, s := range []string{"7f3k 9qxa", "7F3K-9QXA", "\xff", "ß-ß"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := NormalizeReference(s)
		if utf8.ValidString(s) && NormalizeReference(out) != out {
			t.Fatalf("%q -> %q -> %q", s, out, NormalizeReference(out))
		}
	})
}
