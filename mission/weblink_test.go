package mission_test

import (
	"testing"

	"github.com/chancery-platform/chancery/mission"
)

// TestValidWebAddress covers which addresses chancery links to.
func TestValidWebAddress(t *testing.T) {
	for _, c := range []struct {
		address string
		ok      bool
	}{
		{"https://chongqing.mfa.gov.by/", true},
		{"http://example.org/a?b=c#d", true},
		{"HTTPS://EXAMPLE.ORG", true},
		{"https://例子.中国/路径", true},
		{"https://[2001:db8::1]:8443/x", true},
		{"javascript:alert(11)", false},
		{"JavaScript:alert(11)", false},
		{" javascript:alert(11)", false},
		{"java\tscript:alert(11)", false},
		{"data:text/html,x", false},
		{"vbscript:x", false},
		{"ftp://example.org/", false},
		{"//evil.example/x", false},
		{"/relative", false},
		{"example.org", false},
		{"https://", false},
		{"https:///path", false},
		{"https:evil.example", false},
		{"http://user:pass@evil.example/", false},
		{`https://evil.example\@good.example/`, false},
		{"https://a b.example/", false},
		{"https://example.org/\x00", false},
		{"https://example.org/\xff", false},
		{"", false},
	} {
		if got := mission.ValidWebAddress(c.address); got != c.ok {
			t.Errorf("ValidWebAddress(%q) = %v, want %v", c.address, got, c.ok)
		}
	}
}
