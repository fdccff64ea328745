package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// serve runs h on a loopback port until ctx ends.
func serve(ctx context.Context, h http.Handler) (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(l)
	go func() { <-ctx.Done(); srv.Close() }()
	return "http://" + l.Addr().String(), nil
}

// sample is one request's outcome.
type sample struct {
	status int
	took   time.Duration
	err    error
}

// fire sends m requests from c clients; body(i) is request i's body.
// Every call has a client of its own, so no measurement inherits another's
// connections.
func fire(ctx context.Context, url string, o options, body func(i int) []byte, header func(i int) http.Header) ([]sample, time.Duration) {
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{Proxy: nil, MaxIdleConns: o.clients, MaxIdleConnsPerHost: o.clients}}
	defer client.CloseIdleConnections()
	samples := make([]sample, o.requests)
	var next atomic.Int64
	var wg sync.WaitGroup
	began := time.Now()
	for range o.clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= o.requests || ctx.Err() != nil {
					return
				}
				req, _ := http.NewRequestWithContext(ctx, "POST", url, bytes.NewReader(body(i)))
				req.Header = header(i)
				t0 := time.Now()
				res, err := client.Do(req)
				s := sample{took: time.Since(t0), err: err}
				if err == nil {
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
					s.status = res.StatusCode
				}
				samples[i] = s
			}
		}()
	}
	wg.Wait()
	return samples, time.Since(began)
}

// measurement is what one fire of requests at one endpoint gave.
type measurement struct {
	key, what                           string
	requests, created, conflicts, fives int
	others, failed                      int
	perSec                              float64
	p50, p99                            time.Duration
}

// summarise counts the answers of a fire that took took.
func summarise(key, what string, samples []sample, took time.Duration) measurement {
	m := measurement{key: key, what: what, requests: len(samples)}
	lat := make([]time.Duration, 0, len(samples))
	for _, s := range samples {
		switch {
		case s.err != nil:
			m.failed++
		case s.status == http.StatusCreated:
			m.created++
		case s.status == http.StatusConflict:
			m.conflicts++
		case s.status >= 500:
			m.fives++
		default:
			m.others++
		}
		lat = append(lat, s.took)
	}
	m.perSec = float64(len(samples)) / took.Seconds()
	m.p50, m.p99 = percentile(lat, 0.5), percentile(lat, 0.99)
	return m
}

// faults is the number of answers that are neither 201 nor 409.
func (m measurement) faults() int { return m.fives + m.others + m.failed }

// percentile is the nearest-rank percentile p of ds, which it sorts.
func percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[min(len(ds)-1, int(p*float64(len(ds))))]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d)/float64(time.Millisecond)) }

// writeTable prints the measurements as a Markdown table, each with its
// ratios to base (the batched bare write).
func writeTable(w io.Writer, rows []measurement, base measurement) {
	fmt.Fprintln(w, "| measurement | what | requests | 201 | 409 | 5xx | other or failed | requests/s | p50 ms | p99 ms | requests/s ÷ batched bare | p99 ÷ batched bare |")
	fmt.Fprintln(w, "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
	for _, m := range rows {
		fmt.Fprintf(w, "| `%s` | %s | %d | %d | %d | %d | %d | %.0f | %s | %s | %.2f | %.2f |\n",
			m.key, m.what, m.requests, m.created, m.conflicts, m.fives, m.others+m.failed,
			m.perSec, ms(m.p50), ms(m.p99), m.perSec/base.perSec, float64(m.p99)/float64(base.p99))
	}
}
