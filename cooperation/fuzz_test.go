package cooperation_test

import (
	"testing"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/cooperation"
)

// FuzzCheck: the checks of imported values never panic, answer a bad value
// with EINVALID only, and an accepted amount reads as the number it is.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{"2021-01-28", "2022-01/2022-08", "1020000000", "-5", "CNY", "100.9", "", "2021-02-30", "1e9"} {
		f.Add(s, "CNY")
	}
	f.Fuzz(func(t *testing.T, v, cur string) {
		for _, err := range []error{cooperation.CheckDate("d", v, false), cooperation.CheckPeriod("p", v), cooperation.CheckChange("c", v),
			cooperation.CheckID("id", v), cooperation.Money{Amount: v, Currency: cur}.Check("m")} {
			if err != nil && chancery.ErrorCode(err) != chancery.EINVALID {
				t.Fatalf("%q: %v", v, err)
			}
		}
		m := cooperation.Money{Amount: v}
		if m.Check("m") == nil && m.Rat().Sign() < 0 {
			t.Fatalf("accepted a negative amount %q", v)
		}
	})
}
