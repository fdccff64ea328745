package store

import (
	"context"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/events"
)

// lockEvent takes the event's row for the rest of the transaction, so the
// writes of one event run one after another on every instance (on
// PostgreSQL a second transaction waits here for the first to commit, then
// reads what it left).
func (tx *Tx) lockEvent(ctx context.Context, eventID string) (events.Event, error) {
	if _, err := tx.exec(ctx, `UPDATE event_registrations SET updated_at = ? WHERE event_id = ?`, millis(tx.now), eventID); err != nil {
		return events.Event{}, err
	}
	return findEvent(ctx, tx, eventID)
}

// CancelRegistration cancels an active registration for whoever holds its
// token, in one transaction: a place it held goes to the first person on
// the waiting list, who is mailed in the same transaction; a place in
// line simply ends. notify gives the messages of both. Cancelling twice is
// harmless: the second call finds the registration cancelled, returns it
// and sends nothing. Once the event has begun, or after check-in, the
// answer is ECONFLICT.
func (db *DB) CancelRegistration(ctx context.Context, reference, token string, notify RegistrationNotify) (events.Registration, error) {
	var r events.Registration
	err := db.inTx(ctx, func(tx *Tx) error {
		var err error
		if r, err = findRegistration(ctx, tx, reference, token, true); err != nil {
			return err
		}
		e, err := tx.lockEvent(ctx, r.EventID)
		if err != nil {
			return err
		}
		// Read again under the lock: a concurrent cancel may have won.
		if r, err = findRegistration(ctx, tx, reference, "", false); err != nil {
			return err
		}
		if r.Status == events.Cancelled {
			return nil
		}
		if !r.Cancellable(e, tx.now) {
			return chancery.Errorf(chancery.ECONFLICT, "error.registration_not_cancellable")
		}
		was := r.Status
		res, err := tx.exec(ctx, `UPDATE registrations SET status = 'cancelled', sequence = sequence + 1, updated_at = ?
			WHERE id = ? AND status = ?`, millis(tx.now), r.ID, string(was))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return chancery.Errorf(chancery.ECONFLICT, "error.registration_not_cancellable")
		}
		counter := `waiting = waiting - 1`
		if was.Holds() {
			counter = `registered = registered - 1`
		}
		if _, err := tx.exec(ctx, `UPDATE event_registrations SET `+counter+` WHERE event_id = ?`, r.EventID); err != nil {
			return err
		}
		if r, err = findRegistrationByID(ctx, tx, r.ID); err != nil {
			return err
		}
		if !was.Holds() {
			return tx.notifyRegistration(ctx, notify, events.Left, r)
		}
		if err := tx.notifyRegistration(ctx, notify, events.Withdrawn, r); err != nil {
			return err
		}
		return tx.promote(ctx, r.EventID, notify)
	})
	return r, err
}

// CheckIn marks that a registered person came, and audits it. Checking in
// twice is an ECONFLICT, as is a registration that holds no place.
func (db *DB) CheckIn(ctx context.Context, who Actor, reference string) (events.Registration, error) {
	var r events.Registration
	err := db.inTx(ctx, func(tx *Tx) error {
		var err error
		if r, err = findRegistration(ctx, tx, reference, "", false); err != nil {
			return err
		}
		e, err := tx.lockEvent(ctx, r.EventID)
		if err != nil {
			return err
		}
		if r, err = findRegistrationByID(ctx, tx, r.ID); err != nil {
			return err
		}
		if err := r.CheckInAllowed(e, tx.now); err != nil {
			return err
		}
		before := r
		if _, err := tx.exec(ctx, `UPDATE registrations SET status = 'checked_in', updated_at = ? WHERE id = ? AND status = 'registered'`,
			millis(tx.now), r.ID); err != nil {
			return err
		}
		if r, err = findRegistrationByID(ctx, tx, r.ID); err != nil {
			return err
		}
		return tx.audit(ctx, who, "registration.check_in", "registration", r.Reference,
			map[string]any{"event": e.ID, "status": before.Status}, map[string]any{"event": e.ID, "status": r.Status})
	})
	return r, err
}
