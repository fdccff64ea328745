package monitor

import (
	"net/http"
	"sync/atomic"
)

// Readiness tells whether the server has finished starting: migrations
// applied, first data loaded, background work running. Until then
// UntilReady answers 503 "starting", so a load balancer sends it no
// readers. A nil *Readiness is always ready, for servers built in tests.
type Readiness struct {
	ready atomic.Bool
}

// Ready marks the server as started.
func (r *Readiness) Ready() {
	if r != nil {
		r.ready.Store(true)
	}
}

// IsReady reports whether Ready was called (always true for nil).
func (r *Readiness) IsReady() bool {
	return r == nil || r.ready.Load()
}

// routeStarting is the route the access log and the metrics give a
// request answered while the server starts.
const routeStarting = "starting"

// startingRetry is how soon a client turned away while the server starts
// is asked to try again, in seconds.
const startingRetry = "5"

// LivenessPath is the liveness probe's path: while the server starts it
// answers 200 {"status":"starting"}, so an orchestrator does not restart a
// server that is busy migrating (and so start the migration again).
const LivenessPath = "/healthz"

// UntilReady answers every request but the liveness probe's with 503 and
// {"status":"starting"} until ready is marked ready, and passes them to next from then on, so a
// server can listen while it migrates its database: probes see it start,
// and no handler meets a database not yet migrated.
func UntilReady(next http.Handler, ready *Readiness) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !ready.IsReady() {
			// No route was matched; the access log names the request for
			// what it met instead.
			if e := exchangeOf(r.Context()); e != nil {
				e.route = routeStarting
			}
			w.Header().Set("Content-Type", "application/json; charset=utf-8")
			if r.URL.Path == LivenessPath {
				w.WriteHeader(http.StatusOK)
				w.Write([]byte(`{"status":"starting"}` + "\n"))
				return
			}
			w.Header().Set("Retry-After", startingRetry)
			w.WriteHeader(http.StatusServiceUnavailable)
			w.Write([]byte(`{"status":"starting"}` + "\n"))
			return
		}
		next.ServeHTTP(w, r)
	})
}
