package mrz_test

import (
	"testing"

	"github.com/chancery-platform/chancery/mrz"
)

// BenchmarkParse reads each layout once per iteration.
func BenchmarkParse(b *testing.B) {
	zones := []string{td3Line1 + "\r\n" + td3Line2 + "\r\n", td1, td1Long, td2, mrvA, mrvB}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		for _, z := range zones {
			if _, err := mrz.Parse(z, today); err != nil {
				b.Fatal(err)
			}
		}
	}
}
