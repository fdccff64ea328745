package monitor

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Handler serves the metrics in the Prometheus text format at /metrics.
// A collector that fails (the outbox query timing out, say) is logged to
// log and left out; the rest of the scrape is still served.
func (m *Metrics) Handler(log *slog.Logger) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(m.Registry(), promhttp.HandlerOpts{
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
		ErrorHandling:     promhttp.ContinueOnError,
		Registry:          m.Registry(),
		Timeout:           10 * time.Second,
		EnableOpenMetrics: false,
	}))
	return mux
}

// ServeMetrics serves the metrics on l, a listener apart from the public
// one so that they need not be exposed to the internet, until ctx ends.
func ServeMetrics(ctx context.Context, l net.Listener, m *Metrics, log *slog.Logger) error {
	hs := &http.Server{
		Handler:           m.Handler(log),
		ReadHeaderTimeout: 5 * time.Second,
		WriteTimeout:      30 * time.Second,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	stop := context.AfterFunc(ctx, func() {
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		hs.Shutdown(sctx)
	})
	defer stop()
	// Serve returns ErrServerClosed as soon as Shutdown begins; a scrape
	// still being answered then is cut short, which Prometheus retries.
	if err := hs.Serve(l); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
