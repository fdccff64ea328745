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
	slots chan struct{}
	wait  time.Duration
}

// MaxHashes bounds the -password-hashes setting: even at this many, a
// process holds about 4 GiB for hashing.
const MaxHashes = 64

// DefaultHashes is the number of concurrent hashes a process allows by
// default: one per CPU the Go runtime uses, at most four, so that the
// hashing of 200 concurrent sign-ins stays within a few hundred MB.
func DefaultHashes() int { return min(runtime.GOMAXPROCS(0), 4) }

// HashWait is how long a sign-in waits for a hashing slot before it is
// answered "busy, try again": longer than a few hashes take, short
// enough that waiting requests do not pile up.
const HashWait = 2 * time.Second

// NewHashing allows n hashes at once (at least one), each waiting at most
// wait for its turn.
func NewHashing(n int, wait time.Duration) *Hashing {
	return &Hashing{slots: make(chan struct{}, max(n, 1)), wait: wait}
}

// Acquire waits for a slot, at most the wait given to NewHashing (or
// until ctx ends). ok is false when no slot came free; otherwise release
// must be called once the hash is done.
func (h *Hashing) Acquire(ctx context.Context) (release func(), ok bool) {
	select {
	case h.slots <- struct{}{}:
		return h.release, true
	default:
	}
	t := time.NewTimer(h.wait)
	defer t.Stop()
	select {
	case h.slots <- struct{}{}:
		return h.release, true
	case <-t.C:
		return nil, false
	case <-ctx.Done():
		return nil, false
	}
}

func (h *Hashing) release() { <-h.slots }
