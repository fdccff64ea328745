package mail_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"log"
	"math/big"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/chancery-platform/chancery/mail"
)

// received is one message as the test server took it.
type received struct {
	user     string // the AUTH user name, if any
	from     string
	to       []string
	data     []byte
	complete bool
}

// server is a real SMTP server (emersion/go-smtp) on 127.0.0.1 that keeps
// what it receives.
type server struct {
	host string
	port int

	mu     sync.Mutex
	inbox  []received
	user   string // AUTH PLAIN accepts user and password when user is set
	pass   string
	rcptOK func(to string) error
}

func (s *server) messages() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.inbox...)
}

// startServer runs an SMTP server for the test; tlsConfig, when set, lets
// it offer STARTTLS.
func startServer(t *testing.T, tlsConfig *tls.Config) *server {
	t.Helper()
	s := &server{}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) {
		return &session{server: s}, nil
	}))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.TLSConfig = tlsConfig
	// Limits against a hung exchange only, far above what one takes on a
	// busy machine under the race detector.
	srv.ReadTimeout, srv.WriteTimeout = time.Minute, time.Minute
	srv.ErrorLog = log.New(io.Discard, "", 0)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	s.host = "127.0.0.1"
	s.port = l.Addr().(*net.TCPAddr).Port
	return s
}

// session is one SMTP connection to the test server.
type session struct {
	server *server
	cur    received
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if s.server.user == "" || username != s.server.user || password != s.server.pass {
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "bad credentials"}
		}
		s.cur.user = username
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	s.cur.from = from
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if s.server.rcptOK != nil {
		if err := s.server.rcptOK(to); err != nil {
			return err
		}
	}
	s.cur.to = append(s.cur.to, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.cur.data, s.cur.complete = data, true
	s.server.mu.Lock()
	s.server.inbox = append(s.server.inbox, s.cur)
	s.server.mu.Unlock()
	s.cur = received{user: s.cur.user}
	return nil
}

func (s *session) Reset()        { s.cur = received{user: s.cur.user} }
func (s *session) Logout() error { return nil }

func (s *server) config() mail.SMTP {
	return mail.SMTP{Host: s.host, Port: s.port, TLS: mail.NoTLS, Timeout: time.Minute, HeloName: "chancery.test"}
}

func TestSend(t *testing.T) {
	srv := startServer(t, nil)
	m := confirmation()
	if err := srv.config().Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	got := srv.messages()
	if len(got) != 1 {
		t.Fatalf("server received %d messages; want 1", len(got))
	}
	r := got[0]
	if r.from != "chongqing@mfa.gov.by" || len(r.to) != 1 || r.to[0] != "li.wei@example.cn" {
		t.Errorf("envelope from %q to %q", r.from, r.to)
	}
	checkWire(t, r.data)
	p := parseMessage(t, r.data)
	if p.subject != m.Subject {
		t.Errorf("subject %q; want %q", p.subject, m.Subject)
	}
	if want := strings.ReplaceAll(m.Text, "\n", "\r\n"); p.text != want {
		t.Errorf("text %q; want %q", p.text, want)
	}
	if len(p.attachments) != 1 || p.attachments[0].Name != "appointment.ics" || !bytes.Equal(p.attachments[0].Data, invitation) {
		t.Errorf("attachments %+v; want appointment.ics with the invitation", p.attachments)
	}
	if p.params[0]["method"] != "REQUEST" {
		t.Errorf("attachment parameters %v; want method=REQUEST", p.params[0])
	}
}

func TestSendFillsDateAndMessageID(t *testing.T) {
	srv := startServer(t, nil)
	m := confirmation()
	m.Date, m.MessageID = time.Time{}, ""
	before := time.Now().Truncate(time.Second)
	if err := srv.config().Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	p := parseMessage(t, srv.messages()[0].data)
	if date, err := p.header.Date(); err != nil || date.Before(before) || date.After(time.Now()) {
		t.Errorf("Date %v, %v; want about now", date, err)
	}
	if id := p.header.Get("Message-ID"); !strings.HasPrefix(id, "<") || !strings.HasSuffix(id, "@mfa.gov.by>") {
		t.Errorf("Message-ID %q; want <random@mfa.gov.by>", id)
	}
}

func TestSendAuthToLocalhost(t *testing.T) {
	srv := startServer(t, nil)
	srv.user, srv.pass = "consul", "s3cret:/@"
	c := srv.config()
	c.Username, c.Password = srv.user, srv.pass
	if err := c.Send(context.Background(), confirmation()); err != nil {
		t.Fatal(err)
	}
	if got := srv.messages(); len(got) != 1 || got[0].user != "consul" {
		t.Fatalf("server received %+v; want one message from the authenticated user", got)
	}

	c.Password = "wrong"
	err := c.Send(context.Background(), confirmation())
	if err == nil || !mail.Permanent(err) {
		t.Errorf("wrong password: %v; want a permanent error", err)
	}
}

func TestSendRefusesAuthWithoutTLS(t *testing.T) {
	for _, host := range []string{"mail.example.org", "192.0.2.1", "127.0.0.2"} {
		c := mail.SMTP{Host: host, Port: 25, TLS: mail.NoTLS, Username: "consul", Password: "s3cret"}
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		err := c.Send(ctx, confirmation())
		cancel()
		// EINVALID shows it refused before connecting anywhere.
		checkInvalid(t, err, "error.smtp_url_invalid")
		if err != nil && strings.Contains(err.Error(), "s3cret") {
			t.Errorf("error reveals the password: %v", err)
		}
	}
}

func TestSendRequiresOfferedSTARTTLS(t *testing.T) {
	srv := startServer(t, nil) // offers no STARTTLS
	c := srv.config()
	c.TLS = mail.StartTLS
	err := c.Send(context.Background(), confirmation())
	if err == nil || !strings.Contains(err.Error(), "STARTTLS") {
		t.Fatalf("Send = %v; want a refusal to go on without STARTTLS", err)
	}
	if got := srv.messages(); len(got) != 0 {
		t.Errorf("server received %d messages in the clear", len(got))
	}
}

func TestSendVerifiesCertificate(t *testing.T) {
	srv := startServer(t, &tls.Config{Certificates: []tls.Certificate{selfSigned(t)}})
	c := srv.config()
	c.TLS = mail.StartTLS
	err := c.Send(context.Background(), confirmation())
	var unknown x509.UnknownAuthorityError
	if !errors.As(err, &unknown) {
		t.Fatalf("Send = %v; want the self-signed certificate refused", err)
	}
	if mail.Permanent(err) {
		t.Errorf("a certificate fault is not a refusal of the message")
	}
	if got := srv.messages(); len(got) != 0 {
		t.Errorf("server received %d messages", len(got))
	}
}

// selfSigned returns a certificate for 127.0.0.1 that no authority signed.
func selfSigned(t *testing.T) tls.Certificate {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		DNSNames:     []string{"localhost"},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

func TestSendServerRefusals(t *testing.T) {
	tests := []struct {
		name      string
		code      int
		permanent bool
	}{
		{"no such mailbox", 550, true},
		{"mailbox busy", 451, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startServer(t, nil)
			srv.rcptOK = func(string) error {
				return &smtp.SMTPError{Code: tt.code, EnhancedCode: smtp.EnhancedCode{tt.code / 100, 1, 1}, Message: tt.name}
			}
			err := srv.config().Send(context.Background(), confirmation())
			if err == nil {
				t.Fatal("Send succeeded")
			}
			if got := mail.Permanent(err); got != tt.permanent {
				t.Errorf("Permanent(%v) = %v; want %v", err, got, tt.permanent)
			}
		})
	}
}

// TestSendDeadline sends to a server that accepts the connection and never
// answers: Send must give up at the context's deadline, or at its own
// Timeout.
func TestSendDeadline(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var conns sync.WaitGroup
	conns.Add(1)
	go func() {
		defer conns.Done()
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	port := l.Addr().(*net.TCPAddr).Port

	tests := []struct {
		name    string
		ctx     time.Duration // 0 for no deadline on the context
		timeout time.Duration
	}{
		{"context deadline", 200 * time.Millisecond, time.Minute},
		{"SMTP timeout", 0, 200 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			if tt.ctx > 0 {
				var cancel context.CancelFunc
				ctx, cancel = context.WithTimeout(ctx, tt.ctx)
				defer cancel()
			}
			c := mail.SMTP{Host: "127.0.0.1", Port: port, TLS: mail.NoTLS, Timeout: tt.timeout}
			start := time.Now()
			err := c.Send(ctx, confirmation())
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("Send = %v; want the deadline exceeded", err)
			}
			// Well above the 200 ms a quiet machine takes, and below the
			// minute of the other limit, which Send must not wait for.
			if d := time.Since(start); d > 30*time.Second {
				t.Errorf("Send took %v", d)
			}
		})
	}
	l.Close()
	conns.Wait()
}

func TestSendCancelled(t *testing.T) {
	srv := startServer(t, nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := srv.config().Send(ctx, confirmation()); !errors.Is(err, context.Canceled) {
		t.Errorf("Send = %v; want context.Canceled", err)
	}
}

func TestSendInvalidMessage(t *testing.T) {
	srv := startServer(t, nil)
	m := confirmation()
	m.Subject = "Hi\r\nBcc: victim@example.org"
	checkInvalid(t, srv.config().Send(context.Background(), m), "error.mail_invalid")
	if got := srv.messages(); len(got) != 0 {
		t.Errorf("server received %d messages", len(got))
	}
}

func TestSMTPString(t *testing.T) {
	c := mail.SMTP{Host: "smtp.example.org", Port: 587, Username: "consul", Password: "s3cret", TLS: mail.StartTLS}
	s := c.String()
	if strings.Contains(s, "s3cret") {
		t.Errorf("String %q reveals the password", s)
	}
	if want := "smtp://consul@smtp.example.org:587?tls=starttls"; s != want {
		t.Errorf("String = %q; want %q", s, want)
	}
}
