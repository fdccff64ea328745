// Package ui is what the public site, the JSON API and the staff desk
// share: the middleware that reads each request (language, session,
// client address), rendering of pages and JSON, errors as statuses and
// translated messages, cookies, sessions and CSRF tokens, the page cache
// and the routes' table. Templates, static files and translations are
// embedded here.
package ui

import (
	"html/template"
	"log/slog"
	"net/http"
	"slices"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/chancery-platform/chancery/applications"
	"github.com/chancery-platform/chancery/appointments"
	"github.com/chancery-platform/chancery/documents"
	"github.com/chancery-platform/chancery/monitor"
	"github.com/chancery-platform/chancery/place"
	"github.com/chancery-platform/chancery/registrations"
	"github.com/chancery-platform/chancery/seal"
	"github.com/chancery-platform/chancery/searches"
	"github.com/chancery-platform/chancery/staff"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/uploads"
)

// CookieMode says when cookies carry the Secure flag.
type CookieMode string

// Cookie modes: "auto" marks cookies Secure whenever the request came over
// HTTPS (directly or, with TrustProxy, as the proxy reports); "always" marks
// them Secure everywhere.
const (
	CookieAuto   CookieMode = "auto"
	CookieAlways CookieMode = "always"
)

// DefaultPublicURL is the base of links in mail when Config names none:
// the default listen address, for tests and tools that send no mail
// (chancery serve always names one).
const DefaultPublicURL = "http://127.0.0.1:8080"

// Config is what the HTTP layer needs besides the database.
type Config struct {
	Cookies    CookieMode
	TrustProxy bool // take the client address and scheme from X-Forwarded-For/-Proto
	// PublicURL is the site's address, the one base of every link in mail,
	// e.g. https://consulate.example; "" is DefaultPublicURL. A request's
	// Host header never makes a link.
	PublicURL string
	// MailFrom is the From address of outgoing mail, such as "Consulate
	// <no-reply@consulate.example>"; calendar entries name its address as
	// their organiser. "" names the mission's email instead.
	MailFrom string
	Logger   *slog.Logger
	// Metrics counts requests, outcomes, rate-limit refusals, page cache
	// lookups and job runs; nil counts nothing.
	Metrics *monitor.Metrics
	// Ready says whether start-up is over; until it is, every request is
	// answered 503 "starting". nil is always ready.
	Ready *monitor.Readiness

	// PasswordHashes is how many passwords this process hashes at once
	// (see staff.Hashing); 0 is staff.DefaultHashes().
	PasswordHashes int

	// ImportProgressAfter is how long an import of the record runs before
	// its page starts to stream the progress: 0 for a second, negative for
	// at once.
	ImportProgressAfter time.Duration

	// PageCacheBytes bounds the page cache of public answers in bytes: 0
	// for DefaultPageCacheBytes, negative to cache nothing.
	PageCacheBytes int64

	// Sessions is how long staff sessions last: idle timeout and absolute
	// lifetime, zero for the defaults (30 minutes, 12 hours).
	Sessions staff.SessionPolicy

	// SearchesPerMinute is how many searches of the record a client
	// address may make a minute: 0 for searches.PerClient, negative for
	// no limit.
	SearchesPerMinute int

	// Identity is the site's name, emblem, colour and footer; the zero
	// Identity keeps the product's own.
	Identity Identity

	// SealKey is the key -seal-key configures for signing documents; nil
	// signs with the key kept in the database (store.DB.SealKey).
	SealKey *seal.Key
	// UploadLimits bound applicants' files (zero fields: the defaults of
	// uploads.DefaultLimits).
	UploadLimits uploads.Limits
	// Clamd is where clamd listens to scan uploaded files (scan.ParseAddress);
	// "" scans nothing, and files say they were not scanned.
	Clamd string
}

// Server is the part of the HTTP server every audience shares; each
// audience's handlers are methods of a type that embeds it.
type Server struct {
	DB        *store.DB
	Cfg       Config
	Log       *slog.Logger
	Mux       *http.ServeMux
	Countries map[string][]place.Country // the nationalities to choose from (place.Nationalities), sorted for each language
	// The workflows every audience calls: the pages, the API and the desk
	// alike.
	Appts *appointments.Appointments
	Regs  *registrations.Registrations
	Apps  *applications.Applications
	Docs  *documents.Documents // decided cases' documents: verify, print, revoke
	// Searches is the search of the record, rate limited per client.
	Searches *searches.Searches

	bundle     *i18n.Bundle
	localizers map[string]*i18n.Localizer // one per language, read-only after New
	pages      map[string]*template.Template
	assets     assets
	cache      pageCache // rendered public answers, keyed by data revision, bounded in bytes
	routeList  []string  // "METHOD pattern" of every route, in the order registered
	// paths holds each route's path without its method, so that the most
	// specific path a request names is found whatever its method; allow
	// lists the methods each of those paths is served with.
	paths   *http.ServeMux
	allow   map[string][]string
	origins *http.CrossOriginProtection
	hashing *staff.Hashing // this process's password-hashing slots
}

// New loads translations, static files and templates, checking every
// template at once, so a broken template stops start-up rather than a
// page view.
func New(db *store.DB, cfg Config) (*Server, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Cookies == "" {
		cfg.Cookies = CookieAuto
	}
	s := &Server{DB: db, Cfg: cfg, Log: cfg.Logger, Mux: http.NewServeMux(), paths: http.NewServeMux(),
		allow: map[string][]string{}, origins: http.NewCrossOriginProtection()}
	s.cache.max = cfg.PageCacheBytes
	if s.cache.max == 0 {
		s.cache.max = DefaultPageCacheBytes
	}
	if cfg.PasswordHashes == 0 {
		cfg.PasswordHashes = staff.DefaultHashes()
	}
	s.hashing = staff.NewHashing(cfg.PasswordHashes, staff.HashWait, db.PasswordCost)
	var err error
	if s.bundle, err = loadBundle(); err != nil {
		return nil, err
	}
	s.localizers = map[string]*i18n.Localizer{}
	s.Countries = map[string][]place.Country{}
	for _, l := range Languages {
		s.localizers[l.Code] = i18n.NewLocalizer(s.bundle, l.Code, "en")
		s.Countries[l.Code] = place.Nationalities(l.Tag)
	}
	if s.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	s.assets.addIdentity(cfg.Identity)
	if s.pages, err = s.parseTemplates(); err != nil {
		return nil, err
	}
	return s, nil
}

// Handler is the mux wrapped in the middleware chain: recovery from
// panics, security headers, then what a request carries (language,
// session, client address, body limit), then the 400 of a NUL byte or
// invalid UTF-8 in the path, query or form, then the 405 of a wrong method.
func (s *Server) Handler() http.Handler {
	// The access log outside everything, so it sees the recoverer's 500
	// and the answers given while starting; the starting gate before
	// withRequest, which reads sessions from the database; RoutePattern
	// next to the mux, which alone knows the pattern that matched.
	return monitor.AccessLog(Compress(monitor.UntilReady(s.recoverer(s.secureHeaders(s.withRequest(s.rejectUnreadable(s.allowMethods(monitor.RoutePattern(s.Mux)))))), s.Cfg.Ready)), s.Log, s.Cfg.Metrics)
}

// Routes lists every route registered with its methods as "METHOD
// pattern" (HEAD, which follows GET, and the not-found fallbacks left
// out), so tests can check that each staff route has its place in the
// role matrix and each API route in the OpenAPI document.
func (s *Server) Routes() []string { return slices.Clone(s.routeList) }
