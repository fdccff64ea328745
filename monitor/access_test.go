package monitor

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// logged serves one request through AccessLog and RoutePattern around a
// ServeMux, and returns the answer and the log lines, decoded.
func logged(t *testing.T, m *Metrics, req *http.Request) (*http.Response, []map[string]any) {
	t.Helper()
	var buf bytes.Buffer
	log := slog.New(LogHandler(slog.NewJSONHandler(&buf, nil)))
	mux := http.NewServeMux()
	mux.HandleFunc("/bookings/{reference}", func(w http.ResponseWriter, r *http.Request) {
		log.InfoContext(r.Context(), "inside")
		w.WriteHeader(http.StatusTeapot)
		w.Write([]byte("short and stout"))
	})
	mux.HandleFunc("GET /quiet", func(w http.ResponseWriter, r *http.Request) {})
	rec := httptest.NewRecorder()
	AccessLog(RoutePattern(mux), log, m).ServeHTTP(rec, req)
	var lines []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		if strings.Count(l, `"request_id"`) != 1 {
			t.Errorf("the request id is not in the line once: %s", l)
		}
		var rec map[string]any
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatalf("log line %q: %v", l, err)
		}
		lines = append(lines, rec)
	}
	return rec.Result(), lines
}

func TestAccessLogLine(t *testing.T) {
	const token, email = "s3cr3t-t0ken-value", "olga@example.com"
	req := httptest.NewRequest("POST", "/bookings/BY-7Q2M?token="+token+"&email="+email, strings.NewReader("email="+email))
	res, lines := logged(t, nil, req)
	id := res.Header.Get(RequestIDHeader)
	if !validRequestID(id) || len(id) != 20 {
		t.Fatalf("generated request id %q", id)
	}
	if len(lines) != 2 {
		t.Fatalf("%d log lines, want the handler's and the access line: %v", len(lines), lines)
	}
	if lines[0]["msg"] != "inside" || lines[0]["request_id"] != id {
		t.Errorf("the handler's line lacks the request id: %v", lines[0])
	}
	want := map[string]any{"msg": "request", "method": "POST", "route": "/bookings/{reference}", "status": 418.0,
		"bytes": 15.0, "request_id": id}
	for k, v := range want {
		if lines[1][k] != v {
			t.Errorf("%s = %v, want %v (line %v)", k, lines[1][k], v, lines[1])
		}
	}
	if d, ok := lines[1]["duration_ms"].(float64); !ok || d < 0 {
		t.Errorf("duration_ms %v", lines[1]["duration_ms"])
	}
	for _, l := range lines {
		raw, _ := json.Marshal(l)
		for _, secret := range []string{token, email, "BY-7Q2M"} {
			if strings.Contains(string(raw), secret) {
				t.Errorf("log line carries %q: %s", secret, raw)
			}
		}
	}
}

func TestRequestIDFromOutside(t *testing.T) {
	for _, c := range []struct {
		name, sent string
		kept       bool
	}{
		{"a proxy's id is kept", "edge-01:5f2b.9a_c", true},
		{"an id too long is replaced", strings.Repeat("a", maxRequestID+1), false},
		{"an email is replaced", "olga@example.com", false},
		{"a forged log field is replaced", "x request_id=y", false},
		{"a line break is replaced", "x\ny", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", "/quiet", nil)
			req.Header.Set(RequestIDHeader, c.sent)
			res, lines := logged(t, nil, req)
			got := res.Header.Get(RequestIDHeader)
			if (got == c.sent) != c.kept || !validRequestID(got) {
				t.Fatalf("sent %q, answered %q", c.sent, got)
			}
			if lines[0]["request_id"] != got || lines[0]["route"] != "/quiet" || lines[0]["status"] != 200.0 {
				t.Fatalf("line %v", lines[0])
			}
		})
	}
}

func TestUnmatchedRouteAndOddMethod(t *testing.T) {
	_, lines := logged(t, nil, httptest.NewRequest("BREW", "/nowhere/at/all", nil))
	if lines[0]["route"] != unmatched || lines[0]["method"] != "OTHER" || lines[0]["status"] != 404.0 {
		t.Fatalf("line %v", lines[0])
	}
}

// FuzzRequestID: whatever X-Request-Id a client sends, the answer carries
// a valid id and the access log gets one well-formed line whose id is it.
func FuzzRequestID(f *testing.F) {
	for _, s := range []string{"", "edge-01:5f2b", "olga@example.com", "x\ny", "a\" request_id=\"b", strings.Repeat("z", 80), "\xff\xfe"} {
		f.Add(s)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/missions/{id}", func(w http.ResponseWriter, r *http.Request) {})
	f.Fuzz(func(t *testing.T, sent string) {
		var buf bytes.Buffer
		req := httptest.NewRequest("GET", "/missions/by-embassy", nil)
		req.Header[RequestIDHeader] = []string{sent}
		rec := httptest.NewRecorder()
		AccessLog(RoutePattern(mux), slog.New(slog.NewJSONHandler(&buf, nil)), nil).ServeHTTP(rec, req)
		id := rec.Header().Get(RequestIDHeader)
		if !validRequestID(id) || (validRequestID(sent) && id != sent) {
			t.Fatalf("sent %q, answered %q", sent, id)
		}
		if strings.Count(buf.String(), "\n") != 1 {
			t.Fatalf("not one log line: %q", buf.String())
		}
		var line map[string]any
		if err := json.Unmarshal(buf.Bytes(), &line); err != nil || line["request_id"] != id || line["route"] != "/missions/{id}" {
			t.Fatalf("line %q (%v)", buf.String(), err)
		}
	})
}

// TestStartingRequestsLogged: a request turned away while starting is
// logged with the route "starting" and answered 503.
func TestStartingRequestsLogged(t *testing.T) {
	var buf bytes.Buffer
	ready := &Readiness{}
	h := AccessLog(UntilReady(RoutePattern(http.NewServeMux()), ready), slog.New(slog.NewJSONHandler(&buf, nil)), nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/readyz", nil))
	var line map[string]any
	if err := json.Unmarshal(buf.Bytes(), &line); err != nil || rec.Code != 503 || line["route"] != routeStarting || line["status"] != 503.0 {
		t.Fatalf("%d %s (%v)", rec.Code, buf.String(), err)
	}
	ready.Ready()
	buf.Reset()
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/readyz", nil))
	if !strings.Contains(buf.String(), `"route":"unmatched","status":404`) {
		t.Fatalf("once ready: %s", buf.String())
	}
}
