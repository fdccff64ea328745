package mail

import (
	"net"
	"net/url"
	"strconv"
	"time"

	"github.com/chancery-platform/chancery"
)

// ParseURL reads the mail server from configuration:
//
//	smtp://user:pass@host:587?tls=starttls   STARTTLS, the default for smtp://
//	smtps://user:pass@host:465               TLS from the first byte
//	smtp://127.0.0.1:25?tls=none             no encryption, for a local relay
//
// The user name and password are percent-decoded. The query may also set
// timeout (a Go duration such as "20s") and helo (the EHLO name). The port
// defaults to the TLS mode's. It fails with EINVALID "error.smtp_url_invalid"
// for anything else, and for a password that would travel unencrypted to
// another host; the error never repeats the password.
func ParseURL(raw string) (SMTP, error) {
	u, err := url.Parse(raw)
	if err != nil {
		// url.Error holds the whole URL, password and all.
		return SMTP{}, urlInvalid("malformed URL")
	}
	var s SMTP
	switch u.Scheme {
	case "smtp":
		s.TLS = StartTLS
	case "smtps":
		s.TLS = TLS
	default:
		return SMTP{}, urlInvalid("scheme is not smtp or smtps")
	}
	if u.Opaque != "" || (u.Path != "" && u.Path != "/") || u.Fragment != "" {
		return SMTP{}, urlInvalid("URL has a path or fragment")
	}
	s.Host = u.Hostname()
	if p := u.Port(); p != "" {
		if s.Port, err = strconv.Atoi(p); err != nil || s.Port == 0 {
			return SMTP{}, urlInvalid("malformed port")
		}
	}
	if u.User != nil {
		s.Username = u.User.Username()
		s.Password, _ = u.User.Password()
		if s.Username == "" {
			return SMTP{}, urlInvalid("password without a user name")
		}
	}
	query, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return SMTP{}, urlInvalid("malformed query")
	}
	for key, values := range query {
		if len(values) != 1 {
			return SMTP{}, urlInvalid("query parameter " + key + " given more than once")
		}
		v := values[0]
		switch key {
		case "tls":
			if u.Scheme == "smtps" && v != TLS {
				return SMTP{}, urlInvalid("smtps:// with tls=" + v)
			}
			s.TLS = v
		case "timeout":
			if s.Timeout, err = time.ParseDuration(v); err != nil || s.Timeout <= 0 {
				return SMTP{}, urlInvalid("malformed timeout")
			}
		case "helo":
			s.HeloName = v
		default:
			return SMTP{}, urlInvalid("unknown query parameter " + key)
		}
	}
	return s.normalized()
}

// String returns the server as a URL that ParseURL reads back, less the
// password, for logs and error messages.
func (s SMTP) String() string {
	u := url.URL{Scheme: "smtp", Host: s.Host}
	if s.TLS == TLS {
		u.Scheme = "smtps"
	}
	if s.Port != 0 {
		u.Host = net.JoinHostPort(s.Host, strconv.Itoa(s.Port))
	}
	if s.Username != "" {
		u.User = url.User(s.Username)
	}
	q := url.Values{}
	if s.TLS != "" && s.TLS != TLS {
		q.Set("tls", s.TLS)
	}
	if s.Timeout != 0 {
		q.Set("timeout", s.Timeout.String())
	}
	if s.HeloName != "" {
		q.Set("helo", s.HeloName)
	}
	u.RawQuery = q.Encode()
	return u.String()
}

func urlInvalid(detail string) error {
	err := chancery.Errorf(chancery.EINVALID, "error.smtp_url_invalid")
	err.Detail = detail
	return err
}
