package matchmaking_test

import (
	"testing"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/matchmaking"
)

// FuzzParseSections: any input either reads as a set of sections that
// writes back to a list read as the same set, or is refused as invalid
// input, never with another error and never with a panic.
func FuzzParseSections(f *testing.F) {
	for _, seed := range []string{"IV, 9, XVI", "iv，ix、xvi", "section XVII", "0", "XXII", "", "HS 4", "IIII", "９"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		set, err := matchmaking.ParseSections(in)
		if err != nil {
			if chancery.ErrorCode(err) != chancery.EINVALID {
				t.Fatalf("%q: %v", in, err)
			}
			return
		}
		back, err := matchmaking.ParseSections(set.String())
		if err != nil || back != set {
			t.Fatalf("%q read as %v, written %q, read back as %v, %v", in, set, set.String(), back, err)
		}
		for _, s := range set.Sections() {
			if !s.Valid() {
				t.Fatalf("%q gave section %d", in, s)
			}
		}
	})
}
