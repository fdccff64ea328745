package monitor

import (
	"errors"

	"github.com/prometheus/client_golang/prometheus"
)

// WatchPageCache reports the page cache's size, read from size at scrape
// time: how many pages it holds and their bytes, against the bound set
// with --page-cache-mib.
func (m *Metrics) WatchPageCache(size func() (pages int, bytes int64)) error {
	if m == nil {
		return nil
	}
	return errors.Join(
		m.reg.Register(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Namespace: namespace, Name: "page_cache_pages",
			Help: "Pages held in the page cache."}, func() float64 { n, _ := size(); return float64(n) })),
		m.reg.Register(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Namespace: namespace, Name: "page_cache_bytes",
			Help: "Bytes held in the page cache (pages, keys and headers)."}, func() float64 { _, b := size(); return float64(b) })))
}
