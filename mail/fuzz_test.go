package mail_test

import (
	"bytes"
	"errors"
	"mime"
	netmail "net/mail"
	"testing"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/mail"
)

// FuzzMessageBytes feeds Bytes arbitrary header fields, text and
// attachments. It must never panic and fail only with EINVALID; what it
// writes must be 7-bit with CRLF lines and parse with net/mail, giving back
// the subject, the body and the attachment unchanged, and no header the
// input did not ask for.
func FuzzMessageBytes(f *testing.F) {
	m := confirmation()
	f.Add(m.From, m.To, m.Subject, m.Text, m.MessageID, "appointment.ics", "text/calendar; method=REQUEST; charset=UTF-8", invitation)
	f.Add("a@b.c", "d@e.f", "Hi\r\nBcc: x@example.org", "", "", "", "", []byte(nil))
	f.Add(`"Li, Wei" <li@example.cn>`, "Пётр <p@example.by>", "=?UTF-8?B?SGk=?=  ", "\r.\r\n.\n", "<a@b>", "预约.ics", "text/plain; name=\"x\"", []byte{0, 0xff})
	f.Add("x@y", "z@w", "\t", "\x00", "a@[1.2.3.4]", "a\"b", "application/octet-stream", []byte("--"))
	f.Fuzz(func(t *testing.T, from, to, subject, text, msgID, name, contentType string, data []byte) {
		m := mail.Message{From: from, To: to, Subject: subject, Text: text, MessageID: msgID}
		if name != "" || contentType != "" || len(data) > 0 {
			m.Attachments = []mail.Attachment{{Name: name, ContentType: contentType, Data: data}}
		}
		raw, err := m.Bytes()
		if err != nil {
			if code := chancery.ErrorCode(err); code != chancery.EINVALID {
				t.Fatalf("error code %s (%v); want %s", code, err, chancery.EINVALID)
			}
			return
		}
		checkWire(t, raw)
		msg, err := netmail.ReadMessage(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("net/mail: %v\n%s", err, raw)
		}
		for key := range msg.Header {
			switch key {
			case "From", "To", "Subject", "Message-Id", "Mime-Version", "Content-Type", "Content-Transfer-Encoding":
			default:
				t.Fatalf("unexpected header %q\n%s", key, raw)
			}
		}
		for _, key := range []string{"From", "To"} {
			if _, err := msg.Header.AddressList(key); err != nil {
				t.Fatalf("%s: %v\n%s", key, err, raw)
			}
		}
		var dec mime.WordDecoder
		if got, err := dec.DecodeHeader(msg.Header.Get("Subject")); err != nil || got != subject {
			t.Fatalf("subject %q, %v; want %q", got, err, subject)
		}
		p := parseMessage(t, raw)
		if len(m.Attachments) == 1 {
			if len(p.attachments) != 1 || p.attachments[0].Name != name || !bytes.Equal(p.attachments[0].Data, data) {
				t.Fatalf("attachment %+v; want %q with %d bytes", p.attachments, name, len(data))
			}
		}
	})
}

// FuzzCheckAddress: CheckAddress never panics, and an address it accepts
// is one the mailer writes: plain ASCII, read back whole by net/mail, and
// accepted as a recipient by Bytes.
func FuzzCheckAddress(f *testing.F) {
	for _, s := range []string{"li.wei@example.com", "ü@example.com", "a@[127.0.0.1]", `"a b"@example.com`, "a@b.c", "a@1.2.3.4",
		"x@xn--90ais.xn--p1ai", "a@b.c.", "a.b@c-d.e"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if err := mail.CheckAddress(s); err != nil {
			if !errors.Is(err, mail.ErrMalformed) || !mail.Permanent(err) {
				t.Fatalf("refused %q with %v, not a permanent ErrMalformed", s, err)
			}
			return
		}
		for i := 0; i < len(s); i++ {
			if s[i] <= ' ' || s[i] >= 0x7f {
				t.Fatalf("accepted %q, which is not printable ASCII", s)
			}
		}
		if a, err := netmail.ParseAddress(s); err != nil || a.Address != s || a.Name != "" {
			t.Fatalf("accepted %q, which net/mail reads as %v, %v", s, a, err)
		}
		if _, err := (mail.Message{From: "cq@consulate.example", To: s, Subject: "x", Text: "x"}).Bytes(); err != nil {
			t.Fatalf("accepted %q, which Bytes refuses: %v", s, err)
		}
	})
}
