package web_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/http/httptest"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"

	"github.com/chancery-platform/chancery/mail/mailtest"
	"github.com/chancery-platform/chancery/web"
)

// parsed is a received message: subject, text and its calendar attachment.
type parsed struct {
	Subject, Text string
	Calendar      *ical.Calendar
	Method        string
}

func parseMail(t *testing.T, raw []byte) parsed {
	t.Helper()
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	var p parsed
	p.Subject, _ = new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	if mt == "text/plain" { // no attachment
		body, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
		if err != nil {
			t.Fatal(err)
		}
		p.Text = string(body)
		return p
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		part, err := mr.NextPart() // decodes quoted-printable bodies
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(part)
		ct := part.Header.Get("Content-Type")
		switch {
		case strings.HasPrefix(ct, "text/plain"):
			p.Text = string(body)
		case strings.HasPrefix(ct, "text/calendar"):
			if part.Header.Get("Content-Transfer-Encoding") == "base64" {
				body = decodeBase64(t, body)
			}
			cal, err := ical.NewDecoder(bytes.NewReader(body)).Decode()
			if err != nil {
				t.Fatalf("the calendar file does not parse: %v\n%s", err, body)
			}
			p.Calendar = cal
			p.Method, _ = cal.Props.Text(ical.PropMethod)
		}
	}
	return p
}

// TestBookingMail: a booking sends a confirmation with an .ics (REQUEST),
// a cancellation sends METHOD:CANCEL with the same UID and a higher
// SEQUENCE, a reminder goes out once on the working day before, and a
// failed send is retried. Through a real SMTP server.
func TestBookingMail(t *testing.T) {
	t.Parallel()
	e := newBookingEnv(t)
	smtpd := mailtest.Start(t)
	srv, err := web.New(e.DB, web.Config{PublicURL: "https://consulate.example"})
	if err != nil {
		t.Fatal(err)
	}
	conf := smtpd.SMTP()
	mailer := srv.NewMailer(&conf, "Consulate General <cq@consulate.example>")
	ctx := context.Background()
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	c := newClient(t, ts.URL)

	// Friday 2026-12-04 09:00; its reminder is due on Thursday 2026-12-03.
	res := c.postJSON("/api/v1/bookings", strings.Replace(bookingJSON("2026-12-04T09:00:00+08:00", "li.wei@example.com"), `"passport"`, `"lang":"zh","passport"`, 1), nil)
	if res.Status != 201 {
		t.Fatalf("booking: %d %s", res.Status, res.Body)
	}
	b := decodeBooking(t, res)
	smtpd.Refuse(true)
	if n, err := mailer.SendDue(ctx); err != nil || n != 0 {
		t.Fatalf("a refused send counted as sent: %d %v", n, err)
	}
	smtpd.Refuse(false)
	if n, _ := mailer.SendDue(ctx); n != 0 {
		t.Fatal("a failed message was retried before its delay")
	}
	e.DB.Now = func() time.Time { return bookingNow.Add(2 * time.Minute) }
	if n, err := mailer.SendDue(ctx); err != nil || n != 1 {
		t.Fatalf("the retry: %d sent, %v", n, err)
	}
	got := smtpd.Messages()
	if len(got) != 1 || got[0].To[0] != "li.wei@example.com" {
		t.Fatalf("received %+v", got)
	}
	confirm := parseMail(t, got[0].Data)
	if !strings.Contains(confirm.Subject, b.Reference) || !strings.Contains(confirm.Text, "https://consulate.example/bookings/"+b.Reference+"?token="+b.Token) ||
		!strings.Contains(confirm.Text, "2026年12月4日（星期五） 09:00（北京时间，UTC+8）") || strings.Contains(confirm.Text, "地址") || !strings.Contains(confirm.Subject, "递交签证申请") {
		t.Fatalf("confirmation in Chinese with the manage link: %q\n%s", confirm.Subject, confirm.Text)
	}
	ev := confirm.Calendar.Events()
	if confirm.Method != "REQUEST" || len(ev) != 1 {
		t.Fatalf("method %s, %d events", confirm.Method, len(ev))
	}
	uid, _ := ev[0].Props.Text(ical.PropUID)
	start, err := ev[0].DateTimeStart(nil)
	if err != nil || !start.Equal(time.Date(2026, 12, 4, 1, 0, 0, 0, time.UTC)) || ev[0].Props.Get(ical.PropDateTimeStart).Params.Get(ical.ParamTimezoneID) != "Asia/Shanghai" {
		t.Fatalf("DTSTART %v %v", start, err)
	}

	// The reminder: not yet on Wednesday, once on Thursday.
	e.DB.Now = func() time.Time { return time.Date(2026, 12, 2, 1, 0, 0, 0, time.UTC) }
	if n, _ := mailer.QueueReminders(ctx); n != 0 {
		t.Fatal("a reminder two working days early")
	}
	e.DB.Now = func() time.Time { return time.Date(2026, 12, 3, 1, 0, 0, 0, time.UTC) }
	if n, _ := mailer.QueueReminders(ctx); n != 1 {
		t.Fatal("no reminder on the working day before")
	}
	if n, _ := mailer.QueueReminders(ctx); n != 0 {
		t.Fatal("the reminder was queued twice")
	}
	// Once reminded, the booking is not read again by the next runs.
	if left, err := e.DB.Unreminded(ctx, e.DB.Now(), e.DB.Now().Add(21*24*time.Hour)); err != nil || len(left) != 0 {
		t.Fatalf("still to remind after the reminder: %d bookings, %v", len(left), err)
	}
	if n, err := mailer.SendDue(ctx); err != nil || n != 1 {
		t.Fatalf("sent %d (the reminder), %v", n, err)
	}

	// The move to Tuesday 2026-12-08 09:00: the same UID, SEQUENCE 1.
	moved := c.do("POST", "/api/v1/bookings/"+b.Reference+"/reschedule", strings.NewReader(`{"start":"2026-12-08T09:00:00+08:00"}`),
		map[string]string{"Authorization": "Bearer " + b.Token, "Content-Type": "application/json"})
	if moved.Status != 200 || !strings.Contains(moved.Body, `"sequence": 1`) || !strings.Contains(moved.Body, "2026-12-08T09:00:00+08:00") {
		t.Fatalf("reschedule: %d %s", moved.Status, moved.Body)
	}

	if n, err := mailer.SendDue(ctx); err != nil || n != 1 {
		t.Fatalf("sent %d (the new time), %v", n, err)
	}

	// The cancellation.
	if res := c.do("POST", "/api/v1/bookings/"+b.Reference+"/cancel", nil, map[string]string{"Authorization": "Bearer " + b.Token}); res.Status != 200 {
		t.Fatalf("cancel: %d %s", res.Status, res.Body)
	}
	if n, err := mailer.SendDue(ctx); err != nil || n != 1 {
		t.Fatalf("sent %d (the cancellation), %v", n, err)
	}
	got = smtpd.Messages()
	update := parseMail(t, got[2].Data)
	uev := update.Calendar.Events()[0]
	ustart, _ := uev.DateTimeStart(nil)
	if update.Method != "REQUEST" || uev.Props.Get(ical.PropSequence).Value != "1" || !ustart.Equal(time.Date(2026, 12, 8, 1, 0, 0, 0, time.UTC)) {
		t.Fatalf("the update: %s, SEQUENCE %s, DTSTART %v", update.Method, uev.Props.Get(ical.PropSequence).Value, ustart)
	}
	cancel := parseMail(t, got[len(got)-1].Data)
	if cancel.Method != "CANCEL" {
		t.Fatalf("the last message is %q, want the cancellation", cancel.Method)
	}
	cev := cancel.Calendar.Events()[0]
	cuid, _ := cev.Props.Text(ical.PropUID)
	seq := ""
	if p := cev.Props.Get(ical.PropSequence); p != nil {
		seq = p.Value
	}
	status, _ := cev.Props.Text(ical.PropStatus)
	if cuid != uid || seq != "2" || status != "CANCELLED" {
		t.Fatalf("cancellation UID %s (want %s), SEQUENCE %s, STATUS %s", cuid, uid, seq, status)
	}
}

func decodeBase64(t *testing.T, b []byte) []byte {
	t.Helper()
	out, err := io.ReadAll(base64.NewDecoder(base64.StdEncoding, bytes.NewReader(bytes.ReplaceAll(bytes.ReplaceAll(b, []byte("\r"), nil), []byte("\n"), nil))))
	if err != nil {
		t.Fatal(err)
	}
	return out
}
