package monitor

import "sync/atomic"

// Readiness tells whether the server has finished starting: migrations
// applied, first data loaded, background work running. Until then it
// answers /readyz with 503 "starting", so a load balancer sends it no
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
