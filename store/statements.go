package store

import (
	"context"
	"database/sql"
	"errors"
	"sync"
)

// maxStatements bounds the prepared statements kept per pool; a query met
// after that is parsed each time, as before.
const maxStatements = 256

// statements keeps one prepared statement per query text for a pool of
// SQLite connections. modernc.org/sqlite parses every query it is given
// anew, and on the single writer connection that parsing is time every
// other writer waits for; database/sql prepares a kept *sql.Stmt once per
// connection and reuses it. PostgreSQL needs none: pgx keeps its own cache
// of prepared statements per connection.
//
// The writer pool has one connection, which a running transaction holds,
// so a query first met inside a transaction runs unprepared and is only
// noted; the next Begin prepares what was noted before it takes the
// connection.
type statements struct {
	pool   *sql.DB
	mu     sync.RWMutex
	m      map[string]*sql.Stmt
	wanted map[string]bool
}

func newStatements(pool *sql.DB) *statements {
	return &statements{pool: pool, m: map[string]*sql.Stmt{}, wanted: map[string]bool{}}
}

// lookup returns the prepared statement of q, or nil after noting q for
// prepareWanted.
func (s *statements) lookup(q string) *sql.Stmt {
	s.mu.RLock()
	st, ok := s.m[q]
	s.mu.RUnlock()
	if ok {
		return st
	}
	s.mu.Lock()
	if len(s.m)+len(s.wanted) < maxStatements {
		s.wanted[q] = true
	}
	s.mu.Unlock()
	return nil
}

// get returns the prepared statement of q, preparing it now; nil when the
// cache is full or q does not prepare (running it gives the error).
func (s *statements) get(ctx context.Context, q string) *sql.Stmt {
	if st := s.lookup(q); st != nil {
		return st
	}
	s.prepareWanted(ctx)
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.m[q]
}

// prepareWanted prepares the queries lookup noted. It must not be called
// while the caller holds a connection of the pool; the lock is not held
// while preparing, so a reader holding a connection never waits on it.
func (s *statements) prepareWanted(ctx context.Context) {
	s.mu.RLock()
	n := len(s.wanted)
	s.mu.RUnlock()
	if n == 0 {
		return
	}
	s.mu.Lock()
	var qs []string
	for q := range s.wanted {
		qs = append(qs, q)
		delete(s.wanted, q)
	}
	s.mu.Unlock()
	for _, q := range qs {
		st, err := s.pool.PrepareContext(ctx, q)
		if err != nil {
			continue
		}
		s.mu.Lock()
		if _, ok := s.m[q]; ok {
			st.Close()
		} else {
			s.m[q] = st
		}
		s.mu.Unlock()
	}
}

func (s *statements) close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	var err error
	for q, st := range s.m {
		err = errors.Join(err, st.Close())
		delete(s.m, q)
	}
	return err
}
