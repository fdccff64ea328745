package ui

import (
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"
)

// defaultNext is where sign-in leads when it is given no acceptable next.
const defaultNext = "/staff"

// SafeNext is next if it is a path of this site, else the desk's home: a
// single leading slash, no "//" or "/\" that a browser reads as another
// host, no backslash or control character anywhere (browsers drop tabs
// and line breaks from a URL before resolving it, so "/\t/evil.example"
// is "//evil.example" to them), neither as given nor once percent-decoded.
func SafeNext(next string) string {
	if len(next) >= 500 || !sitePath(next) {
		return defaultNext
	}
	if decoded, err := url.PathUnescape(next); err != nil || !sitePath(decoded) {
		return defaultNext
	}
	return next
}

// sitePath reports whether p is a path on this site by the rules of SafeNext.
func sitePath(p string) bool {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || !utf8.ValidString(p) {
		return false
	}
	if strings.ContainsFunc(p, func(r rune) bool {
		return r == '\\' || unicode.IsControl(r) || unicode.Is(unicode.Zl, r) || unicode.Is(unicode.Zp, r)
	}) {
		return false
	}
	u, err := url.Parse(p)
	return err == nil && u.Scheme == "" && u.Host == "" && u.User == nil
}
