// Package web serves chancery's public pages, staff pages and JSON API over
// HTTP. Handlers live one to a file, named for what they do.
package web

import (
	netmail "net/mail"
	_ "time/tzdata" // the missions' time zone, even where the system has no zoneinfo

	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/chancery-platform/chancery/applications"
	"github.com/chancery-platform/chancery/appointments"
	"github.com/chancery-platform/chancery/documents"
	"github.com/chancery-platform/chancery/outbox"
	"github.com/chancery-platform/chancery/registrations"
	"github.com/chancery-platform/chancery/scan"
	"github.com/chancery-platform/chancery/searches"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/web/api"
	"github.com/chancery-platform/chancery/web/desk"
	"github.com/chancery-platform/chancery/web/site"
	"github.com/chancery-platform/chancery/web/ui"
)

// CookieMode says when cookies carry the Secure flag.
type CookieMode = ui.CookieMode

// Cookie modes: see ui.CookieAuto and ui.CookieAlways.
const (
	CookieAuto   = ui.CookieAuto
	CookieAlways = ui.CookieAlways
)

// Config is what the server needs besides the database.
type Config = ui.Config

// Identity is how the public site presents itself (see ui.Identity).
type Identity = ui.Identity

// Localized is one of the identity's texts in the site's languages (see ui.Localized).
type Localized = ui.Localized

// MaxEmblemBytes bounds the size of the site's emblem image.
const MaxEmblemBytes = ui.MaxEmblemBytes

// Server is chancery's HTTP handler: the public site, the JSON API and
// the staff desk over the shared ui.Server.
type Server struct {
	*ui.Server
	handler http.Handler // mux wrapped in the middleware, built once
}

// DefaultPageCacheBytes is the page cache's size unless configured.
const DefaultPageCacheBytes = ui.DefaultPageCacheBytes

// MissionZone is the time zone of the missions in China, in which dates such
// as "today" are reckoned.
const MissionZone = ui.MissionZone

// New builds the server: it loads translations and checks every template
// at once, so a broken template stops start-up rather than a page view.
func New(db *store.DB, cfg Config) (*Server, error) {
	if _, err := time.LoadLocation(MissionZone); err != nil {
		return nil, err
	}
	base, err := ui.New(db, cfg)
	if err != nil {
		return nil, err
	}
	if base.Cfg.PublicURL == "" {
		base.Cfg.PublicURL = ui.DefaultPublicURL
	}
	s := &Server{Server: base}
	// The clock is read through db each time: tests move it after New.
	mail := outbox.NewWriter(s.Translate, ui.KnownLang, func() time.Time { return db.Now() })
	if from, err := netmail.ParseAddress(cfg.MailFrom); err == nil {
		mail.Organizer = from.Address
	}
	s.Appts = appointments.New(db, mail, s.Cfg.PublicURL)
	s.Appts.Metrics = cfg.Metrics
	s.Regs = registrations.New(db, mail, s.Appts)
	s.Apps = applications.New(db, mail, s.Appts)
	s.Docs = documents.New(db, s.Cfg.PublicURL, s.Translate, cfg.SealKey)
	s.Apps.OnDecision(s.Docs.DecisionHook)
	up := applications.Uploads{Limits: cfg.UploadLimits, Log: s.Log}
	if cfg.Clamd != "" {
		addr, err := scan.ParseAddress(cfg.Clamd)
		if err != nil {
			return nil, err
		}
		up.Scanner = scan.NewClient(addr)
	}
	s.Apps.SetUploads(up)
	s.Searches = searches.New(db, cfg.SearchesPerMinute)
	s.Searches.Metrics = cfg.Metrics
	site.New(base).Register()
	s.Handle("/healthz", ui.Methods{"GET": s.health})
	s.Handle("/readyz", ui.Methods{"GET": s.readiness})
	desk.New(base).Register()
	api.New(base).Register()
	s.handler = s.Handler()
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
		ErrorLog:          slog.NewLogLogger(s.Log.Handler(), slog.LevelWarn),
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
