// Package scantest runs a real clamd for the tests of code that scans
// files. Signature mirrors are out of reach of many test machines, so its
// database is made at start by sigtool from the EICAR test file alone:
// the file's MD5 (Signature) and its bytes anywhere in a file
// (BodySignature). clamd then starts in well under a second.
//
// One clamd serves a test process. It needs Run in the package's TestMain,
// to stop clamd when the tests end:
//
//	func TestMain(m *testing.M) { os.Exit(scantest.Run(m)) }
//
// and tests ask for it with Shared. Where clamd is not installed the tests
// that need it are skipped, loudly, unless CI is set: then they fail.
// scripts/install-clamav.sh installs it from Debian's packages.
package scantest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chancery-platform/chancery/scan"
)

// Names clamd reports for the EICAR file: clamd adds ".UNOFFICIAL" to the
// names of signatures that are not ClamAV's own.
const (
	Signature     = "Chancery.Test.EICAR.UNOFFICIAL"      // the whole file, by its MD5
	BodySignature = "Chancery.Test.EICAR.Body.UNOFFICIAL" // its bytes anywhere in a file
)

// StreamMaxLength is the test clamd's limit on one INSTREAM, as on its
// MaxFileSize and MaxScanSize: 12 MiB, room for a 10 MB benchmark file.
const StreamMaxLength = 12 << 20

// ErrNotInstalled means clamd or sigtool is not installed.
var ErrNotInstalled = errors.New("clamd is not installed")

// startTimeout bounds clamd's start; with the EICAR database alone it
// answers PING within a fraction of a second, far less on an idle machine.
const startTimeout = time.Minute

// Clamd is a clamd this package started.
type Clamd struct {
	TCP  scan.Address // tcp://127.0.0.1:<port>
	Unix scan.Address // unix:///<temporary folder>/clamd.sock

	dir    string
	cmd    *exec.Cmd
	out    *syncBuffer
	exited chan struct{}
}

// Start makes the EICAR database in a new temporary folder and starts
// clamd on it, listening on a Unix socket and a free TCP port of
// 127.0.0.1, and returns once clamd answers PING. Stop ends it.
func Start(ctx context.Context) (*Clamd, error) {
	clamd, err := exec.LookPath("clamd")
	if err != nil {
		// Debian puts it in /usr/sbin, which a user's PATH may leave out.
		if clamd, err = exec.LookPath("/usr/sbin/clamd"); err != nil {
			return nil, fmt.Errorf("%w: clamd is neither on the PATH nor in /usr/sbin", ErrNotInstalled)
		}
	}
	if _, err := exec.LookPath("sigtool"); err != nil {
		return nil, fmt.Errorf("%w: sigtool is not on the PATH", ErrNotInstalled)
	}
	// Not t.TempDir: one clamd serves every test of the process. The path
	// stays short, as a Unix socket's path must (108 bytes).
	dir, err := os.MkdirTemp("", "clamd-")
	if err != nil {
		return nil, err
	}
	if err := makeDatabase(ctx, dir); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	// The free port is found by listening on port 0 and closing; another
	// process may take it meanwhile, so a failed start is tried again.
	for attempt := 1; ; attempt++ {
		c, err := start(ctx, clamd, dir)
		if err == nil || attempt == 3 || ctx.Err() != nil {
			if err != nil {
				os.RemoveAll(dir)
			}
			return c, err
		}
	}
}

// makeDatabase writes the EICAR file into dir and has sigtool make the
// signatures of the database folder dir/db from it.
func makeDatabase(ctx context.Context, dir string) error {
	db := filepath.Join(dir, "db")
	if err := os.Mkdir(db, 0o755); err != nil {
		return err
	}
	// sigtool names an MD5 signature after the file.
	sample := filepath.Join(dir, strings.TrimSuffix(Signature, ".UNOFFICIAL"))
	if err := os.WriteFile(sample, EICAR(), 0o644); err != nil {
		return err
	}
	md5 := exec.CommandContext(ctx, "sigtool", "--md5", sample)
	hdb, err := md5.Output()
	if err != nil {
		return fmt.Errorf("sigtool --md5: %w", err)
	}
	hexDump := exec.CommandContext(ctx, "sigtool", "--hex-dump")
	hexDump.Stdin = bytes.NewReader(EICAR())
	hex, err := hexDump.Output()
	if err != nil {
		return fmt.Errorf("sigtool --hex-dump: %w", err)
	}
	// An extended signature (.ndb): name, any file type (0), any offset (*), bytes.
	ndb := fmt.Sprintf("%s:0:*:%s\n", strings.TrimSuffix(BodySignature, ".UNOFFICIAL"), bytes.TrimSpace(hex))
	return errors.Join(
		os.WriteFile(filepath.Join(db, "eicar.hdb"), hdb, 0o644),
		os.WriteFile(filepath.Join(db, "eicar.ndb"), []byte(ndb), 0o644),
		os.Remove(sample))
}

// config is the test clamd's clamd.conf: in the foreground, logging to its
// output only, the limits equal and AlertExceedsMax on, as package scan
// advises for production.
const config = `DatabaseDirectory {{dir}}/db
LocalSocket {{dir}}/clamd.sock
LocalSocketMode 600
TCPSocket {{port}}
TCPAddr 127.0.0.1
Foreground yes
LogSyslog no
LogTime yes
SelfCheck 0
MaxThreads 4
Bytecode no
StreamMaxLength {{limit}}
MaxFileSize {{limit}}
MaxScanSize {{limit}}
AlertExceedsMax yes
`

// start starts the clamd program at clamd on the database in dir.
func start(ctx context.Context, clamd, dir string) (*Clamd, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	conf := strings.NewReplacer("{{dir}}", dir, "{{port}}", strconv.Itoa(port), "{{limit}}", strconv.Itoa(StreamMaxLength)).Replace(config)
	confPath := filepath.Join(dir, "clamd.conf")
	if err := os.WriteFile(confPath, []byte(conf), 0o644); err != nil {
		return nil, err
	}
	c := &Clamd{
		TCP:    scan.Address{Network: "tcp", Addr: net.JoinHostPort("127.0.0.1", strconv.Itoa(port))},
		Unix:   scan.Address{Network: "unix", Addr: filepath.Join(dir, "clamd.sock")},
		dir:    dir,
		out:    &syncBuffer{},
		exited: make(chan struct{}),
	}
	c.cmd = exec.Command(clamd, "--config-file", confPath)
	c.cmd.Stdout, c.cmd.Stderr = c.out, c.out
	dieWithParent(c.cmd)
	if err := c.cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting clamd: %w", err)
	}
	go func() { c.cmd.Wait(); close(c.exited) }()

	ctx, cancel := context.WithTimeout(ctx, startTimeout)
	defer cancel()
	client := scan.NewClient(c.Unix)
	for {
		ping, cancelPing := context.WithTimeout(ctx, time.Second)
		err := client.Ping(ping)
		cancelPing()
		if err == nil {
			if err := scan.NewClient(c.TCP).Ping(ctx); err != nil {
				c.stop()
				return nil, fmt.Errorf("clamd answers on its socket but not on %s: %w\n%s", c.TCP, err, c.out)
			}
			return c, nil
		}
		select {
		case <-c.exited:
			return nil, fmt.Errorf("clamd stopped at start (%v):\n%s", c.cmd.ProcessState, c.out)
		case <-ctx.Done():
			c.stop()
			return nil, fmt.Errorf("clamd did not answer PING within %v: %v\n%s", startTimeout, err, c.out)
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// Stop ends clamd and removes its folder.
func (c *Clamd) Stop() error {
	err := c.stop()
	return errors.Join(err, os.RemoveAll(c.dir))
}

// stop ends clamd: SIGTERM, and SIGKILL if it has not ended 10 s later.
func (c *Clamd) stop() error {
	c.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-c.exited:
		return nil
	case <-time.After(10 * time.Second):
		c.cmd.Process.Kill()
		<-c.exited
		return fmt.Errorf("clamd did not stop on SIGTERM within 10 s:\n%s", c.out)
	}
}

// Output is what clamd has written so far, for a failing test's message.
func (c *Clamd) Output() string { return c.out.String() }

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// process is the test process's clamd, started by the first Shared and
// stopped by Run.
var process struct {
	inRun   bool
	once    sync.Once
	clamd   *Clamd
	err     error
	skipped bool
}

// Run runs the package's tests and stops the clamd they started, for
// TestMain. When clamd was missing it says so on stderr after the tests.
func Run(m *testing.M) int { return Around(m.Run) }

// Around is Run for a package whose tests another runner starts too:
// run runs them (for example func() int { return storetest.Run(m) }),
// and clamd is stopped once it returns.
func Around(run func() int) int {
	process.inRun = true
	code := run()
	if process.clamd != nil {
		if err := process.clamd.Stop(); err != nil {
			fmt.Fprintln(os.Stderr, "scantest:", err)
		}
	}
	if process.skipped {
		fmt.Fprintf(os.Stderr, "SKIPPED: the tests with a real clamd (%v); scripts/install-clamav.sh installs it, and with CI set this is an error\n", process.err)
	}
	return code
}

// Shared returns the test process's clamd, started on first use. Without
// clamd installed the test is skipped, or fails when CI is set.
func Shared(tb testing.TB) *Clamd {
	tb.Helper()
	if !process.inRun {
		tb.Fatal("scantest.Shared needs scantest.Run in the package's TestMain, which stops clamd when the tests end")
	}
	process.once.Do(func() {
		process.clamd, process.err = Start(context.Background())
		process.skipped = errors.Is(process.err, ErrNotInstalled) && os.Getenv("CI") == ""
	})
	switch {
	case process.skipped:
		tb.Skipf("SKIPPED: %v (scripts/install-clamav.sh installs it; with CI set this fails)", process.err)
	case process.err != nil:
		tb.Fatal(process.err)
	}
	return process.clamd
}

// syncBuffer is clamd's output, written by the process while tests read it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
