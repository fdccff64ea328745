package staff

import (
	"context"
	"runtime"
	"time"
)

// Hashing bounds how many password hashes this process computes at
// once. Each argon2id hash holds its memory (64 MiB at production's cost)
// while it runs, so sign-ins let through all at once would exhaust the
// machine's memory: twenty took a process from 100 MB to 1.3 GB. The
// bound is per process by design, since it protects this process's
// memory; the rate limits, which every instance shares, are in the
// database.
type Hashing struct {
	slots   chan struct{}
	wait    time.Duration
	collect bool // run the collector as each hash starts (see start)
}

// MaxHashes bounds the -password-hashes setting: even at this many, a
// process holds about 4 GiB for hashing.
const MaxHashes = 64

// DefaultHashes is the number of concurrent hashes a process allows by
// default: half the CPUs the Go runtime uses, since each hash runs two
// lanes in parallel (more would only wait for a CPU while holding their
// memory), at least one and at most three, so that 200 sign-ins at once
// keep the process under 400 MB.
func DefaultHashes() int { return min(max(runtime.GOMAXPROCS(0)/2, 1), 3) }

// HashWait is how long a sign-in waits for a hashing slot before it is
// answered "busy, try again": longer than a few hashes take, short
// enough that waiting requests do not pile up.
const HashWait = 2 * time.Second

// NewHashing allows n hashes at once (at least one) at cost, each
// waiting at most wait for its turn.
func NewHashing(n int, wait time.Duration, cost PasswordCost) *Hashing {
	_, memory, _ := cost.params()
	return &Hashing{slots: make(chan struct{}, max(n, 1)), wait: wait, collect: memory >= collectFrom}
}

// collectFrom is the hash memory, in KiB, from which a collection as each
// hash starts pays: it costs far less than such a hash, and the cheap
// hashes of tests would be slowed by it for nothing.
const collectFrom = 8 * 1024

// Acquire waits for a slot, at most the wait given to NewHashing (or
// until ctx ends). ok is false when no slot came free; otherwise release
// must be called once the hash is done.
func (h *Hashing) Acquire(ctx context.Context) (release func(), ok bool) {
	select {
	case h.slots <- struct{}{}:
		h.start()
		return h.release, true
	default:
	}
	t := time.NewTimer(h.wait)
	defer t.Stop()
	select {
	case h.slots <- struct{}{}:
		h.start()
		return h.release, true
	case <-t.C:
		return nil, false
	case <-ctx.Done():
		return nil, false
	}
}

func (h *Hashing) release() { <-h.slots }

// start runs the garbage collector as a hash starts, so that it reuses
// the memory of finished hashes: on its own the collector lets them pile
// up to twice the live heap before it runs, and the process holds them.
func (h *Hashing) start() {
	if h.collect {
		runtime.GC()
	}
}
