package mail

import (
	"errors"
	"strings"
)

// Limits of an address the mailer delivers (RFC 5321 4.5.3.1).
const (
	MaxAddress   = 254 // the whole address, as a forward-path holds it
	maxLocalPart = 64
	maxLabel     = 63
)

// ErrMalformed marks a message that cannot be composed or addressed: an
// address CheckAddress refuses, a header with a line break. Sending it
// again cannot succeed (Permanent).
var ErrMalformed = errors.New("mail: the message cannot be composed")

// CheckAddress accepts an email address the way the mailer can deliver
// it: without SMTPUTF8, to a host named in DNS. That is a plain ASCII
// dot-atom local part (no quoted strings, no comments) of at most 64
// octets, "@", and a domain name of two or more labels, each 1 to 63
// letters, digits and inner hyphens, whose last label is not all digits;
// at most 254 octets in all. Refused: IP literals (a@[127.0.0.1]),
// internationalized addresses (ü@example.com; a domain in another script
// may be written in its xn-- form), display names, trailing dots. Every
// form and API that takes an address checks it here, so an address that
// was accepted can be written to.
func CheckAddress(s string) error {
	if len(s) > MaxAddress {
		return invalid("address", "address is longer than 254 characters")
	}
	at := strings.LastIndexByte(s, '@')
	if at < 0 {
		return invalid("address", "address has no @")
	}
	local, domain := s[:at], s[at+1:]
	if err := checkLocalPart(local); err != nil {
		return err
	}
	return checkDomain(domain)
}

// checkLocalPart accepts an RFC 5322 dot-atom of ASCII atext.
func checkLocalPart(local string) error {
	if local == "" || len(local) > maxLocalPart {
		return invalid("address", "the part before @ is empty or longer than 64 characters")
	}
	for _, atom := range strings.Split(local, ".") {
		if atom == "" {
			return invalid("address", "the part before @ has a dot at an end or two dots in a row")
		}
		for i := 0; i < len(atom); i++ {
			if !isAtext(atom[i]) {
				return invalid("address", "the part before @ has a character other than ASCII letters, digits and !#$%&'*+-/=?^_`{|}~")
			}
		}
	}
	return nil
}

// isAtext reports whether c may stand in an atom (RFC 5322 3.2.3).
func isAtext(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$%&'*+-/=?^_`{|}~", c) >= 0
}

// checkDomain accepts a DNS host name of two or more labels whose last
// label (the top-level domain) is not all digits, so no IP address passes.
func checkDomain(domain string) error {
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return invalid("address", "the domain has no dot")
	}
	for _, l := range labels {
		if l == "" || len(l) > maxLabel || l[0] == '-' || l[len(l)-1] == '-' {
			return invalid("address", "the domain has an empty, long or hyphen-edged label")
		}
		for i := 0; i < len(l); i++ {
			if c := l[i]; !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
				return invalid("address", "the domain has a character other than ASCII letters, digits and hyphens")
			}
		}
	}
	if strings.Trim(labels[len(labels)-1], "0123456789") == "" {
		return invalid("address", "the domain is a number, not a name")
	}
	return nil
}
