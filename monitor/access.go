package monitor

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// unmatched is the route of a request no pattern matched (the ServeMux's
// own redirects and refusals).
const unmatched = "unmatched"

// AccessLog writes one log line per request and counts it in m: method,
// route pattern, status, bytes written, duration and request id. It logs
// the pattern (/bookings/{reference}), never the path or the query, which
// carry references, tokens and personal data; nor the client's address.
// The request id comes from a valid X-Request-Id header or is made here;
// it is returned in the answer's X-Request-Id and kept in the request's
// context (RequestID). The handler passed must have RoutePattern next to
// its ServeMux for the route to be known.
func AccessLog(next http.Handler, log *slog.Logger, m *Metrics) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		e := &exchange{id: r.Header.Get(RequestIDHeader)}
		if !validRequestID(e.id) {
			e.id = newRequestID()
		}
		w.Header().Set(RequestIDHeader, e.id)
		mw := &meteredWriter{ResponseWriter: w}
		outer := r.Context()
		defer func() {
			// A panic that got this far is answered by net/http; it is
			// still logged and counted as the 500 it becomes.
			if p := recover(); p != nil {
				mw.status = http.StatusInternalServerError
				defer panic(p)
			}
			took := time.Since(start)
			status := mw.status
			if status == 0 {
				status = http.StatusOK
			}
			route := e.route
			if route == "" {
				route = unmatched
			}
			method := methodLabel(r.Method)
			m.request(route, method, status, took)
			level := slog.LevelInfo
			if status >= 500 {
				level = slog.LevelError
			}
			// Logged with the context from before the id was added, so a
			// LogHandler does not add the id a second time.
			log.LogAttrs(outer, level, "request", slog.String("method", method), slog.String("route", route),
				slog.Int("status", status), slog.Int64("bytes", mw.bytes),
				slog.Float64("duration_ms", float64(took.Microseconds())/1000), slog.String("request_id", e.id))
		}()
		next.ServeHTTP(mw, r.WithContext(context.WithValue(outer, exchangeKey{}, e)))
	})
}

// RoutePattern wraps a ServeMux (or any handler that sets Request.Pattern
// on the request it is given) and tells AccessLog the pattern that
// matched. ServeMux sets Pattern on the request it receives, which the
// middleware outside has copied with WithContext, so the outer layers see
// it only through this.
func RoutePattern(mux http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if e := exchangeOf(r.Context()); e != nil {
				// The method is logged and labelled on its own: a pattern
				// such as "GET /missions/{id}" keeps only its path.
				route := r.Pattern
				if i := strings.IndexByte(route, ' '); i >= 0 {
					route = route[i+1:]
				}
				e.route = route
			}
		}()
		mux.ServeHTTP(w, r)
	})
}

// methodLabel keeps the methods chancery answers and folds any other into
// OTHER, so a client cannot invent label values or log fields.
func methodLabel(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions:
		return m
	}
	return "OTHER"
}

// meteredWriter notes the status and counts the bytes of an answer.
type meteredWriter struct {
	http.ResponseWriter
	status int
	bytes  int64
}

// WriteHeader implements http.ResponseWriter.
func (w *meteredWriter) WriteHeader(status int) {
	// 1xx answers are interim; the final status comes after them.
	if w.status == 0 && status >= 200 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

// Write implements http.ResponseWriter.
func (w *meteredWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += int64(n)
	return n, err
}

// Flush passes a flush on, so streamed pages (the record import's
// progress) still stream.
func (w *meteredWriter) Flush() {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	http.NewResponseController(w.ResponseWriter).Flush()
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (w *meteredWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
