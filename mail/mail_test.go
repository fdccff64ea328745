package mail_test

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	netmail "net/mail"
	"strings"
	"testing"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/mail"
)

// invitation is the .ics file of a booking, as the ics package writes it.
var invitation = []byte("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//chancery//chancery//EN\r\nMETHOD:REQUEST\r\n" +
	"BEGIN:VEVENT\r\nUID:CQ-7F3K9@chancery\r\nSUMMARY:签证面谈\\, 窗口 3\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")

// confirmation is the message that confirms a booking to an applicant.
func confirmation() mail.Message {
	return mail.Message{
		From:    "Генеральное консульство <chongqing@mfa.gov.by>",
		To:      "Li Wei <li.wei@example.cn>",
		Subject: "预约确认：签证面谈 2026年3月2日 09:30 — Подтверждение записи",
		Text:    "尊敬的李先生：\n\nВаша запись подтверждена. Окно №3.\nA line with = and trailing space \nEnd.",
		Attachments: []mail.Attachment{{
			Name:        "appointment.ics",
			ContentType: "text/calendar; method=REQUEST; charset=UTF-8",
			Data:        invitation,
		}},
		MessageID: "CQ-7F3K9.0@chancery.example",
		Date:      time.Date(2026, 2, 20, 16, 15, 0, 0, time.FixedZone("CST", 8*3600)),
	}
}

// parsed is a message as an independent reader sees it.
type parsed struct {
	header      netmail.Header
	subject     string
	text        string
	attachments []mail.Attachment
	params      []map[string]string // each attachment's Content-Type parameters
}

// parseMessage reads raw with net/mail and mime/multipart, decoding the
// subject, the quoted-printable body and the base64 attachments.
func parseMessage(t testing.TB, raw []byte) parsed {
	t.Helper()
	msg, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("net/mail: %v\n%s", err, raw)
	}
	var p parsed
	p.header = msg.Header
	var dec mime.WordDecoder
	if p.subject, err = dec.DecodeHeader(msg.Header.Get("Subject")); err != nil {
		t.Fatalf("subject: %v", err)
	}
	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatalf("Content-Type: %v", err)
	}
	if mediaType == "text/plain" {
		p.text = readText(t, msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body)
		return p
	}
	if mediaType != "multipart/mixed" {
		t.Fatalf("Content-Type %q", mediaType)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for i := 0; ; i++ {
		part, err := mr.NextRawPart()
		if err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("part %d: %v", i, err)
		}
		if i == 0 {
			p.text = readText(t, part.Header.Get("Content-Type"), part.Header.Get("Content-Transfer-Encoding"), part)
			continue
		}
		ct, ctParams, err := mime.ParseMediaType(part.Header.Get("Content-Type"))
		if err != nil {
			t.Fatalf("part %d Content-Type: %v", i, err)
		}
		if cte := part.Header.Get("Content-Transfer-Encoding"); cte != "base64" {
			t.Fatalf("part %d Content-Transfer-Encoding %q", i, cte)
		}
		data, err := io.ReadAll(base64.NewDecoder(base64.StdEncoding, part))
		if err != nil {
			t.Fatalf("part %d base64: %v", i, err)
		}
		delete(ctParams, "name")
		p.attachments = append(p.attachments, mail.Attachment{Name: part.FileName(), ContentType: ct, Data: data})
		p.params = append(p.params, ctParams)
	}
	return p
}

func readText(t testing.TB, contentType, encoding string, r io.Reader) string {
	t.Helper()
	if contentType != "text/plain; charset=UTF-8" || encoding != "quoted-printable" {
		t.Fatalf("body is %q in %q; want UTF-8 text in quoted-printable", contentType, encoding)
	}
	b, err := io.ReadAll(quotedprintable.NewReader(r))
	if err != nil {
		t.Fatalf("body: %v", err)
	}
	return string(b)
}

func TestBytesWithAttachment(t *testing.T) {
	m := confirmation()
	raw, err := m.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	checkWire(t, raw)
	p := parseMessage(t, raw)
	if p.subject != m.Subject {
		t.Errorf("subject %q; want %q", p.subject, m.Subject)
	}
	if want := strings.ReplaceAll(m.Text, "\n", "\r\n"); p.text != want {
		t.Errorf("text %q; want %q", p.text, want)
	}
	if len(p.attachments) != 1 {
		t.Fatalf("%d attachments; want 1", len(p.attachments))
	}
	a := p.attachments[0]
	if a.Name != "appointment.ics" || a.ContentType != "text/calendar" || !bytes.Equal(a.Data, invitation) {
		t.Errorf("attachment %q %q %q; want appointment.ics text/calendar and the invitation", a.Name, a.ContentType, a.Data)
	}
	if p.params[0]["method"] != "REQUEST" || p.params[0]["charset"] != "UTF-8" {
		t.Errorf("attachment parameters %v; want method=REQUEST charset=UTF-8", p.params[0])
	}
	from, err := p.header.AddressList("From")
	if err != nil || len(from) != 1 || from[0].Address != "chongqing@mfa.gov.by" || from[0].Name != "Генеральное консульство" {
		t.Errorf("From %v, %v", from, err)
	}
	to, err := p.header.AddressList("To")
	if err != nil || len(to) != 1 || to[0].Address != "li.wei@example.cn" {
		t.Errorf("To %v, %v", to, err)
	}
	if date, err := p.header.Date(); err != nil || !date.Equal(m.Date) {
		t.Errorf("Date %v, %v; want %v", date, err, m.Date)
	}
	if id := p.header.Get("Message-ID"); id != "<CQ-7F3K9.0@chancery.example>" {
		t.Errorf("Message-ID %q", id)
	}
}

func TestBytesPlain(t *testing.T) {
	m := confirmation()
	m.Attachments, m.MessageID, m.Date = nil, "", time.Time{}
	raw, err := m.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	checkWire(t, raw)
	p := parseMessage(t, raw)
	// A body on its own ends with a line break, which the text lacked.
	if want := strings.ReplaceAll(m.Text, "\n", "\r\n") + "\r\n"; p.text != want {
		t.Errorf("text %q; want %q", p.text, want)
	}
	for _, h := range []string{"Message-ID", "Date"} {
		if v := p.header.Get(h); v != "" {
			t.Errorf("%s %q written though unset", h, v)
		}
	}
}

func TestBytesAttachmentNames(t *testing.T) {
	m := confirmation()
	m.Attachments = []mail.Attachment{
		{Name: "预约确认 appointment.ics", ContentType: "text/calendar; charset=UTF-8", Data: invitation},
		{Name: "Запіс \"№3\".pdf", Data: bytes.Repeat([]byte{0, 1, 2, 255}, 100)},
		{Data: []byte("no name")},
	}
	raw, err := m.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	checkWire(t, raw)
	p := parseMessage(t, raw)
	if len(p.attachments) != len(m.Attachments) {
		t.Fatalf("%d attachments; want %d", len(p.attachments), len(m.Attachments))
	}
	wantTypes := []string{"text/calendar", "application/octet-stream", "application/octet-stream"}
	for i, a := range p.attachments {
		if a.Name != m.Attachments[i].Name || a.ContentType != wantTypes[i] || !bytes.Equal(a.Data, m.Attachments[i].Data) {
			t.Errorf("attachment %d = %q %q; want %q %q", i, a.Name, a.ContentType, m.Attachments[i].Name, wantTypes[i])
		}
	}
}

func TestSubject(t *testing.T) {
	tests := []struct {
		name, subject string
		raw           bool // written as it is rather than encoded
	}{
		{"plain ASCII", "Appointment confirmed: 2 March 2026, 09:30", true},
		{"empty", "", true},
		{"Chinese", "预约确认：签证面谈", false},
		{"Cyrillic", "Подтверждение записи на собеседование", false},
		{"Belarusian", "Пацвярджэнне запісу ў Генеральным консульстве", false},
		{"looks like an encoded word", "=?UTF-8?B?SGk=?=", false},
		{"leading space", " Hello", false},
		{"double space", "Hello  there", false},
		{"tab", "Hello\tthere", false},
		{"long ASCII word", strings.Repeat("x", 200), false},
		{"long ASCII sentence", strings.TrimSpace(strings.Repeat("Your appointment is confirmed. ", 10)), true},
		{"long Chinese", strings.Repeat("签证面谈预约确认，", 30), false},
		{"emoji", "📅 Appointment", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := confirmation()
			m.Subject = tt.subject
			raw, err := m.Bytes()
			if err != nil {
				t.Fatal(err)
			}
			checkWire(t, raw)
			p := parseMessage(t, raw)
			if p.subject != tt.subject {
				t.Errorf("subject %q; want %q", p.subject, tt.subject)
			}
			if raw := !strings.Contains(p.header.Get("Subject"), "=?UTF-8?B?"); raw != tt.raw {
				t.Errorf("subject written as %q; raw %v, want %v", p.header.Get("Subject"), raw, tt.raw)
			}
		})
	}
}

func TestAddressDisplayNames(t *testing.T) {
	tests := []struct{ name, display string }{
		{"none", ""},
		{"plain ASCII", "Consulate General"},
		{"Cyrillic", "Генеральное консульство"},
		{"Cyrillic after a digit, found by fuzzing", "0онсульство"},
		{"long Cyrillic", strings.TrimSpace(strings.Repeat("Генеральное консульство Республики Беларусь ", 4))},
		{"long Chinese", strings.Repeat("白俄罗斯共和国驻重庆总领事馆", 5)},
		{"long ASCII word", strings.Repeat("x", 120)},
		{"emoji", "📅 Консульство"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := confirmation()
			m.From = strings.TrimSpace(tt.display + " <chongqing@mfa.gov.by>")
			raw, err := m.Bytes()
			if err != nil {
				t.Fatal(err)
			}
			checkWire(t, raw)
			from, err := parseMessage(t, raw).header.AddressList("From")
			if err != nil || len(from) != 1 || from[0].Name != tt.display || from[0].Address != "chongqing@mfa.gov.by" {
				t.Errorf("From %v, %v; want %q <chongqing@mfa.gov.by>", from, err, tt.display)
			}
		})
	}
}

// checkWire checks raw is what SMTP can carry unchanged: 7-bit, CRLF line
// endings, header lines folded to 78 octets where they have spaces and
// every line within 998.
func checkWire(t testing.TB, raw []byte) {
	t.Helper()
	if !bytes.HasSuffix(raw, []byte("\r\n")) {
		t.Fatalf("message does not end in CRLF")
	}
	header := true
	for i, line := range strings.Split(strings.TrimSuffix(string(raw), "\r\n"), "\r\n") {
		switch {
		case strings.ContainsAny(line, "\r\n"):
			t.Fatalf("line %d has a bare CR or LF: %q", i+1, line)
		case len(line) > 998:
			t.Fatalf("line %d is %d octets", i+1, len(line))
		case strings.IndexFunc(line, func(r rune) bool { return r >= 0x80 }) >= 0:
			t.Fatalf("line %d is not 7-bit: %q", i+1, line)
		case header && len(line) > 78 && strings.Contains(strings.TrimLeft(line, " "), " "):
			t.Errorf("header line %d is %d octets and could fold: %q", i+1, len(line), line)
		}
		if line == "" {
			header = false
		}
	}
}

func TestBytesInvalid(t *testing.T) {
	tests := []struct {
		name   string
		change func(*mail.Message)
	}{
		{"CRLF in subject", func(m *mail.Message) { m.Subject = "Hi\r\nBcc: victim@example.org" }},
		{"LF in subject", func(m *mail.Message) { m.Subject = "Hi\nBcc: victim@example.org" }},
		{"CR in subject", func(m *mail.Message) { m.Subject = "Hi\rBcc: victim@example.org" }},
		{"CRLF in To", func(m *mail.Message) { m.To = "li.wei@example.cn\r\nBcc: victim@example.org" }},
		{"CRLF in From name", func(m *mail.Message) { m.From = "\"Consulate\r\nBcc: x@example.org\" <cq@example.org>" }},
		{"CRLF in message ID", func(m *mail.Message) { m.MessageID = "a@b\r\nBcc: victim@example.org" }},
		{"CRLF in attachment name", func(m *mail.Message) { m.Attachments[0].Name = "a.ics\r\nContent-Type: text/html" }},
		{"CRLF in attachment type", func(m *mail.Message) { m.Attachments[0].ContentType = "text/plain\r\nX-Evil: 1" }},
		{"NUL in subject", func(m *mail.Message) { m.Subject = "a\x00b" }},
		{"missing From", func(m *mail.Message) { m.From = "" }},
		{"malformed To", func(m *mail.Message) { m.To = "not an address" }},
		{"two recipients", func(m *mail.Message) { m.To = "a@example.org, b@example.org" }},
		{"non-ASCII mailbox", func(m *mail.Message) { m.To = "李伟@example.cn" }},
		{"invalid UTF-8 subject", func(m *mail.Message) { m.Subject = "a\xffb" }},
		{"invalid UTF-8 text", func(m *mail.Message) { m.Text = "a\xffb" }},
		{"message ID without a domain", func(m *mail.Message) { m.MessageID = "abc" }},
		{"message ID with a space", func(m *mail.Message) { m.MessageID = "a b@example.org" }},
		{"malformed attachment type", func(m *mail.Message) { m.Attachments[0].ContentType = "text/" }},
		{"multipart attachment", func(m *mail.Message) { m.Attachments[0].ContentType = "multipart/mixed; boundary=x" }},
		{"over-long attachment name", func(m *mail.Message) { m.Attachments[0].Name = strings.Repeat("名", 100) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := confirmation()
			tt.change(&m)
			raw, err := m.Bytes()
			if err == nil {
				t.Fatalf("Bytes succeeded:\n%s", raw)
			}
			checkInvalid(t, err, "error.mail_invalid")
		})
	}
}

func checkInvalid(t testing.TB, err error, key string) {
	t.Helper()
	if code := chancery.ErrorCode(err); code != chancery.EINVALID {
		t.Errorf("code %q (%v); want %q", code, err, chancery.EINVALID)
	}
	if k, _ := chancery.ErrorKey(err); k != key {
		t.Errorf("key %q (%v); want %q", k, err, key)
	}
}
