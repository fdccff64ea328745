// Command chancery-load is a small HTTP load generator for measuring a
// chancery server on the same machine. It only ever talks to loopback
// addresses (127.0.0.0/8, ::1, localhost): it refuses any other -url and
// checks every connection it opens, and it never follows redirects.
//
// For each path it sends -n GET requests from -c concurrent clients, or as
// many as fit in -duration (a hard cap per path: requests still running at
// the cap are cut off and count as errors), whichever comes first, after a
// short warm-up that is not counted, and reports requests,
// transport errors, non-2xx and 5xx answers, requests per second and the
// median and 99th-percentile latency as Markdown table rows (and as JSON
// with -json FILE).
//
// With -trivial-addr it also serves a handler that writes "ok" on that
// loopback address and measures it first, as the baseline the other paths
// are compared to: the table then gives each path's throughput and p99 as
// ratios of the baseline's. With -serve it only serves that handler, until
// interrupted, so the baseline can run as its own process; -baseline URL
// then measures such an external trivial handler as the baseline.
//
//	chancery-load -trivial-addr 127.0.0.1:0 -url http://127.0.0.1:8080 \
//	    -paths /missions/by-cg-chongqing,/api/v1/jurisdiction?sending=BY\&place=Wuhan
//
// Its own ceiling is low: on two processors it drives the trivial handler
// at well under half the rate wrk reaches, which pushes every ratio to
// that handler towards 1. scripts/bench.sh therefore measures with wrk and
// uses chancery-load only to serve the trivial handler (-serve); its
// figures are for a quick look, always beside its own trivial baseline.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); errors.Is(err, flag.ErrHelp) {
		return
	} else if err != nil {
		fmt.Fprintln(os.Stderr, "chancery-load:", err)
		os.Exit(1)
	}
}

// options are the command-line flags.
type options struct {
	base        string
	paths       []string
	concurrency int
	requests    int
	duration    time.Duration
	timeout     time.Duration
	warmup      int
	jsonFile    string
	trivialAddr string
	serve       bool
	baseline    string
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("chancery-load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.base, "url", "", "base URL of the server under test; must be on loopback (127.0.0.0/8, ::1, localhost)")
	paths := fs.String("paths", "/", "comma-separated paths (with query) to GET under -url")
	fs.IntVar(&o.concurrency, "c", 32, "concurrent clients")
	fs.IntVar(&o.requests, "n", 5000, "requests per path")
	fs.DurationVar(&o.duration, "duration", 20*time.Second, "hard time cap per path, warm-up included; a path stops at -n requests or at this, whichever comes first")
	fs.DurationVar(&o.timeout, "timeout", 10*time.Second, "timeout of one request")
	fs.IntVar(&o.warmup, "warmup", 100, "requests per path sent before measuring, not counted (for at most a tenth of -duration)")
	fs.StringVar(&o.jsonFile, "json", "", "also write the results as JSON to this file (-: to standard output, instead of the Markdown table)")
	fs.StringVar(&o.trivialAddr, "trivial-addr", "", "serve a trivial \"ok\" handler on this loopback address (e.g. 127.0.0.1:0) and measure it first, as the baseline")
	fs.BoolVar(&o.serve, "serve", false, "with -trivial-addr: only serve the trivial handler until interrupted")
	fs.StringVar(&o.baseline, "baseline", "", "URL of an already running trivial handler (e.g. from -serve) to measure first, as the baseline")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	for _, p := range strings.Split(*paths, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		if !strings.HasPrefix(p, "/") {
			return o, fmt.Errorf("path %q must start with /", p)
		}
		o.paths = append(o.paths, p)
	}
	switch {
	case o.concurrency < 1:
		return o, errors.New("-c must be at least 1")
	case o.requests < 1:
		return o, errors.New("-n must be at least 1")
	case o.duration <= 0:
		return o, errors.New("-duration must be positive")
	case o.timeout <= 0:
		return o, errors.New("-timeout must be positive")
	case o.warmup < 0:
		return o, errors.New("-warmup must not be negative")
	case o.serve && o.trivialAddr == "":
		return o, errors.New("-serve needs -trivial-addr")
	case o.trivialAddr != "" && o.baseline != "":
		return o, errors.New("use -trivial-addr or -baseline, not both")
	case !o.serve && o.base == "" && o.trivialAddr == "" && o.baseline == "":
		return o, errors.New("nothing to measure: give -url, -trivial-addr or -baseline")
	}
	if o.base != "" {
		if err := checkLoopbackURL(o.base); err != nil {
			return o, fmt.Errorf("-url: %w", err)
		}
		o.base = strings.TrimRight(o.base, "/")
	}
	if o.baseline != "" {
		if err := checkLoopbackURL(o.baseline); err != nil {
			return o, fmt.Errorf("-baseline: %w", err)
		}
	}
	if o.trivialAddr != "" {
		host, _, err := net.SplitHostPort(o.trivialAddr)
		if err != nil {
			return o, fmt.Errorf("-trivial-addr: %w", err)
		}
		if !loopbackHost(host) {
			return o, fmt.Errorf("-trivial-addr: %q is not a loopback address", host)
		}
	}
	return o, nil
}

// loopbackHost reports whether host is localhost or a loopback IP address.
func loopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// checkLoopbackURL accepts only http(s) URLs whose host is on loopback.
func checkLoopbackURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return err
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("%q: scheme must be http or https", raw)
	}
	if !loopbackHost(u.Hostname()) {
		return fmt.Errorf("%q: host %q is not loopback (127.0.0.0/8, ::1 or localhost); chancery-load only targets this machine", raw, u.Hostname())
	}
	return nil
}

// newClient returns a client that connects only to loopback addresses,
// whatever a name resolves to, and does not follow redirects.
func newClient(o options) *http.Client {
	dialer := &net.Dialer{
		Timeout: 5 * time.Second,
		Control: func(network, address string, _ syscall.RawConn) error {
			host, _, err := net.SplitHostPort(address)
			if err != nil {
				return err
			}
			if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
				return fmt.Errorf("refusing to connect to %s: not a loopback address", address)
			}
			return nil
		},
	}
	return &http.Client{
		Timeout: o.timeout,
		Transport: &http.Transport{
			Proxy:               nil,
			DialContext:         dialer.DialContext,
			MaxIdleConns:        2 * o.concurrency,
			MaxIdleConnsPerHost: o.concurrency,
			IdleConnTimeout:     90 * time.Second,
			DisableCompression:  true,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// Result is the measurement of one path.
type Result struct {
	Name       string  `json:"name"`
	URL        string  `json:"url"`
	Baseline   bool    `json:"baseline,omitempty"`
	Requests   int     `json:"requests"`
	Errors     int     `json:"errors"`
	Non2xx     int     `json:"non_2xx"`
	Status5xx  int     `json:"status_5xx"`
	Seconds    float64 `json:"seconds"`
	RPS        float64 `json:"rps"`
	P50ms      float64 `json:"p50_ms"`
	P99ms      float64 `json:"p99_ms"`
	Bytes      int64   `json:"bytes"`
	CappedBy   string  `json:"capped_by"`           // "requests" or "duration"
	RPSRatio   float64 `json:"rps_ratio,omitempty"` // RPS / baseline RPS
	P99Ratio   float64 `json:"p99_ratio,omitempty"` // P99 / baseline P99
	Concurrent int     `json:"concurrency"`
}

// Report is everything a run measured.
type Report struct {
	Started     time.Time `json:"started"`
	Concurrency int       `json:"concurrency"`
	Requests    int       `json:"requests_per_path"`
	Duration    string    `json:"duration_cap_per_path"`
	Results     []Result  `json:"results"`
}

func trivialHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok")
	})
}

// serveTrivial starts the trivial handler on addr and returns its URL and
// a function that stops it.
func serveTrivial(addr string) (string, func(), error) {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return "", nil, err
	}
	hs := &http.Server{Handler: trivialHandler(), ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 120 * time.Second}
	go hs.Serve(l)
	stop := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		hs.Shutdown(ctx)
	}
	return "http://" + l.Addr().String() + "/", stop, nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}

	type target struct {
		name, url string
		baseline  bool
	}
	var targets []target
	if o.trivialAddr != "" {
		u, stopTrivial, err := serveTrivial(o.trivialAddr)
		if err != nil {
			return err
		}
		defer stopTrivial()
		if o.serve {
			fmt.Fprintf(stdout, "chancery-load: trivial handler ready at %s\n", u)
			<-ctx.Done()
			return nil
		}
		targets = append(targets, target{"trivial (ok)", u, true})
	}
	if o.baseline != "" {
		targets = append(targets, target{"trivial (ok)", o.baseline, true})
	}
	if o.base != "" {
		for _, p := range o.paths {
			targets = append(targets, target{p, o.base + p, false})
		}
	}

	client := newClient(o)
	rep := Report{Started: time.Now().UTC(), Concurrency: o.concurrency, Requests: o.requests, Duration: o.duration.String()}
	for _, t := range targets {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		fmt.Fprintf(stderr, "chancery-load: %s: up to %d requests, %d clients, at most %s\n", t.url, o.requests, o.concurrency, o.duration)
		r := measure(ctx, client, t.url, o)
		r.Name, r.Baseline = t.name, t.baseline
		rep.Results = append(rep.Results, r)
	}
	if len(rep.Results) > 0 && rep.Results[0].Baseline {
		b := rep.Results[0]
		for i := range rep.Results {
			if b.RPS > 0 {
				rep.Results[i].RPSRatio = rep.Results[i].RPS / b.RPS
			}
			if b.P99ms > 0 {
				rep.Results[i].P99Ratio = rep.Results[i].P99ms / b.P99ms
			}
		}
	}

	if o.jsonFile != "-" {
		writeMarkdown(stdout, rep)
	}
	if o.jsonFile != "" {
		data, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			return err
		}
		data = append(data, '\n')
		if o.jsonFile == "-" {
			_, err = stdout.Write(data)
		} else {
			err = os.WriteFile(o.jsonFile, data, 0o644)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// sample is the outcome of one request.
type sample struct {
	latency time.Duration
	status  int // 0 when the request failed
	bytes   int64
}

func get(ctx context.Context, client *http.Client, u string) sample {
	start := time.Now()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return sample{}
	}
	resp, err := client.Do(req)
	if err != nil {
		return sample{latency: time.Since(start)}
	}
	n, err := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	s := sample{latency: time.Since(start), status: resp.StatusCode, bytes: n}
	if err != nil {
		s.status = 0
	}
	return s
}

// measure sends up to o.requests GETs to u from o.concurrency clients.
// The whole path, warm-up included, ends when o.duration has passed: the
// warm-up gets at most a tenth of it, no new request starts in the last
// moment (a tenth, at most 2s) and requests still in flight at the cap are
// cut off and count as errors, so the cap holds even against a server that
// stops answering.
func measure(ctx context.Context, client *http.Client, u string, o options) Result {
	pathStart := time.Now()
	hard, cancel := context.WithDeadline(ctx, pathStart.Add(o.duration))
	defer cancel()
	grace := min(2*time.Second, o.duration/10)

	// Warm up: open the connections and fill caches, outside the figures.
	if o.warmup > 0 {
		wctx, wcancel := context.WithDeadline(hard, pathStart.Add(o.duration/10))
		var next atomic.Int64
		var wg sync.WaitGroup
		for range min(o.concurrency, o.warmup) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for next.Add(1) <= int64(o.warmup) && wctx.Err() == nil {
					get(wctx, client, u)
				}
			}()
		}
		wg.Wait()
		wcancel()
	}

	var next atomic.Int64 // requests started
	start := time.Now()
	deadline := pathStart.Add(o.duration - grace) // no new request after this
	perWorker := make([][]sample, o.concurrency)
	var wg sync.WaitGroup
	for w := range o.concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) && hard.Err() == nil {
				if next.Add(1) > int64(o.requests) {
					return
				}
				perWorker[w] = append(perWorker[w], get(hard, client, u))
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)

	var got []sample
	for _, ss := range perWorker {
		got = append(got, ss...)
	}
	r := Result{URL: u, Concurrent: o.concurrency, Seconds: elapsed.Seconds(), CappedBy: "requests"}
	if len(got) < o.requests {
		r.CappedBy = "duration"
	}
	lat := make([]time.Duration, 0, len(got))
	for _, s := range got {
		r.Requests++
		r.Bytes += s.bytes
		lat = append(lat, s.latency)
		switch {
		case s.status == 0:
			r.Errors++
		case s.status < 200 || s.status > 299:
			r.Non2xx++
			if s.status >= 500 {
				r.Status5xx++
			}
		}
	}
	if elapsed > 0 {
		r.RPS = float64(r.Requests) / elapsed.Seconds()
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	r.P50ms = ms(percentile(lat, 0.50))
	r.P99ms = ms(percentile(lat, 0.99))
	return r
}

// percentile is the nearest-rank percentile of sorted latencies.
func percentile(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(p*float64(len(sorted)))) - 1
	rank = max(0, min(rank, len(sorted)-1))
	return sorted[rank]
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// writeMarkdown prints the results as a Markdown table.
func writeMarkdown(w io.Writer, rep Report) {
	ratios := len(rep.Results) > 0 && rep.Results[0].Baseline
	fmt.Fprint(w, "| path | requests | errors | non-2xx | 5xx | req/s | p50 ms | p99 ms |")
	if ratios {
		fmt.Fprint(w, " req/s ÷ trivial | p99 ÷ trivial |")
	}
	fmt.Fprintln(w)
	fmt.Fprint(w, "|---|--:|--:|--:|--:|--:|--:|--:|")
	if ratios {
		fmt.Fprint(w, "--:|--:|")
	}
	fmt.Fprintln(w)
	for _, r := range rep.Results {
		name := "`" + r.Name + "`"
		if r.Baseline {
			name = r.Name
		}
		fmt.Fprintf(w, "| %s | %d | %d | %d | %d | %.0f | %.2f | %.2f |", name, r.Requests, r.Errors, r.Non2xx, r.Status5xx, r.RPS, r.P50ms, r.P99ms)
		if ratios {
			fmt.Fprintf(w, " %.3f | %.1f |", r.RPSRatio, r.P99Ratio)
		}
		fmt.Fprintln(w)
	}
}
