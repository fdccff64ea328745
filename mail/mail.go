// Package mail composes e-mail (RFC 5322 with MIME) and sends it over SMTP:
// appointment confirmations with their iCalendar files, in the applicant's
// language. Bytes is pure; SMTP.Send is the adapter that talks to the
// mission's mail server.
package mail

import (
	"bytes"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	netmail "net/mail"
	"net/textproto"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/chancery-platform/chancery"
)

// Attachment is a file sent with a message, such as the appointment's
// "appointment.ics" of type "text/calendar; method=REQUEST; charset=UTF-8".
type Attachment struct {
	Name        string // the file name the recipient sees; any script
	ContentType string // a MIME type with parameters; "" for application/octet-stream
	Data        []byte
}

// Message is one e-mail to one recipient. From and To are RFC 5322
// addresses, with or without a display name ("Consulate <cq@example.org>").
type Message struct {
	From, To    string
	Subject     string // any script: encoded per RFC 2047 when not plain ASCII
	Text        string // the plain-text body
	Attachments []Attachment
	MessageID   string    // "id@domain", with or without angle brackets; "" writes none
	Date        time.Time // zero writes none; Send fills both in
}

// Limits that keep every header line within RFC 5322's 998 octets: an
// attachment's name and type are written unfolded, percent-encoded at worst.
const (
	maxNameBytes    = 255
	maxAddressBytes = 512
)

// Bytes returns the message in RFC 5322 form with CRLF line endings: a
// text/plain UTF-8 body in quoted-printable, or multipart/mixed with base64
// attachments when there are any. All of it is 7-bit ASCII.
//
// It fails with EINVALID "error.mail_invalid" when an address does not
// parse, when a header field (addresses, subject, message ID, attachment
// name or type) holds a line break or other control character, which would
// let it inject headers, or when any text is not valid UTF-8.
func (m Message) Bytes() ([]byte, error) {
	from, err := address("from", m.From)
	if err != nil {
		return nil, err
	}
	to, err := address("to", m.To)
	if err != nil {
		return nil, err
	}
	if err := headerText("subject", m.Subject); err != nil {
		return nil, err
	}
	if !utf8.ValidString(m.Text) {
		return nil, invalid("text", "body is not valid UTF-8")
	}
	var msgID string
	if m.MessageID != "" {
		if msgID, err = messageID(m.MessageID); err != nil {
			return nil, err
		}
	}
	parts := make([]attachmentPart, len(m.Attachments))
	for i, a := range m.Attachments {
		if parts[i], err = a.part(); err != nil {
			return nil, err
		}
	}

	var b bytes.Buffer
	writeHeader(&b, "From", formatAddress(from))
	writeHeader(&b, "To", formatAddress(to))
	writeHeader(&b, "Subject", encodeSubject(m.Subject))
	if !m.Date.IsZero() {
		writeHeader(&b, "Date", m.Date.Format(time.RFC1123Z))
	}
	if msgID != "" {
		writeHeader(&b, "Message-ID", msgID)
	}
	writeHeader(&b, "MIME-Version", "1.0")
	if len(parts) == 0 {
		writeHeader(&b, "Content-Type", "text/plain; charset=UTF-8")
		writeHeader(&b, "Content-Transfer-Encoding", "quoted-printable")
		b.WriteString("\r\n")
		writeQuotedPrintable(&b, m.Text)
		if !bytes.HasSuffix(b.Bytes(), []byte("\r\n")) {
			b.WriteString("\r\n")
		}
		return b.Bytes(), nil
	}

	mw := multipart.NewWriter(&b)
	writeHeader(&b, "Content-Type", mime.FormatMediaType("multipart/mixed", map[string]string{"boundary": mw.Boundary()}))
	b.WriteString("\r\n")
	w, err := mw.CreatePart(textproto.MIMEHeader{
		"Content-Type":              {"text/plain; charset=UTF-8"},
		"Content-Transfer-Encoding": {"quoted-printable"},
	})
	if err != nil {
		return nil, err
	}
	var body bytes.Buffer
	writeQuotedPrintable(&body, m.Text)
	w.Write(body.Bytes())
	for _, p := range parts {
		w, err := mw.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {p.contentType},
			"Content-Disposition":       {p.disposition},
			"Content-Transfer-Encoding": {"base64"},
		})
		if err != nil {
			return nil, err
		}
		writeBase64(w, p.data)
	}
	if err := mw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// attachmentPart is an attachment checked and ready to write.
type attachmentPart struct {
	contentType, disposition string
	data                     []byte
}

func (a Attachment) part() (attachmentPart, error) {
	if err := headerText("attachment name", a.Name); err != nil {
		return attachmentPart{}, err
	}
	if err := headerText("attachment type", a.ContentType); err != nil {
		return attachmentPart{}, err
	}
	if len(a.Name) > maxNameBytes || len(a.ContentType) > maxNameBytes {
		return attachmentPart{}, invalid("attachment", "attachment name or type is too long")
	}
	// A file name is a name, not a path: mail readers drop everything up to
	// the last separator, so a name with one would not arrive as written.
	if strings.ContainsAny(a.Name, `/\`) {
		return attachmentPart{}, invalid("attachment name", "a file name cannot contain / or \\")
	}
	mediaType, params := "application/octet-stream", map[string]string{}
	if a.ContentType != "" {
		var err error
		if mediaType, params, err = mime.ParseMediaType(a.ContentType); err != nil {
			return attachmentPart{}, invalid("attachment type", "malformed content type")
		}
	}
	// A multipart or message part cannot be base64-encoded (RFC 2045 6.4).
	if strings.HasPrefix(mediaType, "multipart/") || strings.HasPrefix(mediaType, "message/") {
		return attachmentPart{}, invalid("attachment type", "composite content type "+mediaType)
	}
	disposition := map[string]string{}
	if a.Name != "" {
		// Outlook reads the name from Content-Type, others from the disposition.
		params["name"] = a.Name
		disposition["filename"] = a.Name
	}
	p := attachmentPart{
		contentType: mime.FormatMediaType(mediaType, params),
		disposition: mime.FormatMediaType("attachment", disposition),
		data:        a.Data,
	}
	if p.contentType == "" || p.disposition == "" {
		return attachmentPart{}, invalid("attachment type", "content type cannot be written")
	}
	return p, nil
}

// address parses s as one RFC 5322 address whose mailbox is plain ASCII:
// an internationalized mailbox would need SMTPUTF8, which servers may lack.
func address(field, s string) (*netmail.Address, error) {
	if err := headerText(field, s); err != nil {
		return nil, err
	}
	if len(s) > maxAddressBytes {
		return nil, invalid(field, "address is too long")
	}
	a, err := netmail.ParseAddress(s)
	if err != nil {
		return nil, invalid(field, "malformed address")
	}
	for i := 0; i < len(a.Address); i++ {
		if c := a.Address[i]; c <= ' ' || c >= 0x7f {
			return nil, invalid(field, "address is not plain ASCII")
		}
	}
	// The sender may be a local mailbox (no-reply@localhost); a recipient
	// must be one the mailer can reach.
	if field == "to" {
		if err := CheckAddress(a.Address); err != nil {
			return nil, err
		}
	}
	return a, nil
}

// headerText checks s can go into a header field: valid UTF-8 without line
// breaks or other control characters but the tab.
func headerText(field, s string) error {
	if !utf8.ValidString(s) {
		return invalid(field, "not valid UTF-8")
	}
	for _, r := range s {
		if (r < 0x20 && r != '\t') || r == 0x7f {
			return invalid(field, "holds a line break or control character")
		}
	}
	return nil
}

// messageID returns s as an RFC 5322 msg-id in angle brackets.
func messageID(s string) (string, error) {
	id := strings.TrimSuffix(strings.TrimPrefix(s, "<"), ">")
	left, right, ok := strings.Cut(id, "@")
	if !ok || left == "" || right == "" || strings.Contains(right, "@") {
		return "", invalid("message id", "message ID is not id@domain")
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; c <= ' ' || c >= 0x7f || strings.IndexByte(`<>()[]\",;:`, c) >= 0 {
			return "", invalid("message id", "message ID has a character it cannot hold")
		}
	}
	return "<" + id + ">", nil
}

func writeQuotedPrintable(b *bytes.Buffer, text string) {
	w := quotedprintable.NewWriter(b)
	w.Write([]byte(text))
	w.Close()
}

// writeBase64 writes data in base64 lines of 76 characters (RFC 2045 6.8).
func writeBase64(w io.Writer, data []byte) {
	enc := base64.StdEncoding.EncodeToString(data)
	var b strings.Builder
	for len(enc) > 76 {
		b.WriteString(enc[:76])
		b.WriteString("\r\n")
		enc = enc[76:]
	}
	// The multipart boundary that follows brings its own line break.
	b.WriteString(enc)
	w.Write([]byte(b.String()))
}

// invalid is an EINVALID error about a message that cannot be composed;
// errors.Is(err, ErrMalformed) holds for it.
func invalid(field, detail string) error {
	err := chancery.Errorf(chancery.EINVALID, "error.mail_invalid", "Field", field)
	err.Detail = detail
	return malformed{err}
}

// malformed is a *chancery.Error (for its code and message) that is also
// ErrMalformed.
type malformed struct{ err *chancery.Error }

func (m malformed) Error() string   { return m.err.Error() }
func (m malformed) Unwrap() []error { return []error{m.err, ErrMalformed} }
