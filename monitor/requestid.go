package monitor

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
)

// RequestIDHeader carries a request's id in and out: a proxy in front may
// set it, and every answer returns it, so a reader's report and the log
// line can be matched.
const RequestIDHeader = "X-Request-Id"

// maxRequestID bounds a request id taken from outside.
const maxRequestID = 64

// validRequestID reports whether an id from outside may be used as it is:
// short, and only letters, digits and - _ . : so it cannot forge log
// fields or carry an email address.
func validRequestID(id string) bool {
	if id == "" || len(id) > maxRequestID {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == ':') {
			return false
		}
	}
	return true
}

// newRequestID is 20 random hexadecimal digits.
func newRequestID() string {
	var b [10]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// exchange is what the access log learns about a request as it passes
// down: its id, set on the way in, and its route pattern, filled by the
// layer next to the ServeMux (RoutePattern), which the outer layers
// cannot see on their own request.
type exchange struct {
	id    string
	route string
}

type exchangeKey struct{}

func exchangeOf(ctx context.Context) *exchange {
	e, _ := ctx.Value(exchangeKey{}).(*exchange)
	return e
}

// RequestID is the id of the request ctx belongs to, "" outside one.
func RequestID(ctx context.Context) string {
	if e := exchangeOf(ctx); e != nil {
		return e.id
	}
	return ""
}

// LogHandler adds the request id to every record logged with a request's
// context (log.InfoContext(r.Context(), …)), so a handler's lines can be
// matched with the access log line.
func LogHandler(h slog.Handler) slog.Handler { return requestIDHandler{h} }

type requestIDHandler struct{ slog.Handler }

// Handle implements slog.Handler.
func (h requestIDHandler) Handle(ctx context.Context, r slog.Record) error {
	if id := RequestID(ctx); id != "" {
		r.AddAttrs(slog.String("request_id", id))
	}
	return h.Handler.Handle(ctx, r)
}

// WithAttrs implements slog.Handler.
func (h requestIDHandler) WithAttrs(as []slog.Attr) slog.Handler {
	return requestIDHandler{h.Handler.WithAttrs(as)}
}

// WithGroup implements slog.Handler.
func (h requestIDHandler) WithGroup(name string) slog.Handler {
	return requestIDHandler{h.Handler.WithGroup(name)}
}
