package monitor

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// outboxTimeout bounds the outbox query a scrape makes, so a slow
// database slows no scrape by more than this.
const outboxTimeout = 2 * time.Second

// Outbox is where the mail waiting to be sent is counted (store.DB).
type Outbox interface {
	// OutboxBacklog counts the unsent messages and tells when the oldest
	// of them was queued (zero when there is none).
	OutboxBacklog(ctx context.Context) (unsent int, oldest time.Time, err error)
}

// outboxCollector asks the database at each scrape, so every instance
// reports the same shared outbox as it stands.
type outboxCollector struct {
	outbox Outbox
	now    func() time.Time
	unsent *prometheus.Desc
	age    *prometheus.Desc
}

// WatchOutbox reports the outbox backlog at each scrape: the unsent
// messages and the age of the oldest, measured with now.
func (m *Metrics) WatchOutbox(o Outbox, now func() time.Time) error {
	if m == nil {
		return nil
	}
	return m.reg.Register(&outboxCollector{outbox: o, now: now,
		unsent: prometheus.NewDesc(namespace+"_outbox_unsent_messages", "Messages in the outbox not yet sent.", nil, nil),
		age: prometheus.NewDesc(namespace+"_outbox_oldest_unsent_age_seconds",
			"How long the oldest unsent message has waited; 0 when none waits.", nil, nil),
	})
}

// Describe implements prometheus.Collector.
func (c *outboxCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- c.unsent
	ch <- c.age
}

// Collect implements prometheus.Collector.
func (c *outboxCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), outboxTimeout)
	defer cancel()
	n, oldest, err := c.outbox.OutboxBacklog(ctx)
	if err != nil {
		// The scrape still carries every other metric; the error shows in
		// the listener's log and the two series are missing.
		ch <- prometheus.NewInvalidMetric(c.unsent, err)
		return
	}
	age := 0.0
	if !oldest.IsZero() {
		age = max(c.now().Sub(oldest).Seconds(), 0)
	}
	ch <- prometheus.MustNewConstMetric(c.unsent, prometheus.GaugeValue, float64(n))
	ch <- prometheus.MustNewConstMetric(c.age, prometheus.GaugeValue, age)
}
