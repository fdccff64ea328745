package ui

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"

	"github.com/klauspost/compress/gzhttp"
	"github.com/klauspost/compress/gzip"
)

// Answers are compressed with gzip for clients that accept it (every
// browser does), by gzhttp, except those that carry a secret a page could
// be made to guess byte by byte from their compressed length (BREACH): a
// form's CSRF token, a manage link, personal data. Those answers are the
// ones marked NoStore, which also marks them not to compress. Answers
// written many times (a cached page, a service's slots) are compressed
// once and kept in both forms (Encoded).

// minCompress is the smallest answer worth compressing: below it gzip's
// header and a second packet on the wire cost more than they save.
const minCompress = 1024

// Compress wraps h so that its answers are compressed as above.
func Compress(h http.Handler) http.Handler {
	wrap, err := gzhttp.NewWrapper(gzhttp.MinSize(minCompress), gzhttp.EnableZstd(false))
	if err != nil {
		panic(err) // the options are constants
	}
	return wrap(h)
}

// noCompress marks an answer not to compress (gzhttp drops the header).
func noCompress(w http.ResponseWriter) { w.Header().Set(gzhttp.HeaderNoCompression, "1") }

// Encoded is an answer kept to be written many times, in plain and, when
// large enough to gain from it, in gzip form.
type Encoded struct {
	Type  string // Content-Type
	Plain []byte
	Gzip  []byte // nil when not worth it
}

// Encode keeps body, of content type typ, with its gzip form.
func Encode(typ string, body []byte) *Encoded {
	e := &Encoded{Type: typ, Plain: body}
	if len(body) >= minCompress {
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression) // a valid level: no error
		zw.Write(body)
		zw.Close()
		if b.Len() < len(body) {
			e.Gzip = b.Bytes()
		}
	}
	return e
}

// Size is the memory e holds, in bytes.
func (e *Encoded) Size() int { return len(e.Type) + len(e.Plain) + len(e.Gzip) }

// Write answers r with e, compressed when r accepts gzip, with status 200.
func (e *Encoded) Write(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", e.Type)
	body := e.Plain
	if e.Gzip != nil {
		varyOnEncoding(h)
		if AcceptsGzip(r.Header.Values("Accept-Encoding")) {
			h.Set("Content-Encoding", "gzip")
			body = e.Gzip
		} else {
			noCompress(w) // already judged: not again by the middleware
		}
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// AcceptsGzip reports whether the Accept-Encoding field lines fields
// accept gzip (RFC 9110 §12.5.3): named, as x-gzip or through "*", with a
// weight above 0. A coding named outright overrides "*".
func AcceptsGzip(fields []string) bool {
	star, named := false, false
	for _, f := range fields {
		for _, item := range strings.Split(f, ",") {
			coding, params, _ := strings.Cut(item, ";")
			coding = strings.ToLower(strings.TrimSpace(coding))
			ok := weightAboveZero(params)
			switch coding {
			case "gzip", "x-gzip":
				if !ok {
					return false
				}
				named = true
			case "*":
				star = ok
			}
		}
	}
	return named || star
}

// weightAboveZero reads a coding's parameters ("q=0.5") and reports
// whether its weight is above 0; no weight is 1, a malformed one counts
// as refusal.
func weightAboveZero(params string) bool {
	for _, p := range strings.Split(params, ";") {
		name, value, ok := strings.Cut(strings.TrimSpace(p), "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(name), "q") {
			continue
		}
		q, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
		return err == nil && q > 0 && q <= 1
	}
	return true
}

// varyOnEncoding adds Accept-Encoding to h's Vary unless it is there.
func varyOnEncoding(h http.Header) {
	for _, v := range h.Values("Vary") {
		for _, f := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(f), "Accept-Encoding") {
				return
			}
		}
	}
	h.Add("Vary", "Accept-Encoding")
}
