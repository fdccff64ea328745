// Package web serves chancery's public pages, staff pages and JSON API over
// HTTP. Handlers live one to a file, named for what they do.
package web

import (
	"slices"
	_ "time/tzdata" // the missions' time zone, even where the system has no zoneinfo

	"context"
	"errors"
	"html/template"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/chancery-platform/chancery/appointments"
	"github.com/chancery-platform/chancery/outbox"
	"github.com/chancery-platform/chancery/place"
	"github.com/chancery-platform/chancery/registrations"
	"github.com/chancery-platform/chancery/store"
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

// Config is what the server needs besides the database.
type Config struct {
	Cookies    CookieMode
	TrustProxy bool   // take the client address and scheme from X-Forwarded-For/-Proto
	PublicURL  string // the site's address for links in emails, e.g. https://consulate.example; "" = the request's
	Logger     *slog.Logger

	// ImportProgressAfter is how long an import of the record runs before
	// its page starts to stream the progress: 0 for a second, negative for
	// at once.
	ImportProgressAfter time.Duration
}

// Server is chancery's HTTP handler.
type Server struct {
	db     *store.DB
	cfg    Config
	log    *slog.Logger
	bundle *i18n.Bundle
	pages  map[string]*template.Template
	assets assets
	mux    *http.ServeMux

	handler    http.Handler               // mux wrapped in the middleware, built once
	localizers map[string]*i18n.Localizer // one per language, read-only after New
	countries  map[string][]place.Country // the country list sorted for each language
	cache      pageCache                  // rendered public answers, keyed by data revision
	routeList  []string                   // "METHOD pattern" of every route, in the order registered

	// The workflows every audience calls: the pages, the API, the desk
	// and the background jobs.
	mail  *outbox.Writer
	appts *appointments.Appointments
	regs  *registrations.Registrations
}

// Routes lists every route registered with its methods as "METHOD
// pattern" (HEAD, which follows GET, and the not-found fallbacks left
// out), so tests can check that each staff route has its place in the
// role matrix and each API route in the OpenAPI document.
func (s *Server) Routes() []string { return slices.Clone(s.routeList) }

// MissionZone is the time zone of the missions in China, in which dates such
// as "today" are reckoned.
const MissionZone = "Asia/Shanghai"

// New builds the server: it loads translations and checks every template
// at once, so a broken template stops start-up rather than a page view.
func New(db *store.DB, cfg Config) (*Server, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	if cfg.Cookies == "" {
		cfg.Cookies = CookieAuto
	}
	s := &Server{db: db, cfg: cfg, log: cfg.Logger, mux: http.NewServeMux()}
	var err error
	if s.bundle, err = loadBundle(); err != nil {
		return nil, err
	}
	if _, err = time.LoadLocation(MissionZone); err != nil {
		return nil, err
	}
	s.localizers = map[string]*i18n.Localizer{}
	s.countries = map[string][]place.Country{}
	for _, l := range Languages {
		s.localizers[l.Code] = i18n.NewLocalizer(s.bundle, l.Code, "en")
		s.countries[l.Code] = place.Countries(l.Tag)
	}
	if s.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	if s.pages, err = s.parseTemplates(); err != nil {
		return nil, err
	}
	// The clock is read through db each time: tests move it after New.
	s.mail = outbox.NewWriter(s.translate, knownLang, func() time.Time { return db.Now() })
	s.appts = appointments.New(db, s.mail, cfg.PublicURL)
	s.regs = registrations.New(db, s.mail, s.appts)
	s.routes()
	s.handler = s.recoverer(s.secureHeaders(s.withRequest(s.mux)))
	return s, nil
}

// ServeHTTP answers a request through the middleware chain.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.handler.ServeHTTP(w, r)
}

// Serve runs an http.Server on l until ctx ends, then shuts down gracefully.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(l) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		err := hs.Shutdown(sctx)
		if e := <-done; !errors.Is(e, http.ErrServerClosed) {
			err = errors.Join(err, e)
		}
		return err
	}
}
