package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/chancery-platform/chancery/mail"
	"github.com/chancery-platform/chancery/web"
)

// Config is chancery's configuration, from flags with environment defaults.
type Config struct {
	Addr       string // listen address
	Data       string // folder for the SQLite file
	DB         string // postgres:// URL; "" = SQLite under Data
	Cookies    web.CookieMode
	TrustProxy bool
	LogFormat  string // "text" or "json"
	NoSeed     bool   // do not load the default dataset into an empty database
	SMTP       string // smtp:// or smtps:// URL of the mail server; "" keeps mail in the outbox
	MailFrom   string // the From address of outgoing mail
	PublicURL  string // the site's public address, for links in emails
}

// DSN is the database to open: the PostgreSQL URL, or the SQLite file.
func (c Config) DSN() string {
	if c.DB != "" {
		return c.DB
	}
	return filepath.Join(c.Data, "chancery.db")
}

func envOr(getenv func(string) string, key, def string) string {
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

// parseConfig reads the flags every subcommand shares.
func parseConfig(name string, args []string, getenv func(string) string, stderr io.Writer) (Config, *flag.FlagSet, error) {
	return parseConfigWith(name, args, getenv, stderr, nil)
}

// parseConfigWith is parseConfig with a subcommand's own flags added by extra.
func parseConfigWith(name string, args []string, getenv func(string) string, stderr io.Writer, extra func(*flag.FlagSet)) (Config, *flag.FlagSet, error) {
	var c Config
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	if extra != nil {
		extra(fs)
	}
	fs.SetOutput(stderr)
	fs.StringVar(&c.Addr, "addr", envOr(getenv, "CHANCERY_ADDR", "127.0.0.1:8080"), "listen address (CHANCERY_ADDR)")
	fs.StringVar(&c.Data, "data", envOr(getenv, "CHANCERY_DATA", "data"), "data folder for the embedded SQLite database (CHANCERY_DATA)")
	fs.StringVar(&c.DB, "db", getenv("CHANCERY_DB"), "PostgreSQL URL, postgres://...; empty for embedded SQLite (CHANCERY_DB)")
	cookies := fs.String("cookies", envOr(getenv, "CHANCERY_COOKIES", "auto"), "auto: Secure cookies over HTTPS; always: Secure everywhere (CHANCERY_COOKIES)")
	fs.BoolVar(&c.TrustProxy, "trust-proxy", getenv("CHANCERY_TRUST_PROXY") == "true", "trust X-Forwarded-For/-Proto from a reverse proxy (CHANCERY_TRUST_PROXY)")
	fs.StringVar(&c.LogFormat, "log", envOr(getenv, "CHANCERY_LOG", "text"), "log format: text or json (CHANCERY_LOG)")
	fs.BoolVar(&c.NoSeed, "no-seed", getenv("CHANCERY_NO_SEED") == "true", "do not load the default dataset into an empty database")
	fs.StringVar(&c.SMTP, "smtp", getenv("CHANCERY_SMTP"), "mail server, smtp://user:pass@host:587 or smtps://…:465; empty keeps mail in the outbox for staff (CHANCERY_SMTP)")
	fs.StringVar(&c.MailFrom, "mail-from", envOr(getenv, "CHANCERY_MAIL_FROM", "chancery <no-reply@localhost>"), "From address of outgoing mail (CHANCERY_MAIL_FROM)")
	fs.StringVar(&c.PublicURL, "public-url", getenv("CHANCERY_PUBLIC_URL"), "public address of the site for links in emails, e.g. https://consulate.example (CHANCERY_PUBLIC_URL)")
	if err := fs.Parse(args); err != nil {
		return c, fs, err
	}
	if c.SMTP != "" {
		if _, err := mail.ParseURL(c.SMTP); err != nil {
			return c, fs, fmt.Errorf("-smtp: %w", err)
		}
	}
	c.Cookies = web.CookieMode(*cookies)
	if c.Cookies != web.CookieAuto && c.Cookies != web.CookieAlways {
		return c, fs, fmt.Errorf("-cookies must be auto or always, not %q", *cookies)
	}
	if c.DB != "" && !strings.HasPrefix(c.DB, "postgres://") && !strings.HasPrefix(c.DB, "postgresql://") {
		return c, fs, errors.New("-db must be a postgres:// URL (leave it empty for the embedded SQLite database)")
	}
	return c, fs, nil
}
