package store

import (
	"context"
	"time"
)

// TakeLease gives holder the lease of the named job until ttl from now,
// if the lease is free (never taken, or lapsed) or holder's already, and
// reports whether holder has it. The update is conditional, so of several
// instances asking at once exactly one gets a free lease.
func (db *DB) TakeLease(ctx context.Context, job, holder string, ttl time.Duration) (bool, error) {
	var ok bool
	err := db.inTx(ctx, func(tx *Tx) error {
		now := millis(tx.now)
		if _, err := tx.exec(ctx, `INSERT INTO job_leases (job, holder, held_until) VALUES (?, ?, 0) ON CONFLICT DO NOTHING`,
			job, holder); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE job_leases SET holder = ?, held_until = ? WHERE job = ? AND (holder = ? OR held_until < ?)`,
			holder, now+ttl.Milliseconds(), job, holder, now)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		ok = n == 1
		return err
	})
	return ok, err
}

// ReleaseLease gives up holder's lease of the job, so that another
// instance may take it at once (on shutdown); another's lease is left.
func (db *DB) ReleaseLease(ctx context.Context, job, holder string) error {
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `UPDATE job_leases SET held_until = 0 WHERE job = ? AND holder = ?`, job, holder)
		return err
	})
}
