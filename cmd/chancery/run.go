package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/chancery-platform/chancery/calendar"
	"github.com/chancery-platform/chancery/cooperation"
	"github.com/chancery-platform/chancery/dataset"
	"github.com/chancery-platform/chancery/monitor"
	"github.com/chancery-platform/chancery/staff"
	"github.com/chancery-platform/chancery/store"
	"github.com/chancery-platform/chancery/web"
)

const usage = `chancery runs a diplomatic mission's public portal, API and staff desk.

Usage:
  chancery [serve] [flags]                 start the web server (the default)
  chancery migrate [flags]                 apply database migrations and exit
  chancery import [flags] FILE             import a dataset file (all or nothing)
  chancery export-default                  print the built-in dataset file
  chancery import-schedules [flags] FILE   import official holiday schedules (docs/dataset.md)
  chancery import-trade [flags] SOURCE FILE
                                           import trade figures from a CSV file (period, flow,
                                           value, currency[, change, area]) citing SOURCE
                                           (all or nothing; docs/dataset.md)
  chancery import-record [flags] FILE [KIND]
                                           import records of the relationship from a JSON file
                                           as the staff desk exports it, or a CSV file of one
                                           KIND (entity, role, …; all or nothing; docs/dataset.md)
  chancery export-record [flags]           write the whole record as JSON to standard output
  chancery verify-seal CODE [-keys FILE]  check a document's code offline against the public keys
                                           of FILE (the JSON of /verify/keys), or of the database
  chancery rotate-seal-key [flags]         retire the seal key kept in the database for a new one
  chancery check-db [flags]                check that the database can be reached, change nothing
  chancery admin create-user [flags] -username NAME -role ROLE
                                           create a staff account (admin, consul, officer);
                                           the password is read from standard input
                                           or generated and printed
Flags shared by all subcommands (also as environment variables):
`

func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return runServe(ctx, args, getenv, stdout, stderr)
	case "migrate":
		return withDB(ctx, "migrate", args, getenv, stdout, stderr, func(db *store.DB, _ *flag.FlagSet) error {
			fmt.Fprintln(stdout, "migrations applied to the", db.Dialect, "database")
			return nil
		})
	case "import":
		return withDB(ctx, "import", args, getenv, stdout, stderr, func(db *store.DB, fs *flag.FlagSet) error {
			return runImport(ctx, db, fs.Args(), stdout)
		})
	case "check-db":
		return runCheckDB(ctx, args, getenv, stdout, stderr)
	case "import-schedules":
		return withDB(ctx, "import-schedules", args, getenv, stdout, stderr, func(db *store.DB, fs *flag.FlagSet) error {
			return runImportSchedules(ctx, db, fs.Args(), stdout)
		})
	case "import-trade":
		return withDB(ctx, "import-trade", args, getenv, stdout, stderr, func(db *store.DB, fs *flag.FlagSet) error {
			return runImportTrade(ctx, db, fs.Args(), stdout, stderr)
		})
	case "import-record":
		return withDB(ctx, "import-record", args, getenv, stdout, stderr, func(db *store.DB, fs *flag.FlagSet) error {
			return runImportRecord(ctx, db, fs.Args(), stdout, stderr)
		})
	case "export-record":
		return withDB(ctx, "export-record", args, getenv, stdout, stderr, func(db *store.DB, fs *flag.FlagSet) error {
			doc, err := db.CoopDocument(ctx)
			if err != nil {
				return err
			}
			return cooperation.EncodeDocument(stdout, doc)
		})
	case "verify-seal":
		return runVerifySeal(ctx, args, getenv, stdout, stderr)
	case "rotate-seal-key":
		return withDB(ctx, "rotate-seal-key", args, getenv, stdout, stderr, func(db *store.DB, _ *flag.FlagSet) error {
			k, err := db.RotateSealKey(ctx)
			if err != nil {
				return err
			}
			fmt.Fprintln(stdout, "documents are now signed with key", k.ID, "(kept in the database); the keys before it still verify what they signed")
			return nil
		})
	case "export-default":
		_, err := stdout.Write(dataset.DefaultBytes())
		return err
	case "admin":
		if len(args) == 0 || args[0] != "create-user" {
			return errors.New("usage: chancery admin create-user -username NAME -role ROLE")
		}
		return runCreateUser(ctx, args[1:], getenv, stdin, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		_, fs, _ := parseConfig("serve", nil, getenv, stdout)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		return nil
	}
	return fmt.Errorf("unknown command %q; run `chancery help`", cmd)
}

// newLogger logs in the configured format; a line logged with a request's
// context carries its request id.
func newLogger(cfg Config, w io.Writer) *slog.Logger {
	var h slog.Handler = slog.NewTextHandler(w, nil)
	if cfg.LogFormat == "json" {
		h = slog.NewJSONHandler(w, nil)
	}
	return slog.New(monitor.LogHandler(h))
}

func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, _, err := parseConfig("serve", args, getenv, stderr)
	if err != nil {
		return err
	}
	// Listen before migrating, so that probes are answered "starting"
	// while a long migration runs rather than refused.
	app, err := OpenApp(ctx, cfg, stdout, newLogger(cfg, stderr))
	if err != nil {
		return err
	}
	if err := app.Start(ctx); err != nil {
		app.Close()
		return err
	}
	if err := app.Prepare(ctx); err != nil {
		app.Close()
		return err
	}
	fmt.Fprintf(stdout, "chancery is ready at %s (database: %s)\n", app.URL(), app.DB.Dialect)
	<-ctx.Done()
	return app.Close()
}

// runCheckDB opens the configured database and pings it, without migrating.
func runCheckDB(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	cfg, _, err := parseConfig("check-db", args, getenv, stderr)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	db, err := cfg.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Ping(ctx); err != nil {
		return fmt.Errorf("the %s database cannot be reached: %w", db.Dialect, err)
	}
	fmt.Fprintln(stdout, "the", db.Dialect, "database can be reached")
	return nil
}

// withDB opens and migrates the configured database around fn.
func withDB(ctx context.Context, name string, args []string, getenv func(string) string, stdout, stderr io.Writer, fn func(*store.DB, *flag.FlagSet) error) error {
	cfg, fs, err := parseConfig(name, args, getenv, stderr)
	if err != nil {
		return err
	}
	return cfg.withDB(ctx, func(db *store.DB) error { return fn(db, fs) })
}

// withDB opens and migrates the configured database around fn.
func (c Config) withDB(ctx context.Context, fn func(*store.DB) error) error {
	db, err := c.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	return fn(db)
}

func runImport(ctx context.Context, db *store.DB, files []string, stdout io.Writer) error {
	if len(files) != 1 {
		return errors.New("usage: chancery import [flags] FILE")
	}
	raw, err := os.ReadFile(files[0])
	if err != nil {
		return err
	}
	ds, err := dataset.Parse(strings.NewReader(string(raw)))
	if err != nil {
		return fmt.Errorf("%s: %w (nothing was imported)", files[0], err)
	}
	rep, err := db.Import(ctx, store.Actor{Name: "import " + files[0]}, ds, raw)
	if err != nil {
		return fmt.Errorf("%s: %w (nothing was imported)", files[0], err)
	}
	fmt.Fprintln(stdout, rep.String())
	return nil
}

func runImportSchedules(ctx context.Context, db *store.DB, files []string, stdout io.Writer) error {
	if len(files) != 1 {
		return errors.New("usage: chancery import-schedules [flags] FILE")
	}
	f, err := os.Open(files[0])
	if err != nil {
		return err
	}
	defer f.Close()
	schedules, err := calendar.ParseSchedules(f)
	if err != nil {
		return fmt.Errorf("%s: %w (nothing was imported)", files[0], err)
	}
	n, err := db.ImportSchedules(ctx, store.Actor{Name: "import-schedules " + files[0]}, schedules)
	if err != nil {
		return fmt.Errorf("%s: %w (nothing was imported)", files[0], err)
	}
	fmt.Fprintf(stdout, "%d of %d schedules changed\n", n, len(schedules))
	return nil
}

// defaultTradeArea is the area a trade CSV measures unless it has an area
// column: Chongqing's trade with Belarus.
const defaultTradeArea = "CN-CQ/BY"

func runImportTrade(ctx context.Context, db *store.DB, args []string, stdout, stderr io.Writer) error {
	if len(args) != 2 {
		return errors.New("usage: chancery import-trade [flags] SOURCE FILE")
	}
	source, file := args[0], args[1]
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	figs, err := cooperation.TradeCSV{Area: defaultTradeArea, SourceID: source, FileName: filepath.Base(file)}.Parse(f)
	if err != nil {
		return fmt.Errorf("%s: %s (nothing was imported)", file, web.ErrorText(err))
	}
	rep, err := db.ImportTrade(ctx, store.Actor{Name: "import-trade " + file}, figs, progressTo(stderr, "figures"))
	if err != nil {
		return fmt.Errorf("%s: %s (nothing was imported)", file, web.ErrorText(err))
	}
	fmt.Fprintf(stdout, "%d figures: %d created, %d updated, %d unchanged\n", len(figs), rep.Created, rep.Updated, rep.Unchanged)
	return nil
}

// progressTo writes an import's progress on one line of w: "N of M what".
func progressTo(w io.Writer, what string) func(done, total int) {
	return func(done, total int) {
		fmt.Fprintf(w, "\r%d of %d %s", done, total, what)
		if done == total {
			fmt.Fprintln(w)
		}
	}
}

func runImportRecord(ctx context.Context, db *store.DB, args []string, stdout, stderr io.Writer) error {
	if len(args) < 1 || len(args) > 2 {
		return errors.New("usage: chancery import-record [flags] FILE [KIND]")
	}
	file := args[0]
	raw, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	var recs []cooperation.Placed
	if len(args) == 1 {
		var doc cooperation.Document
		if doc, err = cooperation.ReadDocument(bytes.NewReader(raw)); err == nil {
			recs = doc.Records()
		}
	} else {
		recs, err = cooperation.ReadCSV(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\ufeff"))), args[1])
	}
	if err != nil {
		return fmt.Errorf("%s: %s (nothing was imported)", file, web.ErrorText(err))
	}
	checked, written := progressTo(stderr, "records checked"), progressTo(stderr, "records written")
	rep, err := db.ImportRecords(ctx, store.Actor{Name: "import-record " + file}, recs, false, func(step store.ImportStep, done, total int) {
		if step == store.Checked {
			checked(done, total)
		} else {
			written(done, total)
		}
	})
	if err != nil {
		return fmt.Errorf("%s: %s (nothing was imported)", file, web.ErrorText(err))
	}
	fmt.Fprintf(stdout, "%d records: %d created, %d updated, %d unchanged\n", len(recs), rep.Created, rep.Updated, rep.Unchanged)
	return nil
}

func runCreateUser(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	var username, role string
	var passwordStdin bool
	extra := func(fs *flag.FlagSet) {
		fs.StringVar(&username, "username", "", "the new account's name")
		fs.StringVar(&role, "role", "officer", "admin, consul or officer")
		fs.BoolVar(&passwordStdin, "password-stdin", false, "read the password from the first line of standard input")
	}
	cfg, _, err := parseConfigWith("admin create-user", args, getenv, stderr, extra)
	if err != nil {
		return err
	}

	pw, generated := "", false
	if passwordStdin {
		line, err := bufio.NewReader(stdin).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return err
		}
		pw = strings.TrimRight(line, "\r\n")
	} else {
		pw, generated = staff.RandomPassword(), true
	}
	db, err := cfg.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Migrate(ctx); err != nil {
		return err
	}
	u, err := db.CreateUser(ctx, store.Actor{Name: "command line"}, username, pw, staff.Role(role))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created %s (%s)\n", u.Username, u.Role)
	if generated {
		fmt.Fprintf(stdout, "password: %s\n(shown once)\n", pw)
	}
	return nil
}
