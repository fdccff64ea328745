package booking_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chancery-platform/chancery/booking"
)

func TestNormalizeEmail(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ name, in, want string }{
		{"case and spaces", "  Li.Wei@Example.COM ", "li.wei@example.com"},
		{"a plus tag", "li.wei+visa@example.com", "li.wei@example.com"},
		{"plus tags at Gmail", "same.person+7@gmail.com", "sameperson@gmail.com"},
		{"Gmail ignores dots", "S.a.m.e.Person@Gmail.com", "sameperson@gmail.com"},
		{"googlemail is Gmail", "Same.Person@googlemail.com", "sameperson@gmail.com"},
		{"other providers keep their dots", "same.person@qq.com", "same.person@qq.com"},
		{"a leading plus is the mailbox", "+tag@example.com", "+tag@example.com"},
		{"a local part of dots at Gmail", "..@gmail.com", "..@gmail.com"},
		{"a quoted local part is kept", `"a+b"@gmail.com`, `"a+b"@gmail.com`},
		{"the last @ splits", `"a@b"@example.com`, `"a@b"@example.com`},
		{"no @ at all", "Nobody", "nobody"},
		{"a subdomain of gmail.com is another provider", "a.b@mail.gmail.com", "a.b@mail.gmail.com"},
	} {
		if got := booking.NormalizeEmail(c.in); got != c.want {
			t.Errorf("%s: NormalizeEmail(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

func TestPassportKey(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"ab 1234567": "AB1234567", "AB-123-4567": "AB1234567", " mp 12–34 ": "MP1234", "AB1234567": "AB1234567"} {
		if got := booking.PassportKey(in); got != want {
			t.Errorf("PassportKey(%q) = %q, want %q", in, got, want)
		}
	}
	a := booking.Applicant{Passport: "ab-123 4567"}.Normalized()
	if a.Passport != "AB1234567" || !booking.ValidPassportNumber(a.Passport) {
		t.Errorf("a passport typed with a dash and a space: %q", a.Passport)
	}
}

// FuzzNormalizeEmail: the key of a key is itself (so a key stored once is
// compared with keys made later), it is never longer than the address,
// and it never keeps a +tag or, at Gmail, a dot.
func FuzzNormalizeEmail(f *testing.F) {
	for _, s := range []string{"same.person+1@gmail.com", "Same.Person@googlemail.com", "a@b.c", `"x+y"@gmail.com`, "+@gmail.com", "ü@Ex.com", "a@b@c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := booking.NormalizeEmail(s)
		if again := booking.NormalizeEmail(k); again != k {
			t.Fatalf("NormalizeEmail(%q) = %q, but NormalizeEmail(%q) = %q", s, k, k, again)
		}
		if utf8.ValidString(s) && !utf8.ValidString(k) {
			t.Fatalf("NormalizeEmail(%q) = %q is not valid UTF-8", s, k)
		}
		at := strings.LastIndexByte(k, '@')
		if at < 0 || strings.HasPrefix(k, `"`) {
			return
		}
		local, domain := k[:at], k[at+1:]
		if strings.IndexByte(local, '+') > 0 {
			t.Fatalf("NormalizeEmail(%q) = %q keeps a +tag", s, k)
		}
		if domain == "googlemail.com" || (domain == "gmail.com" && strings.Contains(local, ".") && strings.Trim(local, ".") != "") {
			t.Fatalf("NormalizeEmail(%q) = %q keeps Gmail's dots or domain", s, k)
		}
	})
}
