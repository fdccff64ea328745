package mail

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"net/textproto"
	"strconv"
	"strings"
	"time"
)

// The ways SMTP.TLS can protect the connection.
const (
	StartTLS = "starttls" // plain connection upgraded by STARTTLS, which must be offered (port 587)
	TLS      = "tls"      // TLS from the first byte, "implicit TLS" (port 465)
	NoTLS    = "none"     // no encryption: for a relay on the same host or a test server
)

// DefaultTimeout bounds a whole Send, from dialling to QUIT, when SMTP has
// no Timeout of its own.
const DefaultTimeout = 30 * time.Second

// SMTP is the mail server that Send hands messages to, usually read from
// configuration with ParseURL.
type SMTP struct {
	Host               string
	Port               int    // 0 for the default of the TLS mode: 587, 465 or 25
	Username, Password string // "" for no AUTH
	TLS                string // StartTLS (the default when ""), TLS or NoTLS
	Timeout            time.Duration
	HeloName           string // the name given in EHLO; "" for "localhost"
}

// normalized returns s with its defaults filled in, or an error if it
// cannot be used.
func (s SMTP) normalized() (SMTP, error) {
	if err := s.check(); err != nil {
		return SMTP{}, err
	}
	if s.TLS == "" {
		s.TLS = StartTLS
	}
	if s.Port == 0 {
		s.Port = map[string]int{StartTLS: 587, TLS: 465, NoTLS: 25}[s.TLS]
	}
	if s.Timeout <= 0 {
		s.Timeout = DefaultTimeout
	}
	return s, nil
}

// check reports what makes s unusable, if anything.
func (s SMTP) check() error {
	switch {
	case s.Host == "" || strings.ContainsAny(s.Host, " \t\r\n/@"):
		return urlInvalid("missing or malformed host")
	case s.TLS != "" && s.TLS != StartTLS && s.TLS != TLS && s.TLS != NoTLS:
		return urlInvalid("unknown TLS mode " + strconv.Quote(s.TLS))
	case s.Port < 0 || s.Port > 65535:
		return urlInvalid("port out of range")
	case strings.ContainsAny(s.HeloName, " \t\r\n"):
		return urlInvalid("malformed HELO name")
	case s.Username != "" && s.TLS == NoTLS && !isLocalhost(s.Host):
		return urlInvalid("AUTH PLAIN would send the password unencrypted to " + s.Host)
	}
	return nil
}

// isLocalhost reports whether host is one that net/smtp lets AUTH PLAIN
// reach without TLS: the password then never leaves the machine.
func isLocalhost(host string) bool {
	return host == "localhost" || host == "127.0.0.1" || host == "::1"
}

// Send delivers m to the server, which relays it to m.To. A zero m.Date
// becomes now and an empty m.MessageID a random one at the sender's domain.
// AUTH PLAIN is used when s has a username, and only over TLS or to
// localhost. Send gives up when ctx is done or s.Timeout has passed.
//
// It fails with EINVALID when s or m is invalid, before connecting; other
// errors come from the network or the server, and Permanent tells whether
// trying again could help.
func (s SMTP) Send(ctx context.Context, m Message) error {
	s, err := s.normalized()
	if err != nil {
		return err
	}
	if m.Date.IsZero() {
		m.Date = time.Now()
	}
	from, err := address("from", m.From)
	if err != nil {
		return err
	}
	to, err := address("to", m.To)
	if err != nil {
		return err
	}
	if m.MessageID == "" {
		m.MessageID = newMessageID(from.Address)
	}
	data, err := m.Bytes()
	if err != nil {
		return err
	}

	ctx, cancel := context.WithTimeout(ctx, s.Timeout)
	defer cancel()
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", net.JoinHostPort(s.Host, strconv.Itoa(s.Port)))
	if err != nil {
		return fmt.Errorf("mail: connect to %s: %w", s.Host, err)
	}
	defer conn.Close()
	// Closing the connection unblocks whatever read or write net/smtp is
	// waiting in, and by then ctx.Err says why.
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	if err := s.exchange(ctx, conn, from.Address, to.Address, data); err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return fmt.Errorf("mail: send to %s: %w (%v)", s.Host, ctxErr, err)
		}
		return fmt.Errorf("mail: send to %s: %w", s.Host, err)
	}
	return nil
}

// exchange runs the SMTP dialogue on conn.
func (s SMTP) exchange(ctx context.Context, conn net.Conn, from, to string, data []byte) error {
	config := &tls.Config{ServerName: s.Host, MinVersion: tls.VersionTLS12}
	if s.TLS == TLS {
		tc := tls.Client(conn, config)
		if err := tc.HandshakeContext(ctx); err != nil {
			return fmt.Errorf("TLS handshake: %w", err)
		}
		conn = tc
	}
	c, err := smtp.NewClient(conn, s.Host)
	if err != nil {
		return fmt.Errorf("greeting: %w", err)
	}
	defer c.Close()
	if s.HeloName != "" {
		if err := c.Hello(s.HeloName); err != nil {
			return fmt.Errorf("EHLO: %w", err)
		}
	}
	if s.TLS == StartTLS {
		// Carrying on unencrypted would let anyone on the path strip
		// STARTTLS and read the message and the password.
		if ok, _ := c.Extension("STARTTLS"); !ok {
			return errors.New("the server does not offer STARTTLS")
		}
		if err := c.StartTLS(config); err != nil {
			return fmt.Errorf("STARTTLS: %w", err)
		}
	}
	if s.Username != "" {
		if ok, _ := c.Extension("AUTH"); !ok {
			return errors.New("the server does not offer AUTH")
		}
		if err := c.Auth(smtp.PlainAuth("", s.Username, s.Password, s.Host)); err != nil {
			return fmt.Errorf("AUTH: %w", err)
		}
	}
	if err := c.Mail(from); err != nil {
		return fmt.Errorf("MAIL FROM: %w", err)
	}
	if err := c.Rcpt(to); err != nil {
		return fmt.Errorf("RCPT TO: %w", err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("DATA: %w", err)
	}
	if _, err := w.Write(data); err != nil {
		return fmt.Errorf("DATA: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("DATA: %w", err)
	}
	// The message is accepted once DATA ends; a failed QUIT loses nothing.
	c.Quit()
	return nil
}

// Permanent reports whether sending the same message again cannot
// succeed: the server refused it for good (a 5xx reply), or it cannot be
// composed (ErrMalformed, an address CheckAddress refuses). Network
// faults, time-outs and 4xx replies are worth another try.
func Permanent(err error) bool {
	var te *textproto.Error
	return errors.Is(err, ErrMalformed) || errors.As(err, &te) && te.Code >= 500 && te.Code < 600
}

// LogSafe is err as a log may show it: a server's reply, which may quote an
// address, is cut to its code; other errors (a refused connection, a
// timeout) are kept whole, since they name only the server.
func LogSafe(err error) string {
	var te *textproto.Error
	if errors.As(err, &te) {
		return fmt.Sprintf("the mail server replied %d", te.Code)
	}
	return err.Error()
}

// newMessageID returns a random message ID at the domain of the sender's
// address, so that it is unique without any state. A domain literal such
// as "[192.0.2.1]" cannot stand in a message ID, and gives way to a
// placeholder domain.
func newMessageID(from string) string {
	var b [16]byte
	rand.Read(b[:])
	left := hex.EncodeToString(b[:])
	_, domain, _ := strings.Cut(from, "@")
	if id, err := messageID(left + "@" + domain); err == nil {
		return id
	}
	return left + "@chancery.invalid"
}
