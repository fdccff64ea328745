package mail

import (
	"bytes"
	"encoding/base64"
	netmail "net/mail"
	"strings"
	"unicode/utf8"
)

// maxHeaderLine is the line length RFC 5322 asks header fields to be folded
// to, where they have spaces to fold at.
const maxHeaderLine = 78

// writeHeader writes "name: value" and CRLF, folding the value before
// spaces so that lines keep within maxHeaderLine where they can: even before
// the first word, when that word is too long to follow the name. Unfolding
// removes only the CRLF, so the value reads back unchanged.
func writeHeader(b *bytes.Buffer, name, value string) {
	b.WriteString(name)
	b.WriteByte(':')
	n := len(name) + 1
	for _, word := range strings.Split(value, " ") {
		// A line of spaces alone may not be a continuation (RFC 5322 3.2.2),
		// so runs of spaces never start a fold.
		if word != "" && n > 0 && n+1+len(word) > maxHeaderLine {
			b.WriteString("\r\n")
			n = 0
		}
		b.WriteByte(' ')
		b.WriteString(word)
		n += 1 + len(word)
	}
	b.WriteString("\r\n")
}

// formatAddress returns a as a From or To value. A display name that is not
// plain ASCII goes as encodeWords writes it, in words short enough to follow
// the field name and for writeHeader to fold between; net/mail would write
// one encoded word of up to 75 octets, too long for "From: " to precede.
func formatAddress(a *netmail.Address) string {
	for i := 0; i < len(a.Name); i++ {
		if a.Name[i] >= utf8.RuneSelf {
			return encodeWords(a.Name) + " " + (&netmail.Address{Address: a.Address}).String()
		}
	}
	return a.String()
}

// maxRawWord is the longest word a subject may have to be written as it is:
// longer ones could not be folded within the 998-octet line limit.
const maxRawWord = 76

// encodeSubject returns s as an unstructured header value: as it is when it
// is plain printable ASCII that folds well and reads back the same, and
// otherwise as RFC 2047 "B" encoded words. Readers such as net/textproto
// trim spaces around the value and at folds, and take "=?" for the start of
// an encoded word, so subjects with those are encoded too.
func encodeSubject(s string) string {
	raw := !strings.Contains(s, "=?") && !strings.Contains(s, "  ") && s == strings.TrimSpace(s)
	for i := 0; raw && i < len(s); i++ {
		raw = s[i] >= 0x20 && s[i] < 0x7f
	}
	for _, word := range strings.Split(s, " ") {
		raw = raw && len(word) <= maxRawWord
	}
	if raw {
		return s
	}
	return encodeWords(s)
}

// encodedWordBytes is how many octets of text go into one encoded word: 39
// octets make 52 base64 characters, and with "=?UTF-8?B?" and "?=" the word
// is 64 long, so that even after "Subject: " (the longest field name one
// follows: From, To and Subject use them) the line keeps within the 76
// characters RFC 2047 allows a line with encoded words.
const encodedWordBytes = 39

// encodeWords returns s as space-separated "=?UTF-8?B?...?=" words, each
// holding whole characters (RFC 2047 5 forbids splitting one), so that
// writeHeader can fold between them and decoders join them without spaces.
func encodeWords(s string) string {
	var b strings.Builder
	for s != "" {
		n := 0
		for n < len(s) {
			_, size := utf8.DecodeRuneInString(s[n:])
			if n+size > encodedWordBytes {
				break
			}
			n += size
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString("=?UTF-8?B?")
		b.WriteString(base64.StdEncoding.EncodeToString([]byte(s[:n])))
		b.WriteString("?=")
		s = s[n:]
	}
	return b.String()
}
