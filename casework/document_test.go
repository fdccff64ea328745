package casework

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSafeName(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"a plain name", "passport.pdf", "passport.pdf"},
		{"a Windows path", `C:\Users\li\Desktop\scan.jpg`, "scan.jpg"},
		{"a Unix path", "../../etc/passwd", "passwd"},
		{"a direction override hiding the extension", "photo\u202Egpj.exe", "photogpj.exe"},
		{"control characters and quotes", "a\x00b\r\n\"c\".pdf", "ab_c_.pdf"},
		{"leading dots", "...hidden.png", "hidden.png"},
		{"nothing left", "../", "document"},
		{"Cyrillic and Chinese kept", "Паспорт 护照.pdf", "Паспорт 护照.pdf"},
		{"too long, extension kept", strings.Repeat("я", 200) + ".pdf", strings.Repeat("я", 116) + ".pdf"},
	} {
		if got := SafeName(c.in); got != c.want {
			t.Errorf("%s: SafeName(%q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
}

// FuzzSafeName: whatever an upload's name, the kept one is valid UTF-8,
// not empty, at most 120 characters, without folders or control or
// format characters, and made safe again unchanged.
func FuzzSafeName(f *testing.F) {
	for _, s := range []string{"a.pdf", `..\..\x`, "\u202E", strings.Repeat("ж", 130) + ".jpeg", "\xff\xfe.png", " . "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := SafeName(in)
		if out == "" || !utf8.ValidString(out) || utf8.RuneCountInString(out) > maxNameRunes || strings.ContainsAny(out, `/\"`) {
			t.Fatalf("SafeName(%q) = %q", in, out)
		}
		for _, r := range out {
			if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
				t.Fatalf("SafeName(%q) = %q keeps %U", in, out, r)
			}
		}
		if again := SafeName(out); again != out {
			t.Fatalf("SafeName(%q) = %q, then %q", in, out, again)
		}
	})
}
