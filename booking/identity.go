package booking

import "strings"

// One person, one place: the rules that allow a person one active booking
// of a service, one counted entry in a lottery release and their share of
// the rate limits compare these keys, not the strings as typed, so that
// the same mailbox or passport written another way is the same person.

// dotBlindDomains are mail providers that deliver a.b@ and ab@ to one
// mailbox, each mapped to the domain its addresses are compared under.
var dotBlindDomains = map[string]string{
	"gmail.com":      "gmail.com",
	"googlemail.com": "gmail.com",
}

// NormalizeEmail is the key of the person an address reaches: trimmed and
// in small letters, without the "+tag" of its local part (every large
// provider delivers a+tag@ to a@), and for providers that ignore dots in
// the local part (Gmail, whose googlemail.com is gmail.com) without them.
// It is a key to compare, never an address to write to.
func NormalizeEmail(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	at := strings.LastIndexByte(s, '@')
	if at < 0 {
		return s
	}
	local, domain := s[:at], s[at+1:]
	if strings.HasPrefix(local, `"`) {
		return s // a quoted local part is compared as written
	}
	if plus := strings.IndexByte(local, '+'); plus > 0 {
		local = local[:plus]
	}
	if d, ok := dotBlindDomains[domain]; ok {
		if dotless := strings.ReplaceAll(local, ".", ""); dotless != "" {
			local = dotless
		}
		domain = d
	}
	// Dropping the dots can bare a space the trim did not reach (". @x"):
	// trim again, so that a key normalizes to itself.
	return strings.TrimSpace(local + "@" + domain)
}

// PassportKey is a passport number as it identifies its holder: in
// capitals, without the spaces and dashes people type to group its digits.
func PassportKey(s string) string {
	return strings.ToUpper(strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\r', '-', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212':
			return -1
		}
		return r
	}, s))
}
