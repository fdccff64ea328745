package store

import (
	"context"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
)

// VerifyBooking confirms a pending booking for whoever holds its token and
// the code mailed to its applicant, in one transaction, and enqueues what notify
// gives for the confirmed booking (its confirmation with the calendar
// entry). Confirming twice is harmless: the second call finds the booking
// confirmed and sends nothing more. A wrong token and an unknown
// reference get the same answer, as elsewhere; a booking whose time to confirm
// has passed is cancelled, its place given back, and the answer says so.
func (db *DB) VerifyBooking(ctx context.Context, reference, token, code string, notify func(booking.Booking) ([]Message, error)) (booking.Booking, error) {
	var b booking.Booking
	expired := false
	err := db.inTx(ctx, func(tx *Tx) error {
		var tokenHash, codeHash string
		var err error
		b, tokenHash, err = findBookingWithToken(ctx, tx, reference)
		if chancery.ErrorCode(err) == chancery.ENOTFOUND || (err == nil && !booking.TokenMatches(tokenHash, token)) {
			return chancery.Errorf(chancery.ENOTFOUND, "error.booking_not_found")
		}
		if err != nil {
			return err
		}
		if err := tx.queryRow(ctx, `SELECT verify_hash FROM bookings WHERE id = ?`, b.ID).Scan(&codeHash); err != nil {
			return err
		}
		if codeHash == "" || !booking.TokenMatches(codeHash, code) {
			return chancery.Errorf(chancery.EINVALID, "error.verification_invalid")
		}
		switch {
		case b.Status == booking.Pending && !tx.now.Before(b.VerifyBy):
			if _, err := tx.cancel(ctx, b, booking.Unverified, `status = 'pending'`); err != nil {
				return err
			}
			expired = true
			return nil
		case b.Status == booking.Cancelled && b.CancelReason == booking.Unverified:
			expired = true
			return nil
		case b.Status != booking.Pending:
			return nil // confirmed already, or ended otherwise: nothing to do
		}
		res, err := tx.exec(ctx, `UPDATE bookings SET status = 'confirmed', updated_at = ? WHERE id = ? AND status = 'pending'`,
			millis(tx.now), b.ID)
		if err != nil {
			return err
		}
		if b, err = findBooking(ctx, tx, reference); err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // confirmed concurrently, which sent the confirmation
		}
		return tx.notify(ctx, b, notify)
	})
	if err == nil && expired {
		return b, chancery.Errorf(chancery.ECONFLICT, "error.verification_expired")
	}
	return b, err
}

// Unverified lists the pending bookings whose time to confirm their email
// has passed.
func (db *DB) Unverified(ctx context.Context) ([]booking.Booking, error) {
	return db.bookingsWhere(ctx, `b.status = 'pending' AND b.verify_by > 0 AND b.verify_by <= ?`, millis(db.Now()))
}

// ExpireBooking cancels a pending booking whose time to confirm has
// passed, gives its place back and enqueues what notify gives, in one
// transaction. It reports false when the booking was confirmed or ended
// meanwhile (by another instance, say), and then changes nothing.
func (db *DB) ExpireBooking(ctx context.Context, b booking.Booking, notify func(booking.Booking) ([]Message, error)) (bool, error) {
	done := false
	err := db.inTx(ctx, func(tx *Tx) error {
		ok, err := tx.cancel(ctx, b, booking.Unverified, `status = 'pending' AND verify_by > 0 AND verify_by <= ?`, millis(tx.now))
		if err != nil || !ok {
			return err
		}
		if b, err = findBooking(ctx, tx, b.Reference); err != nil {
			return err
		}
		done = true
		return tx.notify(ctx, b, notify)
	})
	return done, err
}
