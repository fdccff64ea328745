package store

import (
	"context"
	"runtime"
	"sync"
	"time"
)

// Revision is a number that grows with every audited change. Whatever is
// read after it is at least as new as that revision, so it can key caches
// of anything built from the data.
//
// On PostgreSQL the read is a network round trip, which every public page
// pays before it may answer from the page cache. Callers that arrive while
// a read is under way share the next one (see sharedReads): each caller's
// answer still comes from a read that began after the caller arrived, so a
// change committed before a request is never missed, and under load one
// round trip serves many requests.
func (db *DB) Revision(ctx context.Context) (int64, error) {
	if db.Dialect != Postgres {
		return db.readRevision(ctx)
	}
	return db.revisionReads.do(ctx, db.readRevision)
}

// readRevision reads the revision with a statement prepared on first use,
// again when the connection was lost (retryTx), as every other read.
func (db *DB) readRevision(ctx context.Context) (n int64, err error) {
	err = db.retryTx(ctx, func() error {
		st := db.revision.Load()
		if st == nil {
			var err error
			if st, err = db.read.PrepareContext(ctx, `SELECT n FROM data_revision WHERE id = 1`); err != nil {
				return err
			}
			if !db.revision.CompareAndSwap(nil, st) {
				st.Close()
				st = db.revision.Load()
			}
		}
		return st.QueryRowContext(ctx).Scan(&n)
	})
	return n, err
}

// sharedReads runs one read at a time for any number of callers. A caller
// that finds no read under way starts one; callers that arrive while one
// is under way wait for the next, which starts when it ends and answers
// them all. No caller gets the answer of a read that began before it came.
type sharedReads[T any] struct {
	mu      sync.Mutex
	running bool
	next    *sharedRead[T] // the read the callers arriving now will share
}

// sharedRead is one read and the callers waiting for it.
type sharedRead[T any] struct {
	done chan struct{}
	n    T
	err  error
}

// sharedReadTimeout bounds one shared read, which no single caller's
// context may cancel for the others.
const sharedReadTimeout = 10 * time.Second

func (s *sharedReads[T]) do(ctx context.Context, read func(context.Context) (T, error)) (T, error) {
	s.mu.Lock()
	if s.next == nil {
		s.next = &sharedRead[T]{done: make(chan struct{})}
	}
	r := s.next
	if !s.running {
		s.running = true
		go s.run(read)
	}
	s.mu.Unlock()
	select {
	case <-r.done:
		return r.n, r.err
	case <-ctx.Done():
		var zero T
		return zero, ctx.Err()
	}
}

// run performs the waiting reads one after another until none is left.
func (s *sharedReads[T]) run(read func(context.Context) (T, error)) {
	for {
		s.mu.Lock()
		r := s.next
		s.next = nil
		if r == nil {
			s.running = false
			s.mu.Unlock()
			return
		}
		s.mu.Unlock()
		ctx, cancel := context.WithTimeout(context.Background(), sharedReadTimeout)
		r.n, r.err = read(ctx)
		cancel()
		close(r.done)
		// Before the next read, let the requests already running reach
		// it: under load each read then answers many more callers (a
		// service's slots under wrk: 0.29 of the trivial handler's
		// requests/s without these yields, 0.41 with two). A caller still
		// never gets a read that began before it came.
		runtime.Gosched()
		runtime.Gosched()
	}
}
