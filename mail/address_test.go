package mail_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/mail"
)

// TestAbuse11CheckAddress: an address is accepted only when the mailer
// (no SMTPUTF8, DNS names only) can deliver to it, so nothing accepted
// fails in the outbox forever.
func TestAbuse11CheckAddress(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		addr string
		ok   bool
	}{
		{"li.wei@example.com", true},
		{"O'Brien+visa@mail.example.by", true},
		{"x@xn--90ais.xn--p1ai", true}, // an IDN domain in its ASCII form
		{"a_b-c@sub-1.example.co.uk", true},
		{strings.Repeat("a", 64) + "@example.com", true},
		{"ü@example.com", false},
		{"li@пример.рф", false}, // an IDN domain as typed: refused, not converted
		{"a@[127.0.0.1]", false},
		{"a@127.0.0.1", false},
		{"a@localhost", false},
		{`"a b"@example.com`, false},
		{"Li Wei <li@example.com>", false},
		{"a@example.com.", false},
		{".a@example.com", false},
		{"a..b@example.com", false},
		{"a.@example.com", false},
		{"a@-example.com", false},
		{"a@example-.com", false},
		{"a@exa_mple.com", false},
		{"a@example..com", false},
		{"a@b@example.com", false},
		{"a(comment)@example.com", false},
		{"", false},
		{"@example.com", false},
		{"a@", false},
		{strings.Repeat("a", 65) + "@example.com", false},
		{"a@" + strings.Repeat("b", 64) + ".com", false},
		{"a@" + strings.Repeat(strings.Repeat("b", 60)+".", 5) + "com", false}, // over 254
		{"a\r\n@example.com", false},
	} {
		err := mail.CheckAddress(c.addr)
		if (err == nil) != c.ok {
			t.Errorf("CheckAddress(%q) = %v, want ok %v", c.addr, err, c.ok)
		}
		if err != nil && (chancery.ErrorCode(err) != chancery.EINVALID || !errors.Is(err, mail.ErrMalformed)) {
			t.Errorf("CheckAddress(%q): %v is not an EINVALID ErrMalformed", c.addr, err)
		}
	}
}
