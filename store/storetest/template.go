package storetest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/dataset"
	"github.com/chancery-platform/chancery/staff"
	"github.com/chancery-platform/chancery/store"
)

// Template is a database state that tests start from. It is built once per
// test process (while Run runs) and copied for each test that asks for it.
type Template struct {
	name  string
	build func(context.Context, *store.DB) error

	once sync.Once
	// source is the built template: a SQLite file or a PostgreSQL
	// database name.
	source string
	err    error
}

// NewTemplate declares a template: a migrated database that build then
// fills (build may be nil). name tells templates apart in file and
// database names; use letters, digits and underscores.
func NewTemplate(name string, build func(context.Context, *store.DB) error) *Template {
	return &Template{name: name, build: build}
}

// Migrated is the schema and no data.
var Migrated = NewTemplate("migrated", nil)

// Seeded is the default dataset and one staff account per role, named
// after the role, with Password.
var Seeded = NewTemplate("seeded", func(ctx context.Context, db *store.DB) error {
	ds, err := dataset.Default()
	if err != nil {
		return err
	}
	who := store.Actor{Name: "test"}
	if _, err := db.Import(ctx, who, ds, dataset.DefaultBytes()); err != nil {
		return err
	}
	for _, r := range staff.Roles {
		if _, err := db.CreateUser(ctx, who, string(r), Password, r); err != nil {
			return err
		}
	}
	return nil
})

// DSN returns the DSN of a new database in the template's state, dropped or
// removed at the test's end.
func (tp *Template) DSN(t testing.TB) string {
	t.Helper()
	admin := os.Getenv(EnvPostgres)
	if !process.running() {
		// Without Run nothing would drop a template: each test builds its
		// own database from scratch.
		dsn := DSN(t)
		db, err := open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		if tp.build != nil {
			err = tp.build(context.Background(), db)
		}
		if err := errors.Join(err, db.Close()); err != nil {
			t.Fatalf("database %s: %v", tp.name, err)
		}
		return dsn
	}
	tp.once.Do(func() { tp.source, tp.err = process.buildTemplate(tp, admin) })
	if tp.err != nil {
		t.Fatalf("template database %s: %v", tp.name, tp.err)
	}
	if admin != "" {
		return createPostgres(t, admin, tp.source)
	}
	dsn := filepath.Join(t.TempDir(), "chancery.db")
	err := copyFile(dsn, tp.source)
	if _, statErr := os.Stat(tp.source + "-wal"); err == nil && statErr == nil {
		// Closing should have folded the log into the file; if it did not,
		// the copy needs the log too.
		err = copyFile(dsn+"-wal", tp.source+"-wal")
	}
	if err != nil {
		t.Fatalf("copy the template database %s: %v", tp.name, err)
	}
	return dsn
}

// Open returns a database in the template's state for the test, closed at
// its end.
func (tp *Template) Open(t testing.TB) *store.DB {
	t.Helper()
	return OpenDSN(t, tp.DSN(t))
}

// Run runs the package's tests (from its TestMain) and then drops the
// templates they built; it returns the exit code for os.Exit. Databases
// must not outlive m.Run: a package that keeps one for its whole process
// (as bench does) leaves Run out.
func Run(m *testing.M) int {
	process.mu.Lock()
	process.started = true
	process.mu.Unlock()
	code := m.Run()
	if err := process.close(); err != nil {
		fmt.Fprintln(os.Stderr, "storetest:", err)
		if code == 0 {
			code = 1
		}
	}
	return code
}

// process is what the test process keeps between Run's start and end: the
// templates it built and, on PostgreSQL, a pool to the server.
var process testProcess

type testProcess struct {
	mu        sync.Mutex
	started   bool
	dir       string  // SQLite templates
	pool      *sql.DB // PostgreSQL's admin database
	databases []string
	// drops are the test databases to drop, dropped while the next tests
	// run: a drop costs PostgreSQL as much as a copy, and no test waits
	// for it. dropped is closed when they are all gone.
	drops   chan string
	dropped chan error
}

func (p *testProcess) running() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.started
}

// admin is the process's pool to the admin database, nil when Run is not
// running.
func (p *testProcess) admin(dsn string) (*sql.DB, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.started {
		return nil, nil
	}
	if p.pool == nil {
		pool, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, err
		}
		p.pool = pool
		dropStaleTemplates(pool)
		p.drops, p.dropped = make(chan string, 1024), make(chan error, dropWorkers)
		for range dropWorkers {
			go func() {
				var err error
				for name := range p.drops {
					err = errors.Join(err, dropDatabase(pool, name))
				}
				p.dropped <- err
			}()
		}
	}
	return p.pool, nil
}

// drop drops the test database name later, or now when Run is not
// running.
func (p *testProcess) drop(conn *sql.DB, name string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drops == nil {
		return dropDatabase(conn, name)
	}
	p.drops <- name
	return nil
}

// buildTemplate builds tp and returns its SQLite file or PostgreSQL name.
func (p *testProcess) buildTemplate(tp *Template, admin string) (string, error) {
	ctx := context.Background()
	var dsn, source string
	if admin == "" {
		p.mu.Lock()
		if p.dir == "" {
			dir, err := os.MkdirTemp("", "chancery-templates-")
			if err != nil {
				p.mu.Unlock()
				return "", err
			}
			p.dir = dir
		}
		dsn = filepath.Join(p.dir, tp.name+".db")
		p.mu.Unlock()
		source = dsn
	} else {
		pool, err := p.admin(admin)
		if err != nil {
			return "", err
		}
		// The creation time in the name lets a later process drop the
		// template of one that was killed before it could.
		source = fmt.Sprintf("chancery_tmpl_%d_%s_%s", time.Now().Unix(), randomHex(4), tp.name)
		if err := createDatabase(pool, source, ""); err != nil {
			return "", err
		}
		p.mu.Lock()
		p.databases = append(p.databases, source)
		p.mu.Unlock()
		u, err := url.Parse(admin)
		if err != nil {
			return "", err
		}
		u.Path = "/" + source
		dsn = u.String()
	}
	db, err := open(ctx, dsn)
	if err != nil {
		return "", err
	}
	if tp.build != nil {
		err = tp.build(ctx, db)
	}
	// Closing leaves no connection to the template, which PostgreSQL's copy
	// needs, and folds SQLite's write-ahead log into the file.
	return source, errors.Join(err, db.Close())
}

// close drops the templates the process built.
func (p *testProcess) close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.started = false
	var err error
	if p.drops != nil {
		close(p.drops)
		for range dropWorkers {
			err = errors.Join(err, <-p.dropped)
		}
		p.drops = nil
	}
	for _, name := range p.databases {
		err = errors.Join(err, dropDatabase(p.pool, name))
	}
	if p.pool != nil {
		err = errors.Join(err, p.pool.Close())
	}
	if p.dir != "" {
		err = errors.Join(err, os.RemoveAll(p.dir))
	}
	return err
}

// createDatabase creates the database name, a copy of template unless that
// is empty.
func createDatabase(conn *sql.DB, name, template string) error {
	q := `CREATE DATABASE ` + name
	if template != "" {
		q += ` TEMPLATE ` + template
	}
	_, err := conn.Exec(q)
	return err
}

// dropWorkers is how many test databases are dropped at once. Each drop
// waits for a checkpoint of the whole server; drops that wait together
// share one, so several at once cost little more than one.
const dropWorkers = 8

// dropDatabase drops the database name, closing its connections.
func dropDatabase(conn *sql.DB, name string) error {
	if _, err := conn.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`); err != nil {
		return fmt.Errorf("drop %s: %w", name, err)
	}
	return nil
}

// staleAfter is how old a template must be before another process takes
// it for the leftover of a killed one: longer than any test run.
const staleAfter = 6 * time.Hour

// dropStaleTemplates drops the templates of test processes killed (by a
// timeout, say) before Run could drop them. Failing to is harmless.
func dropStaleTemplates(pool *sql.DB) {
	rows, err := pool.Query(`SELECT datname FROM pg_database WHERE datname LIKE 'chancery\_tmpl\_%'`)
	if err != nil {
		return
	}
	var stale []string
	for rows.Next() {
		var name string
		if rows.Scan(&name) != nil {
			continue
		}
		stamp, _, _ := strings.Cut(strings.TrimPrefix(name, "chancery_tmpl_"), "_")
		if sec, err := strconv.ParseInt(stamp, 10, 64); err == nil && time.Since(time.Unix(sec, 0)) > staleAfter {
			stale = append(stale, name)
		}
	}
	rows.Close()
	for _, name := range stale {
		dropDatabase(pool, name)
	}
}

// copyFile copies the SQLite file src to dst.
func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
