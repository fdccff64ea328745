package scan_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"testing/iotest"
	"time"

	"github.com/chancery-platform/chancery/scan"
	"github.com/chancery-platform/chancery/scan/scantest"
)

func TestMain(m *testing.M) { os.Exit(scantest.Run(m)) }

// noise returns n bytes that look like a file's and carry no signature,
// the same on every run.
func noise(n int, seed uint64) []byte {
	b := make([]byte, n)
	rand.NewChaCha8([32]byte{byte(seed)}).Read(b)
	return b
}

// zipOf returns a zip archive holding one file, name, with content.
func zipOf(t testing.TB, name string, content []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	f, err := w.Create(name)
	if err == nil {
		_, err = f.Write(content)
	}
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestScanFindsEICAR: the test virus is found and named, however the file
// is cut into chunks or read, wherever in the file it sits, over TCP and
// over the Unix socket.
func TestScanFindsEICAR(t *testing.T) {
	clamd := scantest.Shared(t)
	eicar := scantest.EICAR()
	// A file whose EICAR bytes straddle the first 64 KiB chunk's end.
	straddling := append(append(noise(scan.DefaultChunkSize-30, 1), eicar...), noise(1000, 2)...)
	either := []string{scantest.Signature, scantest.BodySignature}
	for _, addr := range []scan.Address{clamd.TCP, clamd.Unix} {
		for _, c := range []struct {
			name  string
			chunk int
			file  func() io.Reader
			names []string
		}{
			{"the EICAR file", 0, func() io.Reader { return bytes.NewReader(eicar) }, either},
			{"EICAR split over two chunks", 40, func() io.Reader { return bytes.NewReader(eicar) }, either},
			{"EICAR read a byte at a time, so sent in 1-byte chunks", 0, func() io.Reader { return iotest.OneByteReader(bytes.NewReader(eicar)) }, either},
			{"EICAR across a chunk boundary inside a larger file", 0, func() io.Reader { return bytes.NewReader(straddling) }, []string{scantest.BodySignature}},
			{"EICAR inside a zip archive", 0, func() io.Reader { return bytes.NewReader(zipOf(t, "letter.txt", eicar)) }, []string{scantest.BodySignature}},
		} {
			t.Run(addr.Network+"/"+c.name, func(t *testing.T) {
				t.Parallel()
				client := scan.NewClient(addr)
				client.ChunkSize = c.chunk
				res, err := client.Scan(context.Background(), c.file())
				if err != nil {
					t.Fatalf("scan: %v\n%s", err, clamd.Output())
				}
				if res.Verdict != scan.Infected || res.Clean() || !contains(c.names, res.Signature) {
					t.Fatalf("got %v, want infected by one of %q", res, c.names)
				}
			})
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestScanClean: files without the signature are clean, the empty file
// and one exactly as long as clamd's limit included.
func TestScanClean(t *testing.T) {
	clamd := scantest.Shared(t)
	eicar := scantest.EICAR()
	for _, c := range []struct {
		name string
		file []byte
	}{
		{"an empty file", nil},
		{"a letter", []byte("Dear Consul,\nplease find my passport scan attached.\n")},
		{"a megabyte of noise", noise(1<<20, 3)},
		{"EICAR with one byte changed", append(append([]byte{}, eicar[:30]...), append([]byte{'#'}, eicar[31:]...)...)},
		{"a file exactly as long as StreamMaxLength", make([]byte, scantest.StreamMaxLength)},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			res, err := scan.NewClient(clamd.TCP).Scan(context.Background(), bytes.NewReader(c.file))
			if err != nil || !res.Clean() || res.Signature != "" {
				t.Fatalf("got %v, %v; want clean\n%s", res, err, clamd.Output())
			}
		})
	}
}

// TestScanLimits: a file clamd cannot scan whole is an error, never clean:
// a stream over StreamMaxLength, and an archive that expands beyond
// MaxScanSize (reported with AlertExceedsMax).
func TestScanLimits(t *testing.T) {
	clamd := scantest.Shared(t)
	for _, c := range []struct {
		name string
		file func() io.Reader
	}{
		{"one byte over StreamMaxLength", func() io.Reader { return bytes.NewReader(make([]byte, scantest.StreamMaxLength+1)) }},
		{"far over StreamMaxLength", func() io.Reader { return io.LimitReader(zeros{}, 5*scantest.StreamMaxLength) }},
		{"a small zip that expands beyond MaxScanSize", func() io.Reader {
			return bytes.NewReader(zipOf(t, "zeros.bin", make([]byte, scantest.StreamMaxLength+1)))
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			res, err := scan.NewClient(clamd.Unix).Scan(context.Background(), c.file())
			if !errors.Is(err, scan.ErrLimitExceeded) || res.Clean() || res.Verdict != scan.NotScanned {
				t.Fatalf("got %v, %v; want ErrLimitExceeded\n%s", res, err, clamd.Output())
			}
		})
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// TestScanUnavailable: when clamd cannot be asked, or breaks off without
// an answer, the scan is an error and the file is not clean.
func TestScanUnavailable(t *testing.T) {
	closedPort := func(t *testing.T) scan.Address {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		l.Close()
		return scan.Address{Network: "tcp", Addr: l.Addr().String()}
	}
	hangUp := func(t *testing.T) scan.Address {
		return fakeClamd(t, func(conn net.Conn, _ <-chan struct{}) { conn.Read(make([]byte, 100)) })
	}
	for _, c := range []struct {
		name string
		addr func(t *testing.T) scan.Address
	}{
		{"nothing listens on the port", closedPort},
		{"the socket does not exist", func(t *testing.T) scan.Address {
			return scan.Address{Network: "unix", Addr: filepath.Join(t.TempDir(), "clamd.sock")}
		}},
		{"the server hangs up without an answer", hangUp},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			client := scan.NewClient(c.addr(t))
			res, err := client.Scan(context.Background(), bytes.NewReader(scantest.EICAR()))
			if !errors.Is(err, scan.ErrUnavailable) || res.Clean() || res.Verdict != scan.NotScanned {
				t.Fatalf("scan: %v, %v; want ErrUnavailable", res, err)
			}
			if err := client.Ping(context.Background()); !errors.Is(err, scan.ErrUnavailable) {
				t.Fatalf("ping: %v; want ErrUnavailable", err)
			}
		})
	}
}

// fakeClamd listens on a Unix socket and serves each connection with
// serve; it stops at the test's end, when done is closed.
func fakeClamd(t *testing.T, serve func(conn net.Conn, done <-chan struct{})) scan.Address {
	t.Helper()
	l, err := net.Listen("unix", filepath.Join(t.TempDir(), "fake.sock"))
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	done := make(chan struct{})
	wg.Go(func() {
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			wg.Go(func() { defer conn.Close(); serve(conn, done) })
		}
	})
	t.Cleanup(func() { close(done); l.Close(); wg.Wait() })
	return scan.Address{Network: "unix", Addr: l.Addr().String()}
}

// TestScanContext: a scan ends with the context's error when its deadline
// passes or it is cancelled, whether clamd or the file is the slow one.
func TestScanContext(t *testing.T) {
	clamd := scantest.Shared(t)
	mute := fakeClamd(t, func(conn net.Conn, done <-chan struct{}) {
		go io.Copy(io.Discard, conn)
		<-done // reads everything, never answers
	})
	for _, c := range []struct {
		name string
		addr scan.Address
		file io.Reader
		ctx  func() (context.Context, context.CancelFunc)
		want error
	}{
		{"clamd does not answer before the deadline", mute, bytes.NewReader(scantest.EICAR()),
			func() (context.Context, context.CancelFunc) {
				return context.WithTimeout(context.Background(), 100*time.Millisecond)
			},
			context.DeadlineExceeded},
		{"the file trickles in past the deadline", clamd.TCP, &trickle{},
			func() (context.Context, context.CancelFunc) {
				return context.WithTimeout(context.Background(), 100*time.Millisecond)
			},
			context.DeadlineExceeded},
		{"cancelled while clamd is silent", mute, bytes.NewReader(scantest.EICAR()),
			func() (context.Context, context.CancelFunc) {
				ctx, cancel := context.WithCancel(context.Background())
				time.AfterFunc(50*time.Millisecond, cancel)
				return ctx, cancel
			},
			context.Canceled},
		{"cancelled before it starts", clamd.Unix, bytes.NewReader(scantest.EICAR()),
			func() (context.Context, context.CancelFunc) {
				ctx, cancel := context.WithCancel(context.Background())
				cancel()
				return ctx, cancel
			},
			context.Canceled},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := c.ctx()
			defer cancel()
			res, err := scan.NewClient(c.addr).Scan(ctx, c.file)
			if !errors.Is(err, c.want) || res.Clean() {
				t.Fatalf("got %v, %v; want %v", res, err, c.want)
			}
		})
	}
}

// trickle is an endless file that gives a few bytes every 10 ms.
type trickle struct{}

func (*trickle) Read(p []byte) (int, error) {
	time.Sleep(10 * time.Millisecond)
	return copy(p, "slow "), nil
}

// TestScanReadError: a file that cannot be read is not clean, and the
// error says why.
func TestScanReadError(t *testing.T) {
	clamd := scantest.Shared(t)
	broken := errors.New("disk gone")
	file := io.MultiReader(bytes.NewReader(noise(100_000, 4)), iotest.ErrReader(broken))
	res, err := scan.NewClient(clamd.TCP).Scan(context.Background(), file)
	if !errors.Is(err, broken) || res.Clean() {
		t.Fatalf("got %v, %v; want the read error", res, err)
	}
}

// TestScanConcurrently: one client serves many scans at once, each with
// its own verdict.
func TestScanConcurrently(t *testing.T) {
	clamd := scantest.Shared(t)
	client := scan.NewClient(clamd.Unix)
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			file, infected := noise(200_000+i, uint64(i)), i%2 == 0
			if infected {
				file = append(file, scantest.EICAR()...)
			}
			res, err := client.Scan(context.Background(), bytes.NewReader(file))
			if err != nil || res.Clean() == infected {
				t.Errorf("file %d (infected %v): %v, %v", i, infected, res, err)
			}
		})
	}
	wg.Wait()
}

// TestReadiness: PING and VERSION tell whether clamd is there to scan.
func TestReadiness(t *testing.T) {
	clamd := scantest.Shared(t)
	for _, addr := range []scan.Address{clamd.TCP, clamd.Unix} {
		client := scan.NewClient(addr)
		if err := client.Ping(context.Background()); err != nil {
			t.Fatalf("%s: ping: %v", addr, err)
		}
		v, err := client.Version(context.Background())
		if err != nil || len(v) < len("ClamAV 1") || v[:len("ClamAV ")] != "ClamAV " {
			t.Fatalf("%s: version %q, %v", addr, v, err)
		}
	}
}
