package ui

import "testing"

func TestAcceptsGzip(t *testing.T) {
	for _, c := range []struct {
		fields []string
		want   bool
	}{
		{nil, false},
		{[]string{""}, false},
		{[]string{"gzip"}, true},
		{[]string{"gzip, deflate, br, zstd"}, true}, // Chromium's
		{[]string{"br", "GZIP"}, true},              // two field lines, any case
		{[]string{"x-gzip"}, true},
		{[]string{"identity"}, false},
		{[]string{"br;q=1.0, gzip;q=0.8"}, true},
		{[]string{"gzip;q=0"}, false},
		{[]string{"gzip; q=0.000"}, false},
		{[]string{"*"}, true},
		{[]string{"*;q=0"}, false},
		{[]string{"*, gzip;q=0"}, false}, // named outright overrides "*"
		{[]string{"gzip;q=0, *"}, false},
		{[]string{"gzip;q=abc"}, false}, // a weight that is not one refuses
		{[]string{"gzip;q=2"}, false},
		{[]string{"gzip;level=9"}, true}, // parameters other than q are ignored
	} {
		if got := AcceptsGzip(c.fields); got != c.want {
			t.Errorf("AcceptsGzip(%q) = %v, want %v", c.fields, got, c.want)
		}
	}
}

// FuzzAcceptsGzip: any Accept-Encoding is read without panicking, and a
// field that refuses gzip outright is never read as accepting it.
func FuzzAcceptsGzip(f *testing.F) {
	for _, s := range []string{"gzip", "gzip, deflate, br", "*;q=0.5", "gzip;q=0", "x-gzip;q=1.0;foo=bar", ",,;;=", "gzip;q="} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		AcceptsGzip([]string{s})
		if AcceptsGzip([]string{s, "gzip;q=0"}) {
			t.Fatalf("%q with gzip;q=0 accepts gzip", s)
		}
	})
}

func TestEncodeKeepsSmallAnswersPlain(t *testing.T) {
	if e := Encode("text/plain", []byte("short")); e.Gzip != nil {
		t.Errorf("a 5-byte answer was kept compressed")
	}
	big := make([]byte, 4096)
	for i := range big {
		big[i] = 'a' + byte(i%7)
	}
	e := Encode("text/plain", big)
	if e.Gzip == nil || len(e.Gzip) >= len(big) {
		t.Fatalf("a repetitive 4 KB answer: gzip form %d bytes", len(e.Gzip))
	}
	if e.Size() != len("text/plain")+len(big)+len(e.Gzip) {
		t.Errorf("Size %d", e.Size())
	}
}
