package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/dataset"
	"github.com/chancery-platform/chancery/jobs"
	"github.com/chancery-platform/chancery/mail"
	"github.com/chancery-platform/chancery/monitor"
	"github.com/chancery-platform/chancery/staff"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/web"
)

// App is a running chancery server. Tests start one on port 0.
type App struct {
	Config   Config
	DB       *store.DB
	Listener net.Listener
	// MetricsListener serves the metrics when Config.MetricsAddr is set.
	MetricsListener net.Listener
	// Metrics counts what the server does; nil without a metrics address.
	Metrics *monitor.Metrics
	// Ready turns ready once Prepare and Start are both done; until then
	// every request is answered 503 "starting".
	Ready *monitor.Readiness

	prepared   bool   // Prepare is done
	background func() // starts the background work; set by Start

	log         *slog.Logger
	out         io.Writer
	cancel      context.CancelFunc
	done        chan error
	metricsDone chan error
	jobs        *jobs.Runner // the background work, stopped before the database closes
	closed      sync.Once
	closeErr    error
}

// OpenApp opens the configured database and does nothing more, so that
// Start can listen and answer "starting" while Prepare migrates and seeds.
func OpenApp(ctx context.Context, cfg Config, out io.Writer, log *slog.Logger) (*App, error) {
	a := &App{Config: cfg, log: log, out: out, done: make(chan error, 1), metricsDone: make(chan error, 1), Ready: &monitor.Readiness{}}
	db, err := cfg.open(ctx)
	if err != nil {
		return nil, err
	}
	a.DB = db
	if err := a.useDataKey(); err != nil {
		db.Close()
		return nil, err
	}
	return a, nil
}

// dataKeyFile is where the embedded SQLite database's data key is kept,
// beside the database, when -data-key does not give one.
const dataKeyFile = "chancery.key"

// useDataKey gives the database the key that encrypts uploaded files:
// -data-key; or with SQLite the key in dataKeyFile, made on first start
// (and logged: it must be backed up with the database). PostgreSQL is
// shared by several instances, which must all hold one key: without
// -data-key the server does not start.
func (a *App) useDataKey() error {
	raw := a.Config.DataKey
	if raw == "" {
		if a.DB.Dialect == store.Postgres {
			return errors.New("-data-key (CHANCERY_DATA_KEY) is required with PostgreSQL: it encrypts uploaded files, and every instance must hold the same key; make one with: openssl rand -base64 32")
		}
		path := filepath.Join(filepath.Dir(a.Config.DSN()), dataKeyFile)
		b, err := os.ReadFile(path)
		switch {
		case err == nil:
			raw = strings.TrimSpace(string(b))
		case errors.Is(err, fs.ErrNotExist):
			raw = store.NewDataKey()
			if err := writeNewFile(path, raw+"\n"); err != nil {
				return fmt.Errorf("data key: %w", err)
			}
			a.log.Warn("made the key that encrypts uploaded files; back it up with the database, whose files cannot be read without it", "file", path)
		default:
			return fmt.Errorf("data key: %w", err)
		}
	}
	key, err := store.ParseDataKey(raw)
	if err != nil {
		return fmt.Errorf("-data-key: %w", err)
	}
	return a.DB.SetDataKey(key)
}

// writeNewFile writes a file that must not exist yet, readable by its
// owner only.
func writeNewFile(path, content string) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(content); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Prepare migrates the database and, on an empty one, loads the default
// dataset and creates the first admin. Once it and Start are both done,
// the background work starts and the app is ready.
func (a *App) Prepare(ctx context.Context) error {
	if err := a.DB.Migrate(ctx); err != nil {
		return err
	}
	if err := a.firstStart(ctx); err != nil {
		return err
	}
	a.prepared = true
	a.begin()
	return nil
}

// begin starts the background work and marks the app ready, once the
// database is prepared and the server is listening, whichever is last.
func (a *App) begin() {
	if !a.prepared || a.background == nil {
		return
	}
	a.background()
	a.Ready.Ready()
	a.log.Info("chancery is ready", "url", a.URL(), "database", a.DB.Dialect)
}

// firstStart seeds an empty database. Two instances starting together on
// one PostgreSQL may race here; the loser's writes fail on the unique
// constraints and it finds the winner's data on the retry.
func (a *App) firstStart(ctx context.Context) error {
	var err error
	for try := 0; try < 3; try++ {
		if err = a.seed(ctx); err == nil {
			return nil
		}
		time.Sleep(200 * time.Millisecond)
	}
	return err
}

func (a *App) seed(ctx context.Context) error {
	if !a.Config.NoSeed {
		ms, err := a.DB.Missions(ctx)
		if err != nil {
			return err
		}
		if len(ms) == 0 {
			ds, err := dataset.Default()
			if err != nil {
				return fmt.Errorf("default dataset: %w", err)
			}
			rep, err := a.DB.Import(ctx, store.Actor{Name: "first start"}, ds, dataset.DefaultBytes())
			if err != nil {
				return err
			}
			a.log.Info("loaded the default dataset", "report", rep.String())
		}
		have, err := a.DB.Schedules(ctx)
		if err != nil {
			return err
		}
		if len(have) == 0 {
			n, err := a.DB.ImportSchedules(ctx, store.Actor{Name: "first start"}, calendar.DefaultSchedules())
			if err != nil {
				return err
			}
			a.log.Info("loaded the official holiday schedules", "schedules", n)
		}
	}
	n, err := a.DB.CountUsers(ctx)
	if err != nil || n > 0 {
		return err
	}
	pw := staff.RandomPassword()
	// Printed to the console, the password must be changed at first sign-in.
	_, err = a.DB.CreateUserTemporary(ctx, store.Actor{Name: "first start"}, "admin", pw, staff.Admin)
	if chancery.ErrorCode(err) == chancery.ECONFLICT {
		return nil
	} else if err != nil {
		return err
	}
	fmt.Fprintf(a.out, "\nFirst start: created the staff account \"admin\" with the password\n\n    %s\n\nIt is shown only this once. Sign in at /staff/login, where you will be asked to choose your own.\n\n", pw)
	return nil
}

// Start listens on the configured address (and the metrics address, if
// any) and serves in the background: "starting" until Prepare is done.
func (a *App) Start(ctx context.Context) error {
	if err := a.watch(); err != nil {
		return err
	}
	l, err := net.Listen("tcp", a.Config.Addr)
	if err != nil {
		return err
	}
	a.Listener = l
	srv, err := web.New(a.DB, web.Config{Cookies: a.Config.Cookies, TrustProxy: a.Config.TrustProxy, Logger: a.log,
		PublicURL: a.PublicURL(), MailFrom: a.Config.MailFrom, Metrics: a.Metrics, Ready: a.Ready, PageCacheBytes: a.Config.pageCacheBytes(), Sessions: a.Config.Sessions,
		PasswordHashes: a.Config.PasswordHashes, Identity: a.Config.Identity, UploadLimits: a.Config.uploadLimits(), Clamd: a.Config.Clamd})
	if err != nil {
		l.Close()
		return err
	}
	if err := a.Metrics.WatchPageCache(srv.PageCacheSize); err != nil {
		l.Close()
		return err
	}
	if a.Config.PublicURL == "" {
		a.log.Warn("no -public-url: links in mail use the listen address; set -public-url to the site's public address", "url", a.PublicURL())
	}
	var smtp *mail.SMTP
	if a.Config.SMTP != "" {
		conf, err := mail.ParseURL(a.Config.SMTP)
		if err != nil {
			l.Close()
			return err
		}
		smtp = &conf
	}
	a.jobs = srv.Jobs(smtp, a.Config.MailFrom)
	if a.Config.MetricsAddr != "" {
		if a.MetricsListener, err = net.Listen("tcp", a.Config.MetricsAddr); err != nil {
			l.Close()
			return fmt.Errorf("metrics: %w", err)
		}
	}
	sctx, cancel := context.WithCancel(ctx)
	a.cancel = cancel
	go func() { a.done <- srv.Serve(sctx, l) }()
	if a.MetricsListener != nil {
		go func() { a.metricsDone <- monitor.ServeMetrics(sctx, a.MetricsListener, a.Metrics, a.log) }()
		a.log.Info("metrics are served", "url", "http://"+a.MetricsListener.Addr().String()+"/metrics")
	} else {
		a.metricsDone <- nil
	}
	a.log.Info("chancery is listening", "url", a.URL())
	a.background = func() { a.jobs.Start(sctx) }
	a.begin()
	return nil
}

// watch makes the metrics when there is an address to serve them on: the
// server's own, the database pools' use and the outbox backlog.
func (a *App) watch() error {
	if a.Config.MetricsAddr == "" || a.Metrics != nil {
		return nil
	}
	m, err := monitor.NewMetrics(prometheus.NewRegistry())
	if err != nil {
		return err
	}
	if err := errors.Join(m.WatchPools(a.DB.Pools()), m.WatchOutbox(a.DB, a.DB.Now)); err != nil {
		return err
	}
	a.Metrics = m
	return nil
}

// URL is the base URL the app serves on.
func (a *App) URL() string { return "http://" + a.Listener.Addr().String() }

// PublicURL is the base of every link in mail: -public-url, or without
// it (allowed only when no mail is sent, see Config.check) the address
// the app listens on.
func (a *App) PublicURL() string {
	if a.Config.PublicURL != "" {
		return a.Config.PublicURL
	}
	return a.URL()
}

// Close stops the server and closes the database. Calling it again does
// nothing more and returns the first call's result.
func (a *App) Close() error {
	a.closed.Do(func() {
		if a.cancel != nil {
			a.cancel()
			a.closeErr = errors.Join(<-a.done, <-a.metricsDone)
			// The jobs write to the database: they stop before it closes.
			a.jobs.Wait()
		}
		if err := a.DB.Close(); a.closeErr == nil {
			a.closeErr = err
		}
	})
	return a.closeErr
}
