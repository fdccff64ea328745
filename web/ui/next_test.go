package ui

import (
	"net/url"
	"testing"
)

// FuzzSafeNext: whatever next is given, the path SafeNext returns,
// resolved against the site's address as a browser resolves a Location,
// stays on the site, both as returned and once more percent-decoded.
func FuzzSafeNext(f *testing.F) {
	for _, s := range []string{"/staff", "/\t/evil.example/x", "//evil.example", "/\\evil.example", "/%2F/evil.example",
		"/staff/bookings?day=2030-01-02#top", "https://evil.example", "/\u2028/evil.example", "/%E4%B8%AD"} {
		f.Add(s)
	}
	site, _ := url.Parse("https://host/")
	f.Fuzz(func(t *testing.T, next string) {
		got := SafeNext(next)
		decoded, err := url.PathUnescape(got)
		if err != nil {
			t.Fatalf("SafeNext(%q) = %q, which does not decode", next, got)
		}
		for _, p := range []string{got, decoded} {
			u, err := site.Parse(p)
			if err != nil || u.Scheme != "https" || u.Host != "host" || u.User != nil {
				t.Fatalf("SafeNext(%q) = %q, which leads off the site", next, got)
			}
		}
	})
}
