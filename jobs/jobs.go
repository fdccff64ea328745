// Package jobs runs the background work of chancery: each job on its own
// schedule, by one instance at a time. An instance runs a job only while
// it holds the job's lease in the database (store.TakeLease), so any
// number of instances may run a Runner: the work is done once, and when
// the holder stops another takes over.
package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"os"
	"sync/atomic"
	"time"

	"github.com/chancery-platform/chancery/monitor"
	"github.com/chancery-platform/chancery/store"
)

// Job is one kind of background work: Run does what is due and says how
// much it did; it runs every Every, by the lease holder only.
type Job struct {
	Name  string
	Every time.Duration
	Run   func(ctx context.Context) (int, error)
}

// Runner runs jobs until its context ends.
type Runner struct {
	db     *store.DB
	log    *slog.Logger
	holder string // this instance's name in the leases
	jobs   []Job
	// Tick is how often the runner looks for a job that is due; the
	// shortest Every unless set.
	Tick    time.Duration
	done    chan struct{} // closed when the runner has stopped
	started atomic.Bool
	// Metrics counts each run and failure by job; nil counts nothing.
	Metrics *monitor.Metrics
}

// New returns a runner of jobs over db.
func New(db *store.DB, log *slog.Logger, jobs ...Job) *Runner {
	host, _ := os.Hostname()
	b := make([]byte, 6)
	rand.Read(b)
	r := &Runner{db: db, log: log, holder: host + "-" + hex.EncodeToString(b), jobs: jobs, done: make(chan struct{})}
	for _, j := range jobs {
		if r.Tick == 0 || j.Every < r.Tick {
			r.Tick = j.Every
		}
	}
	if r.Tick <= 0 {
		r.Tick = time.Minute
	}
	return r
}

// lease is how long a job's lease lasts: past its next run, so the holder
// renews it before another may take it, and long enough for a slow run.
func lease(j Job) time.Duration { return max(3*j.Every, time.Minute) }

// Start runs the jobs in the background until ctx ends; Wait waits for
// the last run to finish.
func (r *Runner) Start(ctx context.Context) {
	r.started.Store(true)
	go r.run(ctx)
}

// Wait blocks until the runner has stopped and given up its leases. It
// returns at once for a runner never started.
func (r *Runner) Wait() {
	if r.started.Load() {
		<-r.done
	}
}

func (r *Runner) run(ctx context.Context) {
	defer close(r.done)
	last := make([]time.Time, len(r.jobs))
	held := make([]bool, len(r.jobs))
	t := time.NewTicker(r.Tick)
	defer t.Stop()
	for {
		for i, j := range r.jobs {
			if ctx.Err() != nil {
				break
			}
			now := time.Now()
			if !last[i].IsZero() && now.Sub(last[i]) < j.Every {
				continue
			}
			last[i] = now
			ok, err := r.db.TakeLease(ctx, j.Name, r.holder, lease(j))
			if err != nil {
				if ctx.Err() == nil {
					r.log.Error("take a job's lease", "job", j.Name, "err", err)
				}
				continue
			}
			held[i] = ok
			if !ok {
				continue // another instance runs it
			}
			_, err = r.runOnce(ctx, j)
			if ctx.Err() != nil {
				break // stopping is no failure of the job
			}
			r.Metrics.JobRun(j.Name, err)
			if err != nil {
				r.log.Error("job failed", "job", j.Name, "err", err)
			}
		}
		select {
		case <-ctx.Done():
			r.release(held)
			return
		case <-t.C:
		}
	}
}

// runOnce runs j within its lease: the run is stopped before the lease
// could lapse (the lease runs Every past the run's end at the latest), so
// no other instance takes the job over while this one still works at it.
// A job stopped part-way resumes at its next run: each is written to do
// its work in steps that stand on their own.
func (r *Runner) runOnce(ctx context.Context, j Job) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, lease(j)-j.Every)
	defer cancel()
	return j.Run(ctx)
}

// release gives up the leases held, so another instance takes the jobs
// over at once rather than when the leases lapse.
func (r *Runner) release(held []bool) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for i, j := range r.jobs {
		if held[i] {
			if err := r.db.ReleaseLease(ctx, j.Name, r.holder); err != nil {
				r.log.Warn("release a job's lease", "job", j.Name, "err", err)
			}
		}
	}
}
