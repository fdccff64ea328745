package scan

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
)

// Address is where clamd listens: a TCP host and port, or the path of a
// Unix socket (Debian's clamav-daemon listens on /run/clamav/clamd.ctl).
type Address struct {
	Network string // "tcp" or "unix"
	Addr    string // host:port, or the socket's absolute path
}

// ParseAddress reads clamd's address as the operator writes it:
// tcp://host:port or unix:///path/to/socket. Anything else is refused with
// an error that says what was expected.
func ParseAddress(raw string) (Address, error) {
	if rest, ok := strings.CutPrefix(raw, "tcp://"); ok {
		host, port, err := net.SplitHostPort(rest)
		if err != nil || host == "" || strings.IndexFunc(host, notInHost) >= 0 {
			return Address{}, fmt.Errorf("clamd address %q must be tcp://host:port", raw)
		}
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return Address{}, fmt.Errorf("clamd address %q needs a port number from 1 to 65535", raw)
		}
		return Address{Network: "tcp", Addr: rest}, nil
	}
	if path, ok := strings.CutPrefix(raw, "unix://"); ok {
		if !strings.HasPrefix(path, "/") || strings.ContainsRune(path, 0) {
			return Address{}, fmt.Errorf("clamd address %q must be unix:// and an absolute path, e.g. unix:///run/clamav/clamd.ctl", raw)
		}
		return Address{Network: "unix", Addr: path}, nil
	}
	if raw == "" {
		return Address{}, errors.New("clamd address is empty")
	}
	return Address{}, fmt.Errorf("clamd address %q must be tcp://host:port or unix:///path/to/socket", raw)
}

// notInHost is true of a character no host name or IP address holds.
func notInHost(r rune) bool {
	return r <= ' ' || r == 0x7f || strings.ContainsRune("/?#@\\", r)
}

// String is the address as ParseAddress reads it.
func (a Address) String() string {
	return a.Network + "://" + a.Addr
}
