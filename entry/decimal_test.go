package entry

import "testing"

// TestDoubleDecimal checks urgent doubling on text amounts, digit for digit.
func TestDoubleDecimal(t *testing.T) {
	cases := []struct{ in, want string }{
		{"30", "60"}, {"0", "0"}, {"45", "90"}, {"22.50", "45.00"}, {"0.05", "0.10"},
		{"0.5", "1.0"}, {"0.00", "0.00"}, {"007", "14"}, {"49.99", "99.98"},
		{"999999999999999999", "1999999999999999998"}, {"0.00000000000000001", "0.00000000000000002"},
	}
	for _, c := range cases {
		got, err := doubleDecimal(c.in)
		if err != nil || got != c.want {
			t.Errorf("doubleDecimal(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "1.", ".5", "-1", "1e3", "1,5", "1.2.3", " 1", "١٢", "1234567890123456789"} {
		if _, err := doubleDecimal(bad); err == nil {
			t.Errorf("doubleDecimal(%q) accepted", bad)
		}
	}
}
