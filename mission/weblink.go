package mission

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/chancery-platform/chancery"
)

// ValidWebAddress reports whether s is an address chancery links to: an
// absolute http or https URL with a host, without user information, and
// without spaces, control characters or backslashes, which browsers read
// in ways a reader of the address would not expect. Every web address a
// mission, a source or an import records is checked with it.
func ValidWebAddress(s string) bool {
	if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f || r == '\\' }) {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Opaque == "" && u.User == nil && u.Hostname() != ""
}

// checkWebAddress is ValidWebAddress for an optional field of at most max
// bytes, as a field error.
func checkWebAddress(field, s string, max int) error {
	if s == "" {
		return nil
	}
	if len(s) > max || !ValidWebAddress(s) {
		shown := strings.ToValidUTF8(s, "\uFFFD")
		if utf8.RuneCountInString(shown) > 60 {
			shown = string([]rune(shown)[:60]) + "…"
		}
		return chancery.Errorf(chancery.EINVALID, "error.web_address_invalid", "Field", field, "Address", shown, "Max", max)
	}
	return nil
}

// WebsiteLink is the mission's website when it is an address to link to,
// and "" otherwise (a row stored before addresses were checked).
func (m Mission) WebsiteLink() string { return linkable(m.Website) }

// Link is the source's address when it is one to link to, and "" otherwise.
func (s Source) Link() string { return linkable(s.URL) }

func linkable(s string) string {
	if !ValidWebAddress(s) {
		return ""
	}
	return s
}
