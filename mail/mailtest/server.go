// Package mailtest runs a real SMTP server (github.com/emersion/go-smtp) on
// loopback for tests: it accepts every message and keeps it, so a test can
// read back exactly what chancery sent.
package mailtest

import (
	"io"
	"log"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/chancery-platform/chancery/mail"
)

// Received is one message the server accepted.
type Received struct {
	From string
	To   []string
	Data []byte
}

// Server is a running test SMTP server.
type Server struct {
	Host string
	Port int

	mu     sync.Mutex
	inbox  []Received
	refuse error // when set, every RCPT is refused with it
}

// Start runs a server for the test on 127.0.0.1 and stops it at cleanup.
func Start(t testing.TB) *Server {
	t.Helper()
	s := &Server{}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &session{server: s}, nil }))
	srv.Domain = "localhost"
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
	s.Host, s.Port = "127.0.0.1", l.Addr().(*net.TCPAddr).Port
	return s
}

// SMTP is the configuration that sends to this server.
func (s *Server) SMTP() mail.SMTP {
	return mail.SMTP{Host: s.Host, Port: s.Port, TLS: mail.NoTLS, Timeout: time.Minute, HeloName: "chancery.test"}
}

// Messages returns what the server has received so far.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.inbox...)
}

// Refuse makes the server refuse every recipient with a temporary (4xx)
// error while on is true, to test retries.
func (s *Server) Refuse(on bool) {
	s.refuseWith(on, &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"})
}

// RefuseForGood makes the server refuse every recipient with a permanent
// (5xx) error while on is true.
func (s *Server) RefuseForGood(on bool) {
	s.refuseWith(on, &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such mailbox here"})
}

func (s *Server) refuseWith(on bool, refusal *smtp.SMTPError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refuse = nil
	if on {
		s.refuse = refusal
	}
}

type session struct {
	server *Server
	cur    Received
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	s.cur.From = from
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.server.mu.Lock()
	err := s.server.refuse
	s.server.mu.Unlock()
	if err != nil {
		return err
	}
	s.cur.To = append(s.cur.To, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.cur.Data = data
	s.server.mu.Lock()
	s.server.inbox = append(s.server.inbox, s.cur)
	s.server.mu.Unlock()
	s.cur = Received{}
	return nil
}

func (s *session) Reset()        { s.cur = Received{} }
func (s *session) Logout() error { return nil }
