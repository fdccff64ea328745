package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"sync"
	"time"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/dataset"
	"github.com/chancery-platform/chancery/jobs"
	"github.com/chancery-platform/chancery/mail"
	"github.com/chancery-platform/chancery/staff"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/web"
)

// App is a running chancery server. Tests start one on port 0.
type App struct {
	Config   Config
	DB       *store.DB
	Listener net.Listener
	log      *slog.Logger
	out      io.Writer
	cancel   context.CancelFunc
	done     chan error
	jobs     *jobs.Runner // the background work, stopped before the database closes
	closed   sync.Once
	closeErr error
}

// NewApp prepares an app: it opens and migrates the database and, on an
// empty one, loads the default dataset and creates the first admin.
func NewApp(ctx context.Context, cfg Config, out io.Writer, log *slog.Logger) (*App, error) {
	a := &App{Config: cfg, log: log, out: out, done: make(chan error, 1)}
	db, err := store.Open(ctx, cfg.DSN())
	if err != nil {
		return nil, err
	}
	a.DB = db
	if err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	if err := a.firstStart(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return a, nil
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
	_, err = a.DB.CreateUser(ctx, store.Actor{Name: "first start"}, "admin", pw, staff.Admin)
	if chancery.ErrorCode(err) == chancery.ECONFLICT {
		return nil
	} else if err != nil {
		return err
	}
	fmt.Fprintf(a.out, "\nFirst start: created the staff account \"admin\" with the password\n\n    %s\n\nIt is shown only this once. Sign in at /staff/login and keep it safe.\n\n", pw)
	return nil
}

// Start listens on the configured address and serves in the background.
func (a *App) Start(ctx context.Context) error {
	srv, err := web.New(a.DB, web.Config{Cookies: a.Config.Cookies, TrustProxy: a.Config.TrustProxy, Logger: a.log,
		PublicURL: a.Config.PublicURL})
	if err != nil {
		return err
	}
	var smtp *mail.SMTP
	if a.Config.SMTP != "" {
		conf, err := mail.ParseURL(a.Config.SMTP)
		if err != nil {
			return err
		}
		smtp = &conf
	}
	a.jobs = srv.Jobs(smtp, a.Config.MailFrom)
	l, err := net.Listen("tcp", a.Config.Addr)
	if err != nil {
		return err
	}
	a.Listener = l
	sctx, cancel := context.WithCancel(ctx)
	a.cancel = cancel
	a.jobs.Start(sctx)
	go func() { a.done <- srv.Serve(sctx, l) }()
	a.log.Info("chancery is serving", "url", "http://"+l.Addr().String(), "database", a.DB.Dialect)
	return nil
}

// URL is the base URL the app serves on.
func (a *App) URL() string { return "http://" + a.Listener.Addr().String() }

// Wait blocks until the server stops.
func (a *App) Wait() error { return <-a.done }

// Close stops the server and closes the database. Calling it again does
// nothing more and returns the first call's result.
func (a *App) Close() error {
	a.closed.Do(func() {
		if a.cancel != nil {
			a.cancel()
			a.closeErr = <-a.done
			// The jobs write to the database: they stop before it closes.
			a.jobs.Wait()
		}
		if err := a.DB.Close(); a.closeErr == nil {
			a.closeErr = err
		}
	})
	return a.closeErr
}
