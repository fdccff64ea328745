package store

import (
	"context"
	"errors"
	"strconv"
	"sync"
)

// maxBatch bounds how many waiting writes share one transaction.
const maxBatch = 64

// batcher runs concurrent short writes (booking requests and their rate
// limits) together in one write transaction, so that many requests pay for
// one BEGIN and one COMMIT. It decides nothing: every write still meets the
// database's own checks (the conditional update of a slot, the unique
// indexes, the idempotency key's primary key, the rate_limits rows) in the
// order it runs, exactly as if it ran alone. Its lock guards only the
// queue of waiting writes.
//
// A write that may fail for its own reasons (a booking that loses the
// race) undoes its part in a savepoint of its own (Tx.savepoint) and
// reports the failure as its result, not as an error. An error from a
// write means the transaction itself is in doubt: the batch is rolled back
// and each of its writes runs again alone, in a transaction of its own.
//
// While a batch runs, the writes that arrive wait, and the next batch
// takes them all. One batch runs at a time on both engines: SQLite has one
// writer, and on PostgreSQL two batches of one instance could lock the
// same rows (a slot, an address's rate limit) in different orders and
// deadlock. The batches of several instances on one PostgreSQL can still
// meet that way; PostgreSQL then aborts one, and inTx runs it again
// (retryTx).
type batcher struct {
	db      *DB
	mu      sync.Mutex
	queue   []*batchJob
	running bool // a leader is running batches
}

type batchJob struct {
	ctx  context.Context
	fn   func(ctx context.Context, tx *Tx) error
	err  error
	done chan struct{}
}

// inBatch runs fn in a write transaction shared with other waiting
// writes. fn may run twice (the second time alone, after its batch was
// rolled back), so it must set its results afresh each time; and it must
// use the ctx it is given, which no single request can cancel.
func (db *DB) inBatch(ctx context.Context, fn func(ctx context.Context, tx *Tx) error) error {
	b := db.batch
	j := &batchJob{ctx: ctx, fn: fn, done: make(chan struct{})}
	b.mu.Lock()
	b.queue = append(b.queue, j)
	lead := !b.running
	b.running = lead || b.running
	b.mu.Unlock()
	if lead {
		b.lead()
	}
	<-j.done
	return j.err
}

// lead runs one batch of the waiting writes, then hands the rest to a new
// leader so that its own request can answer.
func (b *batcher) lead() {
	b.mu.Lock()
	n := min(len(b.queue), maxBatch)
	jobs := b.queue[:n:n]
	b.queue = b.queue[n:]
	if len(jobs) == 0 {
		b.running = false
		b.mu.Unlock()
		return
	}
	b.mu.Unlock()
	b.run(jobs)
	go b.lead()
}

func (b *batcher) run(jobs []*batchJob) {
	var live []*batchJob
	for _, j := range jobs {
		if j.err = j.ctx.Err(); j.err == nil {
			live = append(live, j)
		}
	}
	if len(live) > 1 {
		// The batch's statements must not be cancelled by one request: on
		// SQLite an interrupted write rolls back the whole transaction.
		ctx := context.WithoutCancel(live[0].ctx)
		err := b.db.inTx(ctx, func(tx *Tx) error {
			for _, j := range live {
				if err := j.fn(ctx, tx); err != nil {
					return err
				}
			}
			return nil
		})
		if err == nil {
			live = nil
		}
		// A batch that may have committed must not run again, alone or
		// together: each of its writes reports the doubt.
		if errors.As(err, new(commitInDoubt)) {
			for _, j := range live {
				j.err = err
			}
			live = nil
		}
	}
	// What is left runs alone: a single write, or a batch rolled back
	// (inTx runs each again after a transient failure).
	for _, j := range live {
		j.err = b.db.inTx(j.ctx, func(tx *Tx) error { return j.fn(j.ctx, tx) })
	}
	for _, j := range jobs {
		close(j.done)
	}
}

// txBroken is a savepoint that could not be rolled back or released: the
// transaction cannot go on.
type txBroken struct{ err error }

func (e txBroken) Error() string { return "savepoint: " + e.err.Error() }
func (e txBroken) Unwrap() error { return e.err }

// savepoint runs fn inside a savepoint of tx: when fn fails, what it wrote
// is undone and the transaction goes on.
func (tx *Tx) savepoint(ctx context.Context, fn func() error) error {
	tx.savepoints++
	defer func() { tx.savepoints-- }()
	name := "sp" + strconv.Itoa(tx.savepoints)
	if _, err := tx.exec(ctx, "SAVEPOINT "+name); err != nil {
		return txBroken{err}
	}
	err := fn()
	if err != nil {
		if _, rerr := tx.exec(ctx, "ROLLBACK TO SAVEPOINT "+name); rerr != nil {
			return txBroken{rerr}
		}
	}
	if _, rerr := tx.exec(ctx, "RELEASE SAVEPOINT "+name); rerr != nil {
		return txBroken{rerr}
	}
	return err
}
