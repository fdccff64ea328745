package ui

import (
	"net/http"
	"net/netip"
	"strconv"
	"time"

	"github.com/chancery-platform/chancery"
)

// ClientKey is the key of a client address in every per-client rate
// limit: an IPv4 address as it is, an IPv6 address as its /64, which one
// subscriber usually holds whole (an IPv4 address written as IPv6 is the
// IPv4 address). What is no address is kept as it is, at most 64 bytes.
func ClientKey(addr string) string {
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return addr[:min(len(addr), 64)]
	}
	a = a.WithZone("").Unmap()
	if a.Is4() {
		return a.String()
	}
	return netip.PrefixFrom(a, 64).Masked().String()
}

// SetRetryAfter sets the Retry-After header of an answer refusing for a
// while (a 429, a 503): whole seconds, rounded up, at least one. Every
// such answer the product sends has it from here.
func SetRetryAfter(h http.Header, wait time.Duration) {
	secs := max((wait+time.Second-1)/time.Second, 1)
	h.Set("Retry-After", strconv.FormatInt(int64(secs), 10))
}

// StatusFor is the HTTP status of err, as StatusOf its code; for a
// rate-limit refusal it also sets Retry-After on w.
func StatusFor(w http.ResponseWriter, err error) int {
	code := chancery.ErrorCode(err)
	if code == chancery.ERATELIMIT {
		SetRetryAfter(w.Header(), chancery.RetryAfter(err))
	}
	return StatusOf(code)
}
