package store

import (
	"context"

	"github.com/chancery-platform/chancery"
	"github.com/chancery-platform/chancery/booking"
	"github.com/chancery-platform/chancery/events"
)

// UndoAttendance takes back an attendance mark: a booking marked as
// arrived or as a no-show (from) is confirmed again. The conditional
// update changes the booking only while it still has the status the
// officer saw, and a person who has booked the same service again since
// keeps that booking (the one-active-booking indexes refuse the undo).
// The change is audited.
func (db *DB) UndoAttendance(ctx context.Context, who Actor, reference string, from booking.Status) (booking.Booking, error) {
	if from != booking.CheckedIn && from != booking.NoShow {
		return booking.Booking{}, chancery.Errorf(chancery.EINVALID, "error.attendance_invalid")
	}
	return db.changeAttendance(ctx, who, "booking.attendance_undo", reference, from, booking.Confirmed,
		chancery.Errorf(chancery.ECONFLICT, "error.attendance_undo_changed", "Reference", reference))
}

// changeAttendance moves a booking from one status to another while it
// has the first (else notThere), and audits the change as action.
func (db *DB) changeAttendance(ctx context.Context, who Actor, action, reference string, from, to booking.Status, notThere error) (booking.Booking, error) {
	var b booking.Booking
	err := db.inTx(ctx, func(tx *Tx) error {
		var err error
		if b, err = findBooking(ctx, tx, reference); err != nil {
			return err
		}
		q := `UPDATE bookings SET status = ?, updated_at = ? WHERE id = ? AND status = ?`
		if to == booking.Confirmed {
			// A person holds one active booking of a service: one made since
			// keeps it. The condition answers alike on both engines; the
			// indexes bookings_one_per_* still refuse a concurrent booking.
			q += ` AND NOT EXISTS (SELECT 1 FROM bookings o WHERE o.service_id = bookings.service_id AND o.id <> bookings.id
				AND o.status IN ('pending', 'confirmed')
				AND (o.email_norm = bookings.email_norm OR (bookings.passport <> '' AND o.passport = bookings.passport)))`
		}
		rebooked := chancery.Errorf(chancery.ECONFLICT, "error.attendance_undo_rebooked", "Reference", reference)
		res, err := tx.exec(ctx, q, string(to), millis(tx.now), b.ID, string(from))
		if isUniqueViolation(err) {
			return rebooked
		}
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if b.Status == from && to == booking.Confirmed {
				return rebooked
			}
			return notThere
		}
		before := attendance{b.Reference, b.Status}
		if b, err = findBooking(ctx, tx, reference); err != nil {
			return err
		}
		return tx.audit(ctx, who, action, "booking", b.Reference, before, attendance{b.Reference, b.Status})
	})
	return b, err
}

// UndoCheckIn takes back a registration's check-in: the person holds
// their place again as registered. Only a checked-in registration
// changes; the change is audited.
func (db *DB) UndoCheckIn(ctx context.Context, who Actor, reference string) (events.Registration, error) {
	var r events.Registration
	err := db.inTx(ctx, func(tx *Tx) error {
		var err error
		if r, err = findRegistration(ctx, tx, reference, "", false); err != nil {
			return err
		}
		res, err := tx.exec(ctx, `UPDATE registrations SET status = 'registered', updated_at = ? WHERE id = ? AND status = 'checked_in'`,
			millis(tx.now), r.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return chancery.Errorf(chancery.ECONFLICT, "error.attendance_undo_changed", "Reference", reference)
		}
		before := r.Status
		if r, err = findRegistrationByID(ctx, tx, r.ID); err != nil {
			return err
		}
		return tx.audit(ctx, who, "registration.check_in_undo", "registration", r.Reference,
			map[string]any{"event": r.EventID, "status": before}, map[string]any{"event": r.EventID, "status": r.Status})
	})
	return r, err
}

// resent is what the audit log keeps of a mail sent again: which mail.
// Neither the address nor the manage link's token is kept.
type resent struct {
	Mail string
}

// ReissueBookingLink gives a confirmed booking a new manage-link token
// (hash is its hash; the old link stops working) and queues, in the same
// transaction, what notify composes with it. Staff use it when an
// applicant lost their mail; it is audited.
func (db *DB) ReissueBookingLink(ctx context.Context, who Actor, reference, hash string, notify func(booking.Booking) ([]Message, error)) (booking.Booking, error) {
	var b booking.Booking
	err := db.inTx(ctx, func(tx *Tx) error {
		var err error
		if b, err = findBooking(ctx, tx, reference); err != nil {
			return err
		}
		return tx.reissueLink(ctx, who, "booking", reference,
			`UPDATE bookings SET token_hash = ?, updated_at = ? WHERE id = ? AND status = 'confirmed'`, b.ID, hash,
			func() ([]Message, error) {
				msgs, err := notify(b)
				for i := range msgs {
					msgs[i].BookingID = b.ID
				}
				return msgs, err
			})
	})
	return b, err
}

// ReissueRegistrationLink is ReissueBookingLink for a registration that
// holds or waits for a place.
func (db *DB) ReissueRegistrationLink(ctx context.Context, who Actor, reference, hash string, notify func(events.Registration) ([]Message, error)) (events.Registration, error) {
	var r events.Registration
	err := db.inTx(ctx, func(tx *Tx) error {
		var err error
		if r, err = findRegistration(ctx, tx, reference, "", false); err != nil {
			return err
		}
		return tx.reissueLink(ctx, who, "registration", reference,
			`UPDATE registrations SET token_hash = ?, updated_at = ? WHERE id = ? AND status IN ('registered', 'waitlisted')`, r.ID, hash,
			func() ([]Message, error) { return notify(r) })
	})
	return r, err
}

// reissueLink sets the token hash of row id by update (which keeps to the
// active rows, else the thing is not active), queues what compose makes
// and audits the mail sent again as entity.resend.
func (tx *Tx) reissueLink(ctx context.Context, who Actor, entity, reference, update string, id int64, hash string, compose func() ([]Message, error)) error {
	res, err := tx.exec(ctx, update, hash, millis(tx.now), id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return chancery.Errorf(chancery.ECONFLICT, "error.resend_not_active", "Reference", reference)
	}
	msgs, err := compose()
	if err != nil {
		return err
	}
	if err := tx.enqueueEach(ctx, msgs); err != nil {
		return err
	}
	return tx.auditOnly(ctx, who, entity+".resend", entity, reference, nil, resent{"confirmation"})
}

// Booking reads a booking by its reference, for staff (no token asked).
func (db *DB) Booking(ctx context.Context, reference string) (booking.Booking, error) {
	return findBooking(ctx, db.reader(), reference)
}

// Registration reads a registration by its reference, for staff (no token asked).
func (db *DB) Registration(ctx context.Context, reference string) (events.Registration, error) {
	return findRegistration(ctx, db.reader(), reference, "", false)
}

// RegistrationList is a page of an event's registrations for the staff
// list: who is expected first, then who came, who waits and who
// cancelled, each in order of arrival; with how many there are of each.
type RegistrationList struct {
	Registrations []events.Registration
	Counts        map[events.Status]int
}

// RegistrationsPage reads limit registrations of the event from offset,
// in the staff list's order, and the count of each status.
func (db *DB) RegistrationsPage(ctx context.Context, eventID string, limit, offset int) (RegistrationList, error) {
	l := RegistrationList{Counts: map[events.Status]int{}}
	rows, err := db.reader().query(ctx, `SELECT status, COUNT(*) FROM registrations WHERE event_id = ? GROUP BY status`, eventID)
	if err != nil {
		return l, err
	}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			rows.Close()
			return l, err
		}
		l.Counts[events.Status(st)] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return l, err
	}
	rows, err = db.reader().query(ctx, `SELECT `+registrationColumns+` FROM registrations WHERE event_id = ?
		ORDER BY CASE status WHEN 'registered' THEN 0 WHEN 'checked_in' THEN 1 WHEN 'waitlisted' THEN 2 ELSE 3 END, position
		LIMIT ? OFFSET ?`, eventID, limit, offset)
	if err != nil {
		return l, err
	}
	defer rows.Close()
	for rows.Next() {
		r, _, err := scanRegistration(rows)
		if err != nil {
			return l, err
		}
		l.Registrations = append(l.Registrations, r)
	}
	return l, rows.Err()
}
