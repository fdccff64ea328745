// Package monitor is what operators watch chancery by: an access log line
// and a request id per request, Prometheus metrics served on a listener of
// their own, and the readiness of a starting server. The HTTP adapters,
// the workflows and the background jobs report to it through small
// methods of Metrics, each of which does nothing on a nil *Metrics, so
// tests and commands that do not watch need none.
package monitor

import (
	"database/sql"
	"errors"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/chancery-platform/chancery"
)

// namespace prefixes chancery's own metric names.
const namespace = "chancery"

// Metrics counts what the server does, in a Prometheus registry of its own
// (never the global default one), so each test can make a fresh one.
type Metrics struct {
	reg         *prometheus.Registry
	requests    *prometheus.CounterVec
	latency     *prometheus.HistogramVec
	outcomes    *prometheus.CounterVec
	rateLimited *prometheus.CounterVec
	cache       *prometheus.CounterVec
	jobs        *prometheus.CounterVec
}

// NewMetrics registers chancery's metrics, and the Go runtime's and the
// process's, in reg.
func NewMetrics(reg *prometheus.Registry) (*Metrics, error) {
	m := &Metrics{
		reg: reg,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "http_requests_total",
			Help: "HTTP requests answered, by route pattern, method and status."}, []string{"route", "method", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Namespace: namespace, Name: "http_request_duration_seconds",
			Help:    "Time taken to answer HTTP requests, by route pattern, method and status.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}}, []string{"route", "method", "status"}),
		outcomes: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "outcomes_total",
			Help: "Booking and registration attempts, by kind and outcome (ok, replayed, or the error code)."}, []string{"kind", "outcome"}),
		rateLimited: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "rate_limited_total",
			Help: "Requests refused by a rate limit, by what was limited."}, []string{"bucket"}),
		cache: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "page_cache_lookups_total",
			Help: "Page cache lookups, by result (hit or miss)."}, []string{"result"}),
		jobs: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: namespace, Name: "job_runs_total",
			Help: "Background job runs, by job and result (ok or failed)."}, []string{"job", "result"}),
	}
	err := errors.Join(
		reg.Register(m.requests), reg.Register(m.latency), reg.Register(m.outcomes),
		reg.Register(m.rateLimited), reg.Register(m.cache), reg.Register(m.jobs),
		reg.Register(collectors.NewGoCollector()),
		reg.Register(collectors.NewProcessCollector(collectors.ProcessCollectorOpts{})),
	)
	if err != nil {
		return nil, err
	}
	// Both cache results exist from the start, so a hit ratio can be
	// computed before the first miss.
	m.cache.WithLabelValues("hit")
	m.cache.WithLabelValues("miss")
	return m, nil
}

// Registry is the registry the metrics are in, for the metrics listener
// and for tests that read it.
func (m *Metrics) Registry() *prometheus.Registry {
	if m == nil {
		return nil
	}
	return m.reg
}

// WatchPools reports the use of each database connection pool, named by
// its key (store.DB.Pools gives them), as the go_sql_* metrics.
func (m *Metrics) WatchPools(pools map[string]*sql.DB) error {
	if m == nil {
		return nil
	}
	var err error
	for name, db := range pools {
		err = errors.Join(err, m.reg.Register(collectors.NewDBStatsCollector(db, name)))
	}
	return err
}

// request counts one answered HTTP request.
func (m *Metrics) request(route, method string, status int, took time.Duration) {
	if m == nil {
		return
	}
	code := strconv.Itoa(status)
	m.requests.WithLabelValues(route, method, code).Inc()
	m.latency.WithLabelValues(route, method, code).Observe(took.Seconds())
}

// Outcome counts one booking or registration attempt: kind names what was
// attempted ("booking", "registration") and outcome how it ended (OutcomeOf
// gives it from the error).
func (m *Metrics) Outcome(kind, outcome string) {
	if m == nil {
		return
	}
	m.outcomes.WithLabelValues(kind, outcome).Inc()
}

// Outcomes of an attempt besides the error codes.
const (
	OutcomeOK       = "ok"       // done
	OutcomeReplayed = "replayed" // an idempotent retry answered with the first answer
)

// OutcomeOf is the outcome of an attempt that ended with err: OutcomeOK
// for nil, else the error's code (conflict, rate_limited, invalid, …,
// internal), a small fixed set fit for a metric label.
func OutcomeOf(err error) string {
	if err == nil {
		return OutcomeOK
	}
	return chancery.ErrorCode(err)
}

// Attempt counts how an attempt of kind ("booking", "registration")
// ended: replayed when an idempotent retry got the first answer back, else
// the outcome of err; a refusal by the rate limits counts there too.
func (m *Metrics) Attempt(kind string, err error, replayed bool) {
	outcome := OutcomeOf(err)
	if replayed {
		outcome = OutcomeReplayed
	}
	m.Outcome(kind, outcome)
	if outcome == chancery.ERATELIMIT {
		m.RateLimited(kind)
	}
}

// RateLimited counts a request refused by a rate limit. bucket names the
// kind of limit ("booking", "login", …), never the bucket's key, which
// holds an address or a person's email.
func (m *Metrics) RateLimited(bucket string) {
	if m == nil {
		return
	}
	m.rateLimited.WithLabelValues(bucket).Inc()
}

// CacheHit counts a page answered from the page cache.
func (m *Metrics) CacheHit() {
	if m == nil {
		return
	}
	m.cache.WithLabelValues("hit").Inc()
}

// CacheMiss counts a cacheable page that had to be rendered.
func (m *Metrics) CacheMiss() {
	if m == nil {
		return
	}
	m.cache.WithLabelValues("miss").Inc()
}

// JobRun counts one run of the background job name, failed when err is
// not nil.
func (m *Metrics) JobRun(name string, err error) {
	if m == nil {
		return
	}
	result := "ok"
	if err != nil {
		result = "failed"
	}
	m.jobs.WithLabelValues(name, result).Inc()
}
