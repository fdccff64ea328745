package mail_test

import (
	"strings"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/mail"
)

func TestParseURL(t *testing.T) {
	tests := []struct {
		name string
		url  string
		want mail.SMTP
	}{
		{"STARTTLS with credentials", "smtp://consul:s3cret@smtp.example.org:587?tls=starttls",
			mail.SMTP{Host: "smtp.example.org", Port: 587, Username: "consul", Password: "s3cret", TLS: "starttls", Timeout: mail.DefaultTimeout}},
		{"smtp defaults to STARTTLS on 587", "smtp://smtp.example.org",
			mail.SMTP{Host: "smtp.example.org", Port: 587, TLS: "starttls", Timeout: mail.DefaultTimeout}},
		{"smtps defaults to 465", "smtps://consul:s3cret@smtp.example.org",
			mail.SMTP{Host: "smtp.example.org", Port: 465, Username: "consul", Password: "s3cret", TLS: "tls", Timeout: mail.DefaultTimeout}},
		{"smtps with its own tls", "smtps://smtp.example.org:2465?tls=tls",
			mail.SMTP{Host: "smtp.example.org", Port: 2465, TLS: "tls", Timeout: mail.DefaultTimeout}},
		{"implicit TLS by query", "smtp://smtp.example.org:465?tls=tls",
			mail.SMTP{Host: "smtp.example.org", Port: 465, TLS: "tls", Timeout: mail.DefaultTimeout}},
		{"local relay without TLS", "smtp://127.0.0.1?tls=none",
			mail.SMTP{Host: "127.0.0.1", Port: 25, TLS: "none", Timeout: mail.DefaultTimeout}},
		{"credentials to localhost without TLS", "smtp://u:p@localhost:2525?tls=none",
			mail.SMTP{Host: "localhost", Port: 2525, Username: "u", Password: "p", TLS: "none", Timeout: mail.DefaultTimeout}},
		{"IPv6 loopback", "smtp://u:p@[::1]:25?tls=none",
			mail.SMTP{Host: "::1", Port: 25, Username: "u", Password: "p", TLS: "none", Timeout: mail.DefaultTimeout}},
		{"percent-encoded credentials", "smtp://cq%40mfa.gov.by:p%40ss%3Aw%2Frd@smtp.example.org",
			mail.SMTP{Host: "smtp.example.org", Port: 587, Username: "cq@mfa.gov.by", Password: "p@ss:w/rd", TLS: "starttls", Timeout: mail.DefaultTimeout}},
		{"timeout and helo", "smtp://smtp.example.org?timeout=20s&helo=chancery.example.org",
			mail.SMTP{Host: "smtp.example.org", Port: 587, TLS: "starttls", Timeout: 20 * time.Second, HeloName: "chancery.example.org"}},
		{"trailing slash", "smtp://smtp.example.org/",
			mail.SMTP{Host: "smtp.example.org", Port: 587, TLS: "starttls", Timeout: mail.DefaultTimeout}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := mail.ParseURL(tt.url)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("ParseURL = %+v; want %+v", got, tt.want)
			}
			// String, less the password, reads back the same.
			again, err := mail.ParseURL(got.String())
			tt.want.Password = ""
			if err != nil || again != tt.want {
				t.Errorf("ParseURL(%q) = %+v, %v; want %+v", got.String(), again, err, tt.want)
			}
		})
	}
}

func TestParseURLInvalid(t *testing.T) {
	tests := []struct {
		name, url string
	}{
		{"empty", ""},
		{"other scheme", "http://smtp.example.org"},
		{"no scheme", "smtp.example.org:587"},
		{"no host", "smtp://:587"},
		{"port zero", "smtp://smtp.example.org:0"},
		{"port out of range", "smtp://smtp.example.org:70000"},
		{"port not a number", "smtp://smtp.example.org:smtp"},
		{"unknown TLS mode", "smtp://smtp.example.org?tls=ssl"},
		{"smtps with starttls", "smtps://smtp.example.org?tls=starttls"},
		{"smtps with none", "smtps://smtp.example.org?tls=none"},
		{"unknown parameter", "smtp://smtp.example.org?tsl=none"},
		{"parameter twice", "smtp://smtp.example.org?tls=tls&tls=none"},
		{"malformed timeout", "smtp://smtp.example.org?timeout=soon"},
		{"negative timeout", "smtp://smtp.example.org?timeout=-1s"},
		{"path", "smtp://smtp.example.org/inbox"},
		{"fragment", "smtp://smtp.example.org#x"},
		{"password without user", "smtp://:s3cret@smtp.example.org"},
		{"password in the clear to another host", "smtp://consul:s3cret@smtp.example.org?tls=none"},
		{"password in the clear to another loopback address", "smtp://consul:s3cret@127.0.0.2?tls=none"},
		{"control character", "smtp://consul:s3cret@smtp.example.org\n"},
		{"HELO with a space", "smtp://smtp.example.org?helo=a%20b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := mail.ParseURL(tt.url)
			if err == nil {
				t.Fatalf("ParseURL = %+v; want an error", got)
			}
			checkInvalid(t, err, "error.smtp_url_invalid")
			if strings.Contains(err.Error(), "s3cret") {
				t.Errorf("error reveals the password: %v", err)
			}
		})
	}
}
