package scan_test

import (
	"strings"
	"testing"

	"github.com/chancery-platform/chancery/scan"
)

// TestParseAddress: the two forms an operator writes are read; anything
// else is refused with a message that shows the expected form.
func TestParseAddress(t *testing.T) {
	for _, c := range []struct {
		raw  string
		want scan.Address
	}{
		{"tcp://127.0.0.1:3310", scan.Address{Network: "tcp", Addr: "127.0.0.1:3310"}},
		{"tcp://clamav.internal:3310", scan.Address{Network: "tcp", Addr: "clamav.internal:3310"}},
		{"tcp://[::1]:3310", scan.Address{Network: "tcp", Addr: "[::1]:3310"}},
		{"unix:///run/clamav/clamd.ctl", scan.Address{Network: "unix", Addr: "/run/clamav/clamd.ctl"}},
	} {
		got, err := scan.ParseAddress(c.raw)
		if err != nil || got != c.want || got.String() != c.raw {
			t.Errorf("ParseAddress(%q) = %+v, %v; want %+v", c.raw, got, err, c.want)
		}
	}
	for _, c := range []struct{ raw, want string }{
		{"", "empty"},
		{"127.0.0.1:3310", "must be tcp://host:port or unix:///path/to/socket"},
		{"http://127.0.0.1:3310", "must be tcp://host:port or unix:///path/to/socket"},
		{"tcp://127.0.0.1", "must be tcp://host:port"},
		{"tcp://:3310", "must be tcp://host:port"},
		{"tcp://127.0.0.1:3310/", "needs a port number"},
		{"tcp://127.0.0.1:clamd", "needs a port number from 1 to 65535"},
		{"tcp://127.0.0.1:0", "needs a port number from 1 to 65535"},
		{"tcp://127.0.0.1:65536", "needs a port number from 1 to 65535"},
		{"tcp://user@host:3310", "must be tcp://host:port"},
		{"tcp://clam av:3310", "must be tcp://host:port"},
		{"unix://run/clamav/clamd.ctl", "an absolute path"},
		{"unix://", "an absolute path"},
	} {
		if got, err := scan.ParseAddress(c.raw); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseAddress(%q) = %+v, %v; want an error containing %q", c.raw, got, err, c.want)
		}
	}
}

// FuzzParseAddress: an address that is read is one of the two forms and
// reads back the same from its String.
func FuzzParseAddress(f *testing.F) {
	for _, s := range []string{"tcp://127.0.0.1:3310", "unix:///run/clamav/clamd.ctl", "tcp://[::1]:1", "unix://x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		a, err := scan.ParseAddress(raw)
		if err != nil {
			return
		}
		if (a.Network != "tcp" && a.Network != "unix") || a.Addr == "" || a.String() != raw {
			t.Fatalf("%q read as %+v", raw, a)
		}
		if again, err := scan.ParseAddress(a.String()); err != nil || again != a {
			t.Fatalf("%q read again as %+v, %v", raw, again, err)
		}
	})
}
