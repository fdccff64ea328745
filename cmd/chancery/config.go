package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	netmail "net/mail"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/chancery-platform/chancery/mail"
	"github.com/chancery-platform/chancery/scan"
	"github.com/chancery-platform/chancery/staff"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/uploads"
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
	PublicURL  string // the site's public address, for links in emails; "" = the listen address (refused with SMTP)
	DBPool     int    // the most connections the PostgreSQL pool opens
	// PageCacheMiB bounds the page cache of public answers, in MiB; 0 (a
	// Config not read from flags) is the default.
	PageCacheMiB int
	// PasswordHashes is how many passwords this process hashes at once;
	// each argon2id hash holds 64 MiB while it runs.
	PasswordHashes int
	// MetricsAddr is where the Prometheus metrics are served at /metrics,
	// apart from the site; "" serves none.
	MetricsAddr string
	// Sessions is how long a staff session lasts without a request (Idle)
	// and at most after sign-in (Lifetime).
	Sessions staff.SessionPolicy
	// Identity is the public site's name, emblem, colour and footer;
	// EmblemFile is the image file the emblem was read from.
	Identity   web.Identity
	EmblemFile string
	// Clamd is where clamd listens to scan uploaded files,
	// tcp://host:port or unix:///path; "" scans nothing.
	Clamd string
	// DataKey encrypts uploaded files at rest: 32 bytes in base64. Empty:
	// SQLite makes one in a file beside its database (dataKeyFile);
	// PostgreSQL, shared by several instances, refuses to start.
	DataKey string
	// UploadFileMiB and UploadCaseMiB bound an uploaded file and a case's
	// files together, in MiB.
	UploadFileMiB, UploadCaseMiB int
}

// open opens the configured database with the configured pool size.
func (c Config) open(ctx context.Context) (*store.DB, error) {
	return store.OpenWith(ctx, c.DSN(), store.Options{Pool: c.DBPool})
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
	trust, trustErr := envParsed(getenv, "CHANCERY_TRUST_PROXY", false, strconv.ParseBool, "true or false")
	fs.BoolVar(&c.TrustProxy, "trust-proxy", trust, "trust X-Forwarded-For/-Proto from a reverse proxy (CHANCERY_TRUST_PROXY)")
	fs.StringVar(&c.LogFormat, "log", envOr(getenv, "CHANCERY_LOG", "text"), "log format: text or json (CHANCERY_LOG)")
	noSeed, noSeedErr := envParsed(getenv, "CHANCERY_NO_SEED", false, strconv.ParseBool, "true or false")
	fs.BoolVar(&c.NoSeed, "no-seed", noSeed, "do not load the default dataset into an empty database (CHANCERY_NO_SEED)")
	fs.StringVar(&c.SMTP, "smtp", getenv("CHANCERY_SMTP"), "mail server, smtp://user:pass@host:587 or smtps://…:465; empty keeps mail in the outbox for staff (CHANCERY_SMTP)")
	fs.StringVar(&c.MailFrom, "mail-from", envOr(getenv, "CHANCERY_MAIL_FROM", "chancery <no-reply@localhost>"), "From address of outgoing mail (CHANCERY_MAIL_FROM)")
	fs.StringVar(&c.PublicURL, "public-url", getenv("CHANCERY_PUBLIC_URL"), "public address of the site for links in emails, e.g. https://consulate.example (CHANCERY_PUBLIC_URL)")
	fs.StringVar(&c.Clamd, "clamd", getenv("CHANCERY_CLAMD"), "clamd's address for virus scanning of uploads, tcp://host:port or unix:///run/clamav/clamd.ctl; empty scans nothing (CHANCERY_CLAMD)")
	fs.StringVar(&c.DataKey, "data-key", getenv("CHANCERY_DATA_KEY"), "key encrypting uploaded files at rest, 32 bytes in base64 (openssl rand -base64 32); empty: SQLite keeps one in chancery.key beside its database, PostgreSQL refuses to start (CHANCERY_DATA_KEY)")
	fileMiB, fileErr := envParsed(getenv, "CHANCERY_UPLOAD_FILE_MIB", int(uploads.DefaultLimits().FileBytes>>20), strconv.Atoi, "a whole number")
	fs.IntVar(&c.UploadFileMiB, "upload-file-mib", fileMiB, "most an uploaded file may weigh, in MiB (CHANCERY_UPLOAD_FILE_MIB)")
	caseMiB, caseErr := envParsed(getenv, "CHANCERY_UPLOAD_CASE_MIB", int(uploads.DefaultLimits().CaseBytes>>20), strconv.Atoi, "a whole number")
	fs.IntVar(&c.UploadCaseMiB, "upload-case-mib", caseMiB, "most one application's files may weigh together, in MiB (CHANCERY_UPLOAD_CASE_MIB)")
	fs.StringVar(&c.MetricsAddr, "metrics-addr", getenv("CHANCERY_METRICS_ADDR"), "listen address of the Prometheus metrics at /metrics, e.g. 127.0.0.1:9090; empty serves none (CHANCERY_METRICS_ADDR)")
	pool, poolErr := envParsed(getenv, "CHANCERY_DB_POOL", store.DefaultPool, strconv.Atoi, "a whole number")
	fs.IntVar(&c.DBPool, "db-pool", pool, "most connections open to PostgreSQL at once; SQLite ignores it (CHANCERY_DB_POOL)")
	cacheMiB, cacheErr := envParsed(getenv, "CHANCERY_PAGE_CACHE_MIB", web.DefaultPageCacheBytes>>20, strconv.Atoi, "a whole number")
	fs.IntVar(&c.PageCacheMiB, "page-cache-mib", cacheMiB, "most memory, in MiB, the cache of public pages holds (CHANCERY_PAGE_CACHE_MIB)")
	idle, idleErr := envParsed(getenv, "CHANCERY_SESSION_IDLE", staff.DefaultSessionIdle, time.ParseDuration, "a duration such as 30m")
	fs.DurationVar(&c.Sessions.Idle, "session-idle", idle, "a staff session ends after this long without a request (CHANCERY_SESSION_IDLE)")
	life, lifeErr := envParsed(getenv, "CHANCERY_SESSION_LIFETIME", staff.DefaultSessionLifetime, time.ParseDuration, "a duration such as 12h")
	fs.DurationVar(&c.Sessions.Lifetime, "session-lifetime", life, "a staff session ends this long after sign-in, in use or not (CHANCERY_SESSION_LIFETIME)")
	hashes, hashesErr := envParsed(getenv, "CHANCERY_PASSWORD_HASHES", staff.DefaultHashes(), strconv.Atoi, "a whole number")
	fs.IntVar(&c.PasswordHashes, "password-hashes", hashes, "most passwords hashed at once by this process, 64 MiB each; more sign-ins at once wait briefly, then get 503 (CHANCERY_PASSWORD_HASHES)")
	fs.StringVar(&c.EmblemFile, "site-emblem", getenv("CHANCERY_SITE_EMBLEM"), "image file (.svg, .png, .jpg, .webp; at most 512 KiB) shown beside the site's name; empty shows none (CHANCERY_SITE_EMBLEM)")
	fs.StringVar(&c.Identity.Primary, "site-colour", getenv("CHANCERY_SITE_COLOUR"), "colour of links and accents, #rrggbb with at least 4.5:1 contrast on white; empty keeps the default (CHANCERY_SITE_COLOUR)")
	c.Identity.Name, c.Identity.ShortName, c.Identity.Footer = siteText(getenv, "CHANCERY_SITE_NAME"), siteText(getenv, "CHANCERY_SITE_SHORT_NAME"), siteText(getenv, "CHANCERY_SITE_FOOTER")
	fs.Var(c.Identity.Name, "site-name", "the site's name in the header and page titles, e.g. the consulate's; repeat as zh=… ru=… be=… en=… for a language's own; empty keeps \"chancery · Belarus in China\" (CHANCERY_SITE_NAME, CHANCERY_SITE_NAME_ZH …)")
	fs.Var(c.Identity.ShortName, "site-short-name", "a shorter name shown on narrow screens, per language as -site-name; empty uses -site-name (CHANCERY_SITE_SHORT_NAME, CHANCERY_SITE_SHORT_NAME_ZH …)")
	fs.Var(c.Identity.Footer, "site-footer", "a line at the top of every page's footer, e.g. the mission's legal name, per language as -site-name; empty shows none (CHANCERY_SITE_FOOTER, CHANCERY_SITE_FOOTER_ZH …)")
	if err := fs.Parse(args); err != nil {
		return c, fs, err
	}
	c.Cookies = web.CookieMode(*cookies)
	emblemErr := c.readEmblem()
	if err := errors.Join(trustErr, noSeedErr, poolErr, cacheErr, idleErr, lifeErr, hashesErr, fileErr, caseErr, emblemErr, c.check()); err != nil {
		return c, fs, err
	}
	return c, fs, nil
}

// check tells what is wrong with the configuration, every fault at once,
// so a server with a mistyped flag stops at start rather than on the first
// request that needs it.
func (c Config) check() error {
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if err := checkAddr(c.Addr); err != nil {
		fail("-addr: %w", err)
	}
	if c.MetricsAddr != "" {
		if err := checkAddr(c.MetricsAddr); err != nil {
			fail("-metrics-addr: %w", err)
		} else if c.MetricsAddr == c.Addr && !strings.HasSuffix(c.Addr, ":0") {
			fail("-metrics-addr must differ from -addr: the metrics are not for the public")
		}
	}
	if c.Clamd != "" {
		if _, err := scan.ParseAddress(c.Clamd); err != nil {
			fail("-clamd: %w", err)
		}
	}
	if c.DataKey != "" {
		if _, err := store.ParseDataKey(c.DataKey); err != nil {
			fail("-data-key: %w", err)
		}
	}
	if c.UploadFileMiB < 1 || c.UploadFileMiB > maxUploadMiB {
		fail("-upload-file-mib must be between 1 and %d, not %d", maxUploadMiB, c.UploadFileMiB)
	}
	if c.UploadCaseMiB < c.UploadFileMiB || c.UploadCaseMiB > 10*maxUploadMiB {
		fail("-upload-case-mib must be between -upload-file-mib (%d) and %d, not %d", c.UploadFileMiB, 10*maxUploadMiB, c.UploadCaseMiB)
	}
	if c.DB == "" && c.Data == "" {
		fail("-data must name a folder for the SQLite database (or -db a PostgreSQL URL)")
	}
	if c.DB != "" {
		if err := checkPostgresURL(c.DB); err != nil {
			fail("-db: %w", err)
		}
	}
	if c.DBPool < 1 || c.DBPool > maxPool {
		fail("-db-pool must be between 1 and %d, not %d", maxPool, c.DBPool)
	}
	if c.PageCacheMiB < 1 || c.PageCacheMiB > maxPageCacheMiB {
		fail("-page-cache-mib must be between 1 and %d, not %d", maxPageCacheMiB, c.PageCacheMiB)
	}
	if err := checkSessions(c.Sessions); err != nil {
		fail("%w", err)
	}
	if c.PasswordHashes < 1 || c.PasswordHashes > staff.MaxHashes {
		fail("-password-hashes must be between 1 and %d, not %d", staff.MaxHashes, c.PasswordHashes)
	}
	if c.Cookies != web.CookieAuto && c.Cookies != web.CookieAlways {
		fail("-cookies must be auto or always, not %q", c.Cookies)
	}
	for _, f := range c.Identity.Check() {
		fail("%s", f)
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		fail("-log must be text or json, not %q", c.LogFormat)
	}
	if c.SMTP != "" {
		if _, err := mail.ParseURL(c.SMTP); err != nil {
			fail("-smtp: %w", err)
		}
	}
	if _, err := netmail.ParseAddress(c.MailFrom); err != nil {
		fail("-mail-from must be an address such as \"Consulate <no-reply@consulate.example>\", not %q", c.MailFrom)
	}
	if c.PublicURL != "" {
		if err := checkPublicURL(c.PublicURL); err != nil {
			fail("-public-url: %w", err)
		}
	} else if c.SMTP != "" {
		// Without it the links in mail would point at the listen address,
		// which applicants cannot reach; a request's Host header, which
		// anyone can set, never makes them.
		fail("-smtp needs -public-url, the site's public address (https://consulate.example) that links in mail start with")
	}
	return errors.Join(errs...)
}

// siteText is a site text's value from the environment: name for every
// language, name_ZH and the like for one.
func siteText(getenv func(string) string, name string) web.Localized {
	t := web.Localized{}
	if v := getenv(name); v != "" {
		t[""] = v
	}
	for _, l := range web.Languages {
		if v := getenv(name + "_" + strings.ToUpper(l.Code)); v != "" {
			t[l.Code] = v
		}
	}
	return t
}

// readEmblem reads the emblem image named by -site-emblem, if any, so that a
// missing or oversized file stops the server at start.
func (c *Config) readEmblem() error {
	if c.EmblemFile == "" {
		return nil
	}
	f, err := os.Open(c.EmblemFile)
	if err != nil {
		return fmt.Errorf("-site-emblem: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, web.MaxEmblemBytes+1))
	if err != nil {
		return fmt.Errorf("-site-emblem: %w", err)
	}
	c.Identity.Emblem, c.Identity.EmblemName = b, filepath.Base(c.EmblemFile)
	return nil
}

// Bounds of the session timeouts: an idle timeout shorter than the
// interval at which last-seen is written could not be judged, and a
// session that outlives a month is no longer a sign-in.
const (
	minSessionIdle     = 2 * staff.SessionTouchEvery
	maxSessionLifetime = 30 * 24 * time.Hour
)

// checkSessions accepts session timeouts from two minutes to a month, the
// idle timeout no longer than the lifetime.
func checkSessions(p staff.SessionPolicy) error {
	switch {
	case p.Idle < minSessionIdle:
		return fmt.Errorf("-session-idle must be at least %v, not %v", minSessionIdle, p.Idle)
	case p.Lifetime > maxSessionLifetime:
		return fmt.Errorf("-session-lifetime must be at most %v, not %v", maxSessionLifetime, p.Lifetime)
	case p.Idle > p.Lifetime:
		return fmt.Errorf("-session-idle (%v) must not be longer than -session-lifetime (%v)", p.Idle, p.Lifetime)
	}
	return nil
}

// maxUploadMiB bounds -upload-file-mib: a file is held in memory while
// it is checked.
const maxUploadMiB = 100

// uploadLimits are the upload limits the flags set.
func (c Config) uploadLimits() uploads.Limits {
	return uploads.Limits{FileBytes: int64(c.UploadFileMiB) << 20, CaseBytes: int64(c.UploadCaseMiB) << 20}
}

// maxPool bounds -db-pool: PostgreSQL's own default limit is 100
// connections for every client together.
const maxPool = 1000

// maxPageCacheMiB bounds -page-cache-mib: beyond a few GiB a mistyped
// number rather than a wish.
const maxPageCacheMiB = 4096

// pageCacheBytes is the page cache's bound as web.Config takes it (0 for
// its default).
func (c Config) pageCacheBytes() int64 { return int64(c.PageCacheMiB) << 20 }

// checkAddr accepts a listen address, host:port with a numeric port; the
// host may be left out to listen on every interface.
func checkAddr(addr string) error {
	_, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("%q is not host:port", addr)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("%q has no port number from 0 to 65535", addr)
	}
	return nil
}

// checkPostgresURL accepts a postgres:// or postgresql:// URL. Its errors
// never quote the URL, which may hold a password.
func checkPostgresURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return errors.New("malformed URL")
	}
	if u.Scheme != "postgres" && u.Scheme != "postgresql" {
		return errors.New("must be a postgres:// URL (leave it empty for the embedded SQLite database)")
	}
	if u.Port() != "" {
		if err := checkAddr(u.Host); err != nil {
			return errors.New("malformed port")
		}
	}
	return nil
}

// checkPublicURL accepts the site's address: http or https, a host, and
// nothing after the path, since links are made by appending to it.
func checkPublicURL(raw string) error {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return fmt.Errorf("%q is not a URL", raw)
	case u.Scheme != "https" && u.Scheme != "http":
		return fmt.Errorf("%q must start with https:// (or http://)", raw)
	case u.Host == "":
		return fmt.Errorf("%q has no host", raw)
	case u.User != nil || u.RawQuery != "" || u.Fragment != "":
		return fmt.Errorf("%q must have no user, query or fragment", raw)
	}
	return nil
}

// envParsed is the value of the environment variable key as parse reads
// it, or def when it is not set. A value parse refuses is an error that
// says what it must be, rather than a quiet default.
func envParsed[T any](getenv func(string) string, key string, def T, parse func(string) (T, error), must string) (T, error) {
	v := getenv(key)
	if v == "" {
		return def, nil
	}
	x, err := parse(v)
	if err != nil {
		return def, fmt.Errorf("%s must be %s, not %q", key, must, v)
	}
	return x, nil
}
